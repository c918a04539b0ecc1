using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Application.Attendance;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cme.Api.Tests.Attendance;

/// <summary>
/// Completion settles itself when an offering's last session ends: a learner who met every other part of
/// the rule before the end gets the credits, once, without anyone touching the roster again.
/// </summary>
public sealed class CompletionSweepTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Sweep_AfterTheLastSessionEnds_CompletesAwardsOnceAndQueuesTheCertificate_AndASecondPassChangesNothing()
    {
        var (offering, session, learner) = await ClassAsync(api, minutesLeft: 30);
        await MarkPresentAsync(offering.Admin, session, learner.Id);
        var before = await learner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering.Id}/my-completion");

        api.Clock.Advance(TimeSpan.FromMinutes(31));
        var sweep = api.Services.GetRequiredService<CompletionSweep>();
        var first = await sweep.RunOnceAsync(CancellationToken.None);
        var second = await sweep.RunOnceAsync(CancellationToken.None);
        var signedInAgain = await api.SignedInClientAsync(learner.Email, learner.Password); // half an hour later her token has expired
        var after = await signedInAgain.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering.Id}/my-completion");

        before.GetProperty("state").GetString().ShouldBe("InProgress");
        before.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["AwaitingLastSession"]);
        before.GetProperty("award").ValueKind.ShouldBe(JsonValueKind.Null);
        first.Completed.ShouldBeGreaterThanOrEqualTo(1); // the test class shares one database: others' classes may end too
        second.Completed.ShouldBe(0);
        after.GetProperty("enrolmentStatus").GetString().ShouldBe("Completed");
        after.GetProperty("award").GetProperty("credits").GetDecimal().ShouldBe(2m);
        (await CountAsync("SELECT count(*) FROM credit_ledger WHERE award_key = @key", ("key", $"completion:{learner.Id}:{offering.Id}"))).ShouldBe(1);
        (await CountAsync("""
            SELECT count(*) FROM pending_certificates p JOIN credit_ledger l ON l.id = p.ledger_entry_id WHERE l.offering_id = @offering
            """, ("offering", offering.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_MeetingABrokenOffering_SkipsIt_AndSettlesTheRest()
    {
        var (broken, _, brokenLearner) = await ClassAsync(api, minutesLeft: 10);
        var (good, goodSession, goodLearner) = await ClassAsync(api, minutesLeft: 10);
        await MarkPresentAsync(good.Admin, goodSession, goodLearner.Id);
        await ExecuteAsync("UPDATE offerings SET completion_rule = '\"broken\"' WHERE id = @id", ("id", broken.Id));

        api.Clock.Advance(TimeSpan.FromMinutes(11));
        var result = await api.Services.GetRequiredService<CompletionSweep>().RunOnceAsync(CancellationToken.None);

        result.Skipped.ShouldBeGreaterThanOrEqualTo(1);
        result.Completed.ShouldBeGreaterThanOrEqualTo(1);
        (await CountAsync("SELECT count(*) FROM credit_ledger WHERE award_key = @key", ("key", $"completion:{goodLearner.Id}:{good.Id}"))).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM credit_ledger WHERE learner_id = @id AND offering_id = @offering", ("id", brokenLearner.Id), ("offering", broken.Id)))
            .ShouldBe(0);
        (await CountAsync("SELECT count(*) FROM offerings WHERE id = @id AND completion_settled_through IS NULL", ("id", broken.Id))).ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_RacingRosterEditsAndATwiceSentEvaluation_AwardsOnce()
    {
        var (offering, session, learner) = await ClassAsync(api, minutesLeft: 5, evaluationRequired: true);
        await MarkPresentAsync(offering.Admin, session, learner.Id);
        api.Clock.Advance(TimeSpan.FromMinutes(6));
        var evaluation = new { content = 5, relevance = 4, teaching = 5, organisation = 4, comments = "好" };
        var sweep = api.Services.GetRequiredService<CompletionSweep>();

        var racers = new List<Task<HttpStatusCode>>();
        for (var i = 0; i < 3; i++)
        {
            racers.Add(Status(learner.Client.PostAsJsonAsync($"/api/v1/offerings/{offering.Id}/evaluation", evaluation)));
            racers.Add(Status(offering.Admin.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{learner.Id}", new { status = "Present" })));
            racers.Add(sweep.RunOnceAsync(CancellationToken.None).ContinueWith(_ => HttpStatusCode.OK, TaskScheduler.Default));
        }
        var statuses = await Task.WhenAll(racers);

        statuses.ShouldNotBeEmpty();
        statuses.Count(s => s == HttpStatusCode.Conflict).ShouldBe(2); // the evaluation was taken once
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(7);
        (await CountAsync("SELECT count(*) FROM credit_ledger WHERE award_key = @key", ("key", $"completion:{learner.Id}:{offering.Id}"))).ShouldBe(1);
        (await CountAsync("SELECT count(*) FROM course_evaluations WHERE offering_id = @offering", ("offering", offering.Id))).ShouldBe(1);
    }

    private static async Task<HttpStatusCode> Status(Task<HttpResponseMessage> request) => (await request).StatusCode;

    internal sealed record Class(Guid Id, HttpClient Admin);

    internal sealed record Learner(Guid Id, HttpClient Client, string Email, string Password);

    /// <summary>A face-to-face class whose one session is under way and ends in <paramref name="minutesLeft"/> minutes, with a new learner enrolled.</summary>
    internal static Task<(Class Offering, Guid Session, Learner Learner)> ClassAsync(CmeApiFactory api, int minutesLeft, bool evaluationRequired = false) =>
        ClassAsync(api, TimeSpan.FromMinutes(minutesLeft), evaluationRequired);

    internal static async Task<(Class Offering, Guid Session, Learner Learner)> ClassAsync(CmeApiFactory api, TimeSpan left, bool evaluationRequired)
    {
        var setup = await OfferingSetup.StartAsync(api);
        var now = api.Clock.GetUtcNow();
        var course = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=CARD-CP-01")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var host = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "WCH").GetProperty("id").GetGuid();
        var created = await setup.Admin.PostAsJsonAsync("/api/v1/offerings", new
        {
            courseId = course,
            offering = new
            {
                title = "结算测试班", modality = "FaceToFace", hostInstitutionId = host,
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 30, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75m, postTestPassPercent = (decimal?)null, scenarioPassRequired = false, evaluationRequired,
                qualifiesTrainers = false, timeZone = "Asia/Shanghai",
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var offering = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var localNow = DateTime.SpecifyKind(now.UtcDateTime.AddHours(8), DateTimeKind.Unspecified);
        var start = localNow.Add(left).AddMinutes(-60);
        var session = await setup.SessionAsync(offering, start, minutes: 60);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = await setup.Admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "结算学员", nameLatin = "Jiesuan Xueyuan", profession = "GeneralPractitioner", titleLevel = "Intermediate",
            licenceNumber = $"T{unique}", institutionId = host, email = $"{unique}@test.cme", preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        person.StatusCode.ShouldBe(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        var created2 = await person.Content.ReadFromJsonAsync<JsonElement>();
        var learnerId = created2.GetProperty("id").GetGuid();
        var (client, password) = await api.FirstSignInAsync($"{unique}@test.cme", created2.GetProperty("temporaryPassword").GetString()!);
        (await client.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return (new Class(offering, setup.Admin), session, new Learner(learnerId, client, $"{unique}@test.cme", password));
    }

    private static async Task MarkPresentAsync(HttpClient admin, Guid session, Guid learner)
    {
        var marked = await admin.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{learner}", new { status = "Present" });
        marked.StatusCode.ShouldBe(HttpStatusCode.OK, await marked.Content.ReadAsStringAsync());
    }

    private async Task<long> CountAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task ExecuteAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>The API with its job scheduler on, sweeping every second, on the real clock.</summary>
public sealed class SweepingApi : CmeApiFactory
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Cme:Scheduler:Enabled"] = "true",
        ["Cme:Scheduler:CompletionSweepSeconds"] = "1",
        ["Cme:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"cme-sweep-mail-{Guid.NewGuid():N}"),
    };
}

public sealed class CompletionSweepSchedulerTests(SweepingApi api) : IClassFixture<SweepingApi>
{
    [Fact]
    public async Task Scheduler_SettlesAClassWithinASecondOrTwoOfItsLastSessionEnding_WithoutAnyoneActing()
    {
        var (offering, session, learner) = await CompletionSweepTests.ClassAsync(api, TimeSpan.FromSeconds(15), evaluationRequired: false);
        var marked = await offering.Admin.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{learner.Id}", new { status = "Present" });
        var during = await marked.Content.ReadFromJsonAsync<JsonElement>();

        // Real time passes: the session ends a few seconds from now and the scheduler's sweep takes it from there.
        var deadline = DateTime.UtcNow.AddSeconds(45);
        JsonElement completion;
        do
        {
            await Task.Delay(250);
            completion = await learner.Client.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering.Id}/my-completion");
        }
        while (completion.GetProperty("award").ValueKind == JsonValueKind.Null && DateTime.UtcNow < deadline);

        during.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["AwaitingLastSession"]);
        completion.GetProperty("award").ValueKind.ShouldBe(JsonValueKind.Object, "the sweep did not settle the class within 45 s");
        completion.GetProperty("enrolmentStatus").GetString().ShouldBe("Completed");
        completion.GetProperty("award").GetProperty("awardedAt").GetDateTimeOffset()
            .ShouldBeLessThan(completion.GetProperty("lastSessionEndsAt").GetDateTimeOffset().AddSeconds(10));
    }
}
