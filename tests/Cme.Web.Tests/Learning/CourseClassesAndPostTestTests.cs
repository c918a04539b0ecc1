using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Learning;

/// <summary>
/// A GP goes from a course to its classes and enrols there; the offerings list then shows their own
/// place ("已报名", "候补第 N 位") instead of the seats; the post-test says which attempt this is and
/// keeps its answers to itself after a failed one.
/// </summary>
public sealed class CourseClassesAndPostTestTests(WebStack stack) : IClassFixture<WebStack>
{
    private const string HypoCode = "ENDO-HYPO-01";

    private async Task<(HttpClient Admin, Guid Course)> ArrangeAsync()
    {
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var course = (await admin.GetFromJsonAsync<JsonElement>($"api/v1/catalogue?search={HypoCode}")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        return (admin, course);
    }

    private static async Task<Guid> InstitutionAsync(HttpClient admin, string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    /// <summary>A face-to-face class of the hypoglycaemia course at West China Hospital with one session next month.</summary>
    private static async Task<Guid> ClassAsync(HttpClient admin, Guid course, string title, int capacity)
    {
        var now = DateTimeOffset.UtcNow;
        var host = await InstitutionAsync(admin, "WCH");
        var created = await admin.PostAsJsonAsync("api/v1/offerings", new
        {
            courseId = course,
            offering = new
            {
                title, modality = "FaceToFace", hostInstitutionId = host,
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = 60, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var offering = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var start = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(11).AddHours(14);
        var session = await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/sessions", new
        {
            title = "低血糖病例讨论", type = "CaseDiscussion", startsAtLocal = start, endsAtLocal = start.AddHours(2),
            institutionId = host, place = "华西医院 教学楼 201",
        });
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        return offering;
    }

    /// <summary>Someone else takes a seat: a new learner enrolled by the CME office.</summary>
    private static async Task TakeASeatAsync(HttpClient admin, Guid offering)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = await admin.PostAsJsonAsync("api/v1/professionals", new
        {
            nameZh = "测试学员", nameLatin = "Ceshi Xueyuan", profession = "Physician", titleLevel = "Intermediate",
            licenceNumber = $"T{unique}", institutionId = await InstitutionAsync(admin, "WCH"), email = $"{unique}@test.cme",
            preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        person.StatusCode.ShouldBe(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        var id = (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var enrolled = await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = id });
        enrolled.StatusCode.ShouldBe(HttpStatusCode.OK, await enrolled.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Gp_OpensACourse_SeesItsClass_AndEnrolsThere_ThenTheOfferingsListSaysEnrolled()
    {
        var (admin, course) = await ArrangeAsync();
        var offering = await ClassAsync(admin, course, "E2E 低血糖冬季班", capacity: 20);
        var gp = await stack.SignInAsync(Demo.Gp);

        await gp.GotoAsync($"/catalogue/{course}");
        var row = gp.Locator($"[data-testid=course-class][data-offering-id='{offering}']");
        await Assertions.Expect(row).ToContainTextAsync("E2E 低血糖冬季班");
        await Assertions.Expect(row).ToContainTextAsync("华西医院");
        await Assertions.Expect(row.GetByTestId("course-class-session")).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("course-class-seats")).ToContainTextAsync("剩余20个名额");
        await row.GetByTestId("course-class-enrol").ClickAsync();

        await Assertions.Expect(gp.GetByTestId("class-enrol-done")).ToContainTextAsync("报名成功");
        await Assertions.Expect(row.GetByTestId("course-class-mine")).ToHaveTextAsync("已报名");
        await Assertions.Expect(row.GetByTestId("course-class-enrol")).ToHaveCountAsync(0);

        await gp.GotoAsync("/offerings");
        var card = gp.Locator($"[data-testid=open-offering][data-offering-id='{offering}']");
        await Assertions.Expect(card.GetByTestId("open-offering-mine")).ToHaveTextAsync("已报名");
        await Assertions.Expect(card.GetByTestId("open-offering-seats")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Gp_JoinsTheWaitlistOfAFullClass_FromTheCoursePage_AndTheListSaysWaitlistFirst()
    {
        var (admin, course) = await ArrangeAsync();
        var offering = await ClassAsync(admin, course, "E2E 满员候补班", capacity: 1);
        await TakeASeatAsync(admin, offering);
        var gp = await stack.SignInAsync(Demo.Gp);

        await gp.GotoAsync($"/catalogue/{course}");
        var row = gp.Locator($"[data-testid=course-class][data-offering-id='{offering}']");
        await Assertions.Expect(row.GetByTestId("course-class-seats")).ToHaveTextAsync("已满，可候补");
        await Assertions.Expect(row.GetByTestId("course-class-enrol")).ToHaveTextAsync("加入候补");
        await row.GetByTestId("course-class-enrol").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("class-enrol-done")).ToContainTextAsync("候补");
        await Assertions.Expect(row.GetByTestId("course-class-mine")).ToHaveTextAsync("候补第 1 位");

        await gp.GotoAsync("/offerings");
        var card = gp.Locator($"[data-testid=open-offering][data-offering-id='{offering}']");
        await Assertions.Expect(card.GetByTestId("open-offering-mine")).ToHaveTextAsync("候补第 1 位");
        await Assertions.Expect(card).Not.ToContainTextAsync("已满，可候补");
    }

    [Fact]
    public async Task Author_SetsThePostTestPolicy_InTheQuizEditor_AndItIsShownWithTheQuiz()
    {
        var api = await stack.ApiClientAsync(Demo.Author);
        var created = await api.PostAsJsonAsync("api/v1/courses", new
        {
            code = $"POL-{Guid.NewGuid():N}"[..12], titleZh = "课后测规则", titleEn = "Post-test policy", summaryZh = "摘要", summaryEn = "Summary",
            specialty = "endocrinology", targetProfessions = new[] { "GeneralPractitioner" }, learningObjectives = new[] { "目标" },
            creditClass = "II", creditValue = 1, projectLevel = "Consortium", coAuthorIds = Array.Empty<Guid>(),
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (courseId, versionId) = (ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid());
        var module = await api.PostAsJsonAsync($"api/v1/courses/{courseId}/versions/{versionId}/modules", new
        {
            kind = "Quiz", title = "课后测",
            quiz = new
            {
                purpose = "PostTest", passMarkPercent = 60,
                questions = new[] { new { id = "q1", text = "低血糖阈值？", kind = "SingleChoice", options = new[] { new { id = "a", text = "< 3.9 mmol/L", isCorrect = true }, new { id = "b", text = "< 5.6 mmol/L", isCorrect = false } }, explanation = "解析" } },
            },
        });
        module.StatusCode.ShouldBe(HttpStatusCode.Created, await module.Content.ReadAsStringAsync());
        var moduleId = (await module.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var author = await stack.SignInAsync(Demo.Author);

        await author.GotoAsync($"/authoring/courses/{courseId}/versions/{versionId}/modules/{moduleId}/quiz");
        await Assertions.Expect(author.GetByTestId("quiz-attempts-allowed")).ToHaveValueAsync("3"); // the default
        await Assertions.Expect(author.GetByTestId("quiz-json")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex("低血糖阈值"));
        await Assertions.Expect(author.GetByTestId("quiz-json")).Not.ToHaveValueAsync(new System.Text.RegularExpressions.Regex("policy")); // a form field, not JSON
        await author.GetByTestId("quiz-attempts-allowed").FillAsync("2");
        await author.GetByTestId("quiz-show-answers").SelectOptionAsync("Never");
        await author.GetByTestId("quiz-save").ClickAsync();

        await Assertions.Expect(author.GetByTestId("save-success")).ToBeVisibleAsync();
        await Assertions.Expect(author.GetByTestId("quiz-policy-attempts")).ToHaveTextAsync("2");
        await Assertions.Expect(author.GetByTestId("quiz-policy-answers")).ToHaveTextAsync("从不显示");
        var stored = await api.GetFromJsonAsync<JsonElement>($"api/v1/courses/{courseId}/versions/{versionId}");
        var policy = stored.GetProperty("modules")[0].GetProperty("quiz").GetProperty("policy");
        (policy.GetProperty("attemptsAllowed").GetInt32(), policy.GetProperty("showAnswers").GetString()).ShouldBe((2, "Never"));

        await author.GetByTestId("quiz-attempts-allowed").FillAsync("0");
        await author.GetByTestId("quiz-save").ClickAsync();
        await Assertions.Expect(author.GetByTestId("error-attemptsAllowed")).ToContainTextAsync("1–10");
    }

    [Fact]
    public async Task Gp_FailsThePostTest_AndSeesTheAttemptsLeft_ButNoAnswers()
    {
        var (_, course) = await ArrangeAsync();
        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync($"/catalogue/{course}");
        var modules = gp.GetByTestId("module-open");
        await Assertions.Expect(modules).ToHaveCountAsync(4);
        await modules.Nth(3).ClickAsync(); // 课后测 Post-test

        await Assertions.Expect(gp.GetByTestId("quiz-attempts")).ToContainTextAsync("第 1 次 / 共 3 次");
        await Assertions.Expect(gp.GetByTestId("quiz-attempts")).ToContainTextAsync("剩余 3 次");
        foreach (var (question, option) in new[] { ("q1", "b"), ("q2", "c"), ("q3", "b") })
            await gp.Locator($"[data-testid=quiz-option][data-question-id={question}][data-option-id={option}]").CheckAsync();
        await gp.GetByTestId("quiz-submit").ClickAsync();

        await Assertions.Expect(gp.GetByTestId("quiz-passed")).ToHaveAttributeAsync("data-passed", "false");
        await Assertions.Expect(gp.GetByTestId("quiz-result-attempt")).ToHaveTextAsync("第 1 次 / 共 3 次");
        await Assertions.Expect(gp.GetByTestId("quiz-attempts")).ToContainTextAsync("第 2 次 / 共 3 次");
        await Assertions.Expect(gp.GetByTestId("quiz-attempts")).ToContainTextAsync("剩余 2 次");
        await Assertions.Expect(gp.GetByTestId("quiz-key-hidden")).ToContainTextAsync("通过后或最后一次作答后");
        await Assertions.Expect(gp.GetByTestId("quiz-question")).ToHaveCountAsync(3);
        await Assertions.Expect(gp.GetByTestId("quiz-explanation")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("quiz-key-mark")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("quiz-outcome")).ToHaveCountAsync(0);

        await gp.ReloadAsync(); // coming back later (or pressing F5): the same, and no attempt is used
        await Assertions.Expect(gp.GetByTestId("quiz-attempts")).ToContainTextAsync("第 2 次 / 共 3 次");
        await Assertions.Expect(gp.GetByTestId("quiz-key-hidden")).ToBeVisibleAsync();
        await Assertions.Expect(gp.GetByTestId("quiz-explanation")).ToHaveCountAsync(0);

        for (var attempt = 2; attempt <= 3; attempt++)
        {
            await gp.Locator("[data-testid=quiz-option][data-question-id=q1][data-option-id=b]").CheckAsync();
            await gp.GetByTestId("quiz-submit").ClickAsync();
            await Assertions.Expect(gp.GetByTestId("quiz-result-attempt")).ToHaveTextAsync($"第 {attempt} 次 / 共 3 次");
        }
        // The last attempt used: no more submitting, and now the key and explanations.
        await Assertions.Expect(gp.GetByTestId("quiz-no-attempts-left")).ToHaveTextAsync("已用完全部 3 次作答机会");
        await Assertions.Expect(gp.GetByTestId("quiz-submit")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("quiz-explanation")).ToHaveCountAsync(3);
        await Assertions.Expect(gp.GetByTestId("quiz-key-hidden")).ToHaveCountAsync(0);
    }
}
