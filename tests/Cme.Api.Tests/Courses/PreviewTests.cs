using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Courses;

/// <summary>
/// Authors and the CME office play a draft in the learner's player: the case answers with each choice's
/// feedback and score, the quiz is marked with its key, and nothing is recorded. A GP is refused.
/// </summary>
public sealed class PreviewTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private sealed record Draft(HttpClient Author, Guid Course, string Preview, Guid Scenario, Guid Quiz);

    private async Task<Draft> DraftAsync()
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var created = await author.PostAsJsonAsync("/api/v1/courses", CourseScenarios.NewCourse($"PV-{Guid.NewGuid():N}"[..12]));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var (course, version) = (ids.GetProperty("id").GetGuid(), ids.GetProperty("versionId").GetGuid());
        var versionUrl = $"/api/v1/courses/{course}/versions/{version}";
        async Task<Guid> AddAsync(object module)
        {
            var added = await author.PostAsJsonAsync($"{versionUrl}/modules", module);
            added.StatusCode.ShouldBe(HttpStatusCode.Created, await added.Content.ReadAsStringAsync());
            return (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var scenario = await AddAsync(new { kind = "Scenario", title = "胸痛病例", scenario = new { passMarkPercent = 60, nodes = CourseScenarios.Nodes } });
        var quiz = await AddAsync(new
        {
            kind = "Quiz", title = "课后测",
            quiz = new
            {
                purpose = "PostTest", passMarkPercent = 60, policy = new { attemptsAllowed = 1, showAnswers = "Never" },
                questions = new[]
                {
                    new { id = "q1", text = "疑似急性冠脉综合征应？", kind = "SingleChoice", explanation = "立即转诊。", options = new[]
                    {
                        new { id = "a", text = "立即转诊", isCorrect = true },
                        new { id = "b", text = "观察", isCorrect = false },
                    } },
                },
            },
        });
        return new Draft(author, course, $"{versionUrl}/preview", scenario, quiz);
    }

    private async Task<long> RecordedAsync(Guid course)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM scenario_attempts WHERE course_id = @c) + (SELECT count(*) FROM quiz_attempts WHERE course_id = @c)
                 + (SELECT count(*) FROM course_progress WHERE course_id = @c)
            """, connection);
        count.Parameters.AddWithValue("c", course);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private async Task<long> LedgerRowsAsync()
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM credit_ledger", connection);
        return (long)(await count.ExecuteScalarAsync())!;
    }

    private static async Task<JsonElement> WalkAsync(HttpClient client, Draft draft, params string?[] moves)
    {
        var walked = await client.PostAsJsonAsync($"{draft.Preview}/modules/{draft.Scenario}/walk", new { moves });
        walked.StatusCode.ShouldBe(HttpStatusCode.OK, await walked.Content.ReadAsStringAsync());
        return await walked.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Author_WalksTheDraftCaseToItsEnd_AndTakesTheQuiz_NothingIsRecorded()
    {
        var draft = await DraftAsync();
        var ledger = await LedgerRowsAsync();

        var opening = await WalkAsync(draft.Author, draft);
        opening.GetProperty("status").GetString().ShouldBe("InProgress");
        opening.GetProperty("current").GetProperty("narrative").GetString().ShouldBe("58岁男性，胸骨后压榨性疼痛30分钟。");

        var decision = await WalkAsync(draft.Author, draft, [null]);
        decision.GetProperty("current").GetProperty("id").GetString().ShouldBe("decide");
        decision.GetProperty("current").GetProperty("options").EnumerateArray().Select(o => o.GetProperty("text").GetString())
            .ShouldBe(["立即转诊至胸痛中心", "止痛后回家观察"]);

        var ended = await WalkAsync(draft.Author, draft, null, "home");
        ended.GetProperty("status").GetString().ShouldBe("Completed");
        ended.GetProperty("passed").GetBoolean().ShouldBeFalse();
        ended.GetProperty("criticalErrors").GetInt32().ShouldBe(1);
        ended.GetProperty("current").GetProperty("title").GetString().ShouldBe("延误");
        ended.GetProperty("path").EnumerateArray().Single(s => s.GetProperty("optionId").GetString() == "home")
            .GetProperty("feedback").GetString().ShouldBe("危险：可能延误心梗救治。");

        // A post-test allowing one attempt, with its key never shown to learners: the preview shows it, every time.
        for (var i = 0; i < 2; i++)
        {
            var marked = await draft.Author.PostAsJsonAsync($"{draft.Preview}/modules/{draft.Quiz}/quiz",
                new { answers = new Dictionary<string, string[]> { ["q1"] = ["b"] } });
            marked.StatusCode.ShouldBe(HttpStatusCode.OK, await marked.Content.ReadAsStringAsync());
            var result = await marked.Content.ReadFromJsonAsync<JsonElement>();
            result.GetProperty("scorePercent").GetDecimal().ShouldBe(0m);
            result.GetProperty("answersShown").GetBoolean().ShouldBeTrue();
            result.GetProperty("questions")[0].GetProperty("correctOptions").EnumerateArray().Select(o => o.GetString()).ShouldBe(["a"]);
        }

        (await RecordedAsync(draft.Course)).ShouldBe(0);
        (await LedgerRowsAsync()).ShouldBe(ledger);
        var mine = await draft.Author.GetFromJsonAsync<JsonElement>($"/api/v1/learning/attempts?courseId={draft.Course}");
        mine.GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task Reviewer_PreviewsTheDraft_AGpIsRefused_AndAWrongMoveIsExplained()
    {
        var draft = await DraftAsync();
        var reviewer = await api.SignedInClientAsync(Demo.CmeAdmin);

        var page = await reviewer.GetFromJsonAsync<JsonElement>(draft.Preview);
        page.GetProperty("modules").GetArrayLength().ShouldBe(2);
        var good = await WalkAsync(reviewer, draft, null, "refer");
        good.GetProperty("passed").GetBoolean().ShouldBeTrue();
        good.GetProperty("score").GetDecimal().ShouldBe(10m);
        var quiz = await reviewer.GetFromJsonAsync<JsonElement>($"{draft.Preview}/modules/{draft.Quiz}");
        quiz.GetProperty("quiz").GetProperty("attempts").GetProperty("taken").GetInt32().ShouldBe(0);

        var gp = await api.SignedInClientAsync(Demo.Gp);
        (await gp.GetAsync(draft.Preview)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gp.PostAsJsonAsync($"{draft.Preview}/modules/{draft.Scenario}/walk", new { moves = new string?[] { null } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await gp.PostAsJsonAsync($"{draft.Preview}/modules/{draft.Quiz}/quiz", new { answers = new Dictionary<string, string[]>() }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var unknown = await draft.Author.PostAsJsonAsync($"{draft.Preview}/modules/{draft.Scenario}/walk", new { moves = new[] { null, "nowhere" } });
        unknown.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await unknown.Content.ReadAsStringAsync()).ShouldContain("attempt.option-unknown");

        (await RecordedAsync(draft.Course)).ShouldBe(0);
    }
}
