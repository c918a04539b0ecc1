using Cme.Application.Reviews;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using static Cme.Domain.Courses.Scenarios.ScenarioNodeKind;

namespace Cme.Application.Tests.Reviews;

/// <summary>The reviewer is told what changed since the accredited version, module by module, down to a node's fields.</summary>
public sealed class VersionComparisonTests
{
    private static ScenarioGraph Case(decimal referScore = 10, string narrative = "58岁男性，胸痛30分钟。", string referFeedback = "正确。") => new(
    [
        new("start", Presentation, "胸痛就诊", narrative, IsStart: true, NextNodeId: "decide",
            VitalSigns: [new VitalSign("血压", "150/95", "mmHg")]),
        new("decide", Decision, "如何处理？", "", Options:
        [
            new ScenarioOption("refer", "立即转诊", "good", referScore, referFeedback),
            new ScenarioOption("home", "回家观察", "bad", 0, "危险。", CriticalError: true),
        ]),
        new("good", Outcome, "及时救治", ""),
        new("bad", Outcome, "延误", ""),
    ], 60);

    private static Quiz PostTest(string explanation = "时间就是心肌。", params QuizQuestion[] more) => new(QuizPurpose.PostTest, 60,
    [
        new QuizQuestion("q1", "疑似急性冠脉综合征应？", QuestionKind.SingleChoice,
            [new QuizOption("a", "立即转诊", true), new QuizOption("b", "观察", false)], explanation),
        .. more,
    ]);

    private static ModuleContent Page(int position, string title, string markdown) => new(position, ModuleKind.Page, title, markdown, null, null);

    private static ModuleContent Scenario(int position, ScenarioGraph graph) => new(position, ModuleKind.Scenario, "病例：胸痛", null, graph, null);

    private static ModuleContent QuizModule(int position, Quiz quiz) => new(position, ModuleKind.Quiz, "课后测", null, null, quiz);

    [Fact]
    public void TheSameContent_IsUnchangedEverywhere()
    {
        var changes = VersionComparison.Compare(
            [Page(0, "导读", "# 胸痛"), Scenario(1, Case()), QuizModule(2, PostTest())],
            [Page(0, "导读", "# 胸痛"), Scenario(1, Case()), QuizModule(2, PostTest())]);

        changes.Count.ShouldBe(3);
        changes.ShouldNotBeEmpty();
        changes.ShouldAllBe(c => c.Change == ContentChange.Unchanged && c.Fields.Count == 0 && c.Items.Count == 0);
    }

    [Fact]
    public void ANodesNarrativeAndAnOptionsScore_AreNamed_OnTheChangedNode()
    {
        var changes = VersionComparison.Compare([Scenario(0, Case())], [Scenario(0, Case(referScore: 8, narrative: "62岁女性，胸痛1小时。"))]);

        var module = changes.ShouldHaveSingleItem();
        module.Change.ShouldBe(ContentChange.Changed);
        module.Fields.ShouldBeEmpty();
        var start = module.Items.Single(i => i.Id == "start");
        start.Change.ShouldBe(ContentChange.Changed);
        start.Fields.ShouldBe(["narrative"]);
        var decide = module.Items.Single(i => i.Id == "decide");
        decide.Fields.ShouldBe(["score"]);
        module.Items.Count.ShouldBe(2); // the unchanged outcomes are left out
    }

    [Fact]
    public void NodesAddedAndRemoved_AndAnOptionAdded_AreTold()
    {
        var before = Case();
        var after = before with
        {
            Nodes =
            [
                .. before.Nodes.Where(n => n.Id != "bad").Select(n => n.Id == "decide"
                    ? n with { Options = [.. n.Options.Where(o => o.Id == "refer"), new ScenarioOption("aspirin", "嚼服阿司匹林后转诊", "good2", 10, "更好。")] }
                    : n),
                new ScenarioNode("good2", Outcome, "更早救治", ""),
            ],
        };

        var module = VersionComparison.Compare([Scenario(0, before)], [Scenario(0, after)]).ShouldHaveSingleItem();

        module.Change.ShouldBe(ContentChange.Changed);
        module.Items.Single(i => i.Id == "decide").Fields.ShouldBe(["options"]);
        module.Items.Single(i => i.Id == "good2").Change.ShouldBe(ContentChange.Added);
        var removed = module.Items.Single(i => i.Id == "bad");
        removed.Change.ShouldBe(ContentChange.Removed);
        removed.Label.ShouldBe("延误");
    }

    [Fact]
    public void QuestionsAddedAndChanged_AndAModuleAddedOrRemoved_AreTold()
    {
        var added = new QuizQuestion("q2", "阿司匹林的剂量？", QuestionKind.SingleChoice,
            [new QuizOption("a", "300 mg", true), new QuizOption("b", "30 mg", false)], "");

        var changes = VersionComparison.Compare(
            [Page(0, "导读", "# 胸痛"), QuizModule(1, PostTest())],
            [QuizModule(0, PostTest("先转诊，再说明理由。", added)), Scenario(1, Case())]);

        changes.Count.ShouldBe(3);
        var quiz = changes.Single(c => c.Kind == ModuleKind.Quiz);
        quiz.Change.ShouldBe(ContentChange.Changed);
        quiz.Items.Single(i => i.Id == "q1").Fields.ShouldBe(["explanation"]);
        quiz.Items.Single(i => i.Id == "q2").Change.ShouldBe(ContentChange.Added);
        changes.Single(c => c.Kind == ModuleKind.Scenario).Change.ShouldBe(ContentChange.Added);
        changes.Single(c => c.Kind == ModuleKind.Page).Change.ShouldBe(ContentChange.Removed);
    }

    [Fact]
    public void ARetitledPageInItsPlace_IsChanged_WithItsTitleAndText()
    {
        var module = VersionComparison.Compare([Page(0, "导读", "# 胸痛")], [Page(0, "课程导读", "# 胸痛的识别")]).ShouldHaveSingleItem();

        module.Change.ShouldBe(ContentChange.Changed);
        module.Fields.ShouldBe(["title", "text"]);
        module.PreviousTitle.ShouldBe("导读");
        module.Title.ShouldBe("课程导读");
    }
}
