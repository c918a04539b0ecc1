using Cme.Domain.Common;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Professionals;

namespace Cme.Domain.Tests.Courses;

public sealed class CourseWorkflowTests
{
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly Guid Admin = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 8, 0, 0, TimeSpan.Zero);

    private static Course NewCourse() => new(Author, new CourseDetails(
        "ENDO-001", "社区2型糖尿病低血糖处理", "Hypoglycaemia in type 2 diabetes in the community", "摘要", "Summary",
        "endocrinology", [Profession.GeneralPractitioner], ["识别低血糖"], CreditClasses.ClassII, 1.5m, ProjectLevel.Consortium, []), Now);

    private static Course ReadyToSubmit()
    {
        var course = NewCourse();
        var version = course.LatestVersion;
        version.AddModule(ModuleKind.Scenario, "病例", null, ScenarioGraphTests.ChestPain(), null);
        version.Disclose("无利益冲突。");
        return course;
    }

    [Fact]
    public void Workflow_FromDraftToPublished_RecordsEveryTransition()
    {
        var course = ReadyToSubmit();
        var version = course.LatestVersion;

        course.Submit(version.Id, Author, Now);
        course.Accredit(version.Id, Admin, Now, CreditClasses.ClassI, 2m, ProjectLevel.Provincial, "川继教〔2026〕088号");
        course.Publish(version.Id, Admin, Now);

        version.Status.ShouldBe(CourseVersionStatus.Published);
        version.Transitions.Select(t => t.To).ShouldBe(
            [CourseVersionStatus.Submitted, CourseVersionStatus.Accredited, CourseVersionStatus.Published]);
        course.CreditClass.ShouldBe("I");
        course.CreditValue.ShouldBe(2m);
        course.AccreditationNumber.ShouldBe("川继教〔2026〕088号");
    }

    [Fact]
    public void Submit_WithoutDisclosureOrWithABrokenScenario_ListsEveryProblem()
    {
        var course = NewCourse();
        var version = course.LatestVersion;
        var broken = version.AddModule(ModuleKind.Scenario, "坏病例", null,
            new Cme.Domain.Courses.Scenarios.ScenarioGraph([new("x", Cme.Domain.Courses.Scenarios.ScenarioNodeKind.History, "X", "")], 50), null);

        var refused = Should.Throw<SubmissionRefusedException>(() => course.Submit(version.Id, Author, Now));

        refused.Problems.Keys.ShouldBe(["disclosure", $"modules[{broken.Id}]"], ignoreOrder: true);
        version.Status.ShouldBe(CourseVersionStatus.Draft);
    }

    [Fact]
    public void Accredit_ByTheCoursesOwnAuthor_IsRefused()
    {
        var course = ReadyToSubmit();
        course.Submit(course.LatestVersion.Id, Author, Now);

        Should.Throw<DomainException>(() =>
            course.Accredit(course.LatestVersion.Id, Author, Now, "I", 1, ProjectLevel.National, "N-1")).Reason.Code.ShouldBe("review.author-cannot-decide");
    }

    [Fact]
    public void PublishedVersion_NeverChanges_EditingStartsANewDraft()
    {
        var course = ReadyToSubmit();
        var v1 = course.LatestVersion;
        course.Submit(v1.Id, Author, Now);
        course.Accredit(v1.Id, Admin, Now, "II", 1, ProjectLevel.Consortium, "YLT-2026-01");
        course.Publish(v1.Id, Admin, Now);

        Should.Throw<CourseVersionStateException>(() => v1.AddModule(ModuleKind.Page, "新页", "text", null, null));
        var v2 = course.StartNewVersion(Author, Now);

        v2.Number.ShouldBe(2);
        v2.Modules.Count.ShouldBe(1);
        v2.Modules[0].Id.ShouldNotBe(v1.Modules[0].Id);
        v2.AddModule(ModuleKind.Page, "补充", "内容", null, null);
        v1.Modules.Count.ShouldBe(1);
    }

    [Fact]
    public void RequestChanges_ReopensTheVersionWithCommentsPerModule()
    {
        var course = ReadyToSubmit();
        var version = course.LatestVersion;
        course.Submit(version.Id, Author, Now);

        course.RequestChanges(version.Id, Admin, Now, [(version.Modules[0].Id, null, "请补充心电图图片。")]);

        version.Status.ShouldBe(CourseVersionStatus.ChangesRequested);
        version.ReviewComments.Single().ModuleId.ShouldBe(version.Modules[0].Id);
        version.IsEditable.ShouldBeTrue();
    }

    [Fact]
    public void RequestChanges_CanNameANodeOfTheModulesCase_ButNotOneItDoesNotHave()
    {
        var course = ReadyToSubmit();
        var version = course.LatestVersion;
        course.Submit(version.Id, Author, Now);
        var module = version.Modules[0].Id;

        Should.Throw<DomainException>(() => course.RequestChanges(version.Id, Admin, Now, [(module, "nowhere", "？")]))
            .Reason.Code.ShouldBe("review.node-unknown");
        Should.Throw<DomainException>(() => course.RequestChanges(version.Id, Admin, Now, [(null, "decide", "？")]))
            .Reason.Code.ShouldBe("review.node-unknown");
        course.RequestChanges(version.Id, Admin, Now, [(module, "decide", "“先做心电图”也应给满分。")]);

        var comment = version.ReviewComments.Single();
        comment.ModuleId.ShouldBe(module);
        comment.NodeId.ShouldBe("decide");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1.25)]
    [InlineData(51)]
    public void CreditValue_MustBeInStepsOfHalf(decimal value)
    {
        Course.IsValidCreditValue(value).ShouldBeFalse();
    }

    [Fact]
    public void Quiz_MarksSingleAndMultipleChoice()
    {
        var quiz = new Quiz(QuizPurpose.PostTest, 50,
        [
            new("q1", "低血糖诊断阈值？", QuestionKind.SingleChoice, [new("a", "<3.9 mmol/L", true), new("b", "<6.1 mmol/L", false)], "糖尿病患者血糖<3.9即为低血糖。"),
            new("q2", "可引起低血糖的药物？", QuestionKind.MultipleChoice, [new("a", "格列美脲", true), new("b", "胰岛素", true), new("c", "二甲双胍", false)], "磺脲类和胰岛素。"),
        ]);

        var result = quiz.Mark(new Dictionary<string, IReadOnlyCollection<string>> { ["q1"] = ["a"], ["q2"] = ["a"] });

        quiz.Validate().ShouldBeEmpty();
        result.ScorePercent.ShouldBe(50m);
        result.Passed.ShouldBeTrue();
        result.Questions[1].Correct.ShouldBeFalse();
        result.Questions[1].CorrectOptions.ShouldBe(["a", "b"]);
    }
}
