using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Courses;

/// <summary>
/// The demo hypoglycaemia course's post-test has no policy of its own, so it takes the default:
/// three attempts, the answer key after passing or after the last attempt.
/// </summary>
public sealed class PostTestPolicyTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static readonly Dictionary<string, string[]> Wrong = new() { ["q1"] = ["b"], ["q2"] = ["c"], ["q3"] = ["b"] };
    private static readonly Dictionary<string, string[]> Right = new() { ["q1"] = ["a"], ["q2"] = ["a", "b"], ["q3"] = ["a"] };

    private static async Task<(Guid Course, Guid PostTest)> PostTestAsync(HttpClient client)
    {
        var course = (await client.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=ENDO-HYPO")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var modules = (await client.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules").EnumerateArray().ToList();
        return (course, modules[3].GetProperty("id").GetGuid());
    }

    private async Task<long> StoredAttemptsAsync(string email, Guid module)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM quiz_attempts q JOIN professionals p ON p.id = q.learner_id WHERE p.email = $1 AND q.module_id = $2", connection);
        count.Parameters.Add(new() { Value = email });
        count.Parameters.Add(new() { Value = module });
        return (long)(await count.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task FourthAttempt_IsRefusedWith409_AndNothingIsStored()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var (course, postTest) = await PostTestAsync(gp);
        var url = $"/api/v1/learning/courses/{course}/modules/{postTest}/quiz-attempts";

        var results = new List<JsonElement>();
        for (var i = 0; i < 3; i++)
        {
            var response = await gp.PostAsJsonAsync(url, new { answers = Wrong });
            response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
            results.Add(await response.Content.ReadFromJsonAsync<JsonElement>());
        }
        var fourth = await gp.PostAsJsonAsync(url, new { answers = Right });
        var problem = await fourth.Content.ReadFromJsonAsync<JsonElement>();
        var module = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/learning/courses/{course}/modules/{postTest}");

        results.Select(r => r.GetProperty("attemptNumber").GetInt32()).ShouldBe([1, 2, 3]);
        results.Select(r => r.GetProperty("attemptsLeft").GetInt32()).ShouldBe([2, 1, 0]);
        fourth.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        fourth.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        problem.GetProperty("code").GetString().ShouldBe("quiz.attempts-used-up");
        problem.GetProperty("detail").GetString()!.ShouldContain("3 次作答机会已全部用完"); // zh-CN by default
        (await StoredAttemptsAsync(Demo.Gp, postTest)).ShouldBe(3);
        var attempts = module.GetProperty("quiz").GetProperty("attempts");
        attempts.GetProperty("taken").GetInt32().ShouldBe(3);
        attempts.GetProperty("canAttempt").GetBoolean().ShouldBeFalse();
        attempts.GetProperty("passed").GetBoolean().ShouldBeFalse(); // the refused right answers counted for nothing
    }

    [Fact]
    public async Task AnswerKey_IsAbsentOnAFailedFirstAttempt_AndPresentAfterPassing()
    {
        var learner = await api.SignedInClientAsync(Demo.Trainer);
        var (course, postTest) = await PostTestAsync(learner);
        var url = $"/api/v1/learning/courses/{course}/modules/{postTest}/quiz-attempts";

        var failed = await (await learner.PostAsJsonAsync(url, new { answers = Wrong })).Content.ReadFromJsonAsync<JsonElement>();
        var reloaded = await learner.GetStringAsync($"/api/v1/learning/courses/{course}/modules/{postTest}");
        var passed = await (await learner.PostAsJsonAsync(url, new { answers = Right })).Content.ReadFromJsonAsync<JsonElement>();

        failed.GetProperty("passed").GetBoolean().ShouldBeFalse();
        failed.GetProperty("answersShown").GetBoolean().ShouldBeFalse();
        failed.GetProperty("questions").GetArrayLength().ShouldBe(0);
        failed.GetRawText().ShouldNotContain("静脉"); // no explanation text
        reloaded.ShouldNotContain("correctOptions");
        reloaded.ShouldNotContain("静脉注射50%葡萄糖\",\"isCorrect");
        passed.GetProperty("passed").GetBoolean().ShouldBeTrue();
        passed.GetProperty("answersShown").GetBoolean().ShouldBeTrue();
        var questions = passed.GetProperty("questions").EnumerateArray().ToList();
        questions.ShouldNotBeEmpty();
        questions[2].GetProperty("correctOptions").EnumerateArray().Select(o => o.GetString()).ShouldBe(["a"]);
        questions[2].GetProperty("explanation").GetString()!.ShouldContain("静脉");
    }

    [Fact]
    public async Task PreTest_IsNotLimited_AndShowsItsKeyEveryTime()
    {
        var learner = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var course = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=ENDO-HYPO")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var preTest = (await learner.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules")[0].GetProperty("id").GetGuid();

        var results = new List<JsonElement>();
        for (var i = 0; i < 4; i++)
            results.Add(await (await learner.PostAsJsonAsync($"/api/v1/learning/courses/{course}/modules/{preTest}/quiz-attempts", new { answers = Wrong }))
                .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>());

        results.Count.ShouldBe(4);
        results.ShouldAllBe(r => r.GetProperty("answersShown").GetBoolean() && r.GetProperty("attemptsAllowed").ValueKind == JsonValueKind.Null);
        results[3].GetProperty("attemptNumber").GetInt32().ShouldBe(4);
    }

    [Fact]
    public async Task Author_SetsThePolicy_AndAnInvalidOneIsRefusedWithItsField()
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var created = await author.PostAsJsonAsync("/api/v1/courses", CourseScenarios.NewCourse($"POL-{Guid.NewGuid():N}"[..12]));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (courseId, versionId) = (ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid());
        object Quiz(int attempts, string reveal) => new
        {
            kind = "Quiz", title = "课后测",
            quiz = new
            {
                purpose = "PostTest", passMarkPercent = 60,
                questions = new[] { new { id = "q1", text = "题目", kind = "SingleChoice", options = new[] { new { id = "a", text = "对", isCorrect = true }, new { id = "b", text = "错", isCorrect = false } }, explanation = "解析" } },
                policy = new { attemptsAllowed = attempts, showAnswers = reveal },
            },
        };

        var refused = await author.PostAsJsonAsync($"/api/v1/courses/{courseId}/versions/{versionId}/modules", Quiz(0, "Never"));
        var added = await author.PostAsJsonAsync($"/api/v1/courses/{courseId}/versions/{versionId}/modules", Quiz(5, "Never"));
        var version = await author.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{courseId}/versions/{versionId}");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name)
            .ShouldContain("quiz.policy.attemptsAllowed");
        added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
        var modules = version.GetProperty("modules").EnumerateArray().ToList();
        modules.Count.ShouldBe(1);
        var policy = modules[0].GetProperty("quiz").GetProperty("policy");
        (policy.GetProperty("attemptsAllowed").GetInt32(), policy.GetProperty("showAnswers").GetString()).ShouldBe((5, "Never"));
    }
}
