using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Attendance;
using Cme.Api.Tests.Notifications;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Offerings;

/// <summary>
/// The CME office follows each learner of a class: one complete, one who still owes the evaluation, one who
/// never came. The table says where each stands and why; the reminder reaches the one who can still act, once a day.
/// </summary>
public sealed class OfferingLearnersTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    [Fact]
    public async Task Learners_OfAClassInThreeStates_ShowEachStateWithItsReasons_AndFilter()
    {
        var (@class, complete, missingEvaluation, absent) = await ThreeLearnersAsync();

        var all = await @class.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{@class.Id}/learners");
        var notComplete = await @class.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{@class.Id}/learners?filter=NotComplete");
        var noEvaluation = await @class.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{@class.Id}/learners?filter=MissingEvaluation");

        var rows = all.GetProperty("rows").EnumerateArray().ToDictionary(r => r.GetProperty("learnerId").GetGuid());
        rows.Count.ShouldBe(3);
        all.GetProperty("sessions").GetArrayLength().ShouldBe(1);
        all.GetProperty("notComplete").GetInt32().ShouldBe(2);
        all.GetProperty("missingEvaluation").GetInt32().ShouldBe(2);

        var done = rows[complete.Id];
        done.GetProperty("state").GetString().ShouldBe("Completed");
        done.GetProperty("enrolmentStatus").GetString().ShouldBe("Completed");
        Codes(done).ShouldBeEmpty();
        done.GetProperty("evaluationSubmitted").GetBoolean().ShouldBeTrue();
        done.GetProperty("award").GetProperty("credits").GetDecimal().ShouldBe(2m);
        done.GetProperty("attendance")[0].GetProperty("status").GetString().ShouldBe("Present");
        done.GetProperty("attendance")[0].GetProperty("minutesPresent").GetInt32().ShouldBe(60);

        var owing = rows[missingEvaluation.Id];
        owing.GetProperty("state").GetString().ShouldBe("InProgress");
        Codes(owing).ShouldBe(["EvaluationMissing"]);
        owing.GetProperty("evaluationSubmitted").GetBoolean().ShouldBeFalse();
        owing.GetProperty("award").ValueKind.ShouldBe(JsonValueKind.Null);
        owing.GetProperty("needsReminder").GetBoolean().ShouldBeTrue();

        var away = rows[absent.Id];
        away.GetProperty("state").GetString().ShouldBe("NotCompleted");
        Codes(away).ShouldBe(["AttendanceBelow", "EvaluationMissing"]);
        var attendanceReason = away.GetProperty("reasons")[0];
        attendanceReason.GetProperty("value").GetDecimal().ShouldBe(0m);
        attendanceReason.GetProperty("limit").GetDecimal().ShouldBe(75m);
        away.GetProperty("attendance")[0].GetProperty("status").GetString().ShouldBe("Absent");
        away.GetProperty("needsReminder").GetBoolean().ShouldBeFalse(); // nothing they do now completes the class

        Ids(notComplete).ShouldBe([missingEvaluation.Id, absent.Id], ignoreOrder: true);
        Ids(noEvaluation).ShouldBe([missingEvaluation.Id, absent.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Remind_ReachesOnlyTheLearnerWhoCanStillAct_AndASecondClickThatDaySendsNothing()
    {
        var (@class, complete, missingEvaluation, absent) = await ThreeLearnersAsync();

        var first = await @class.Admin.PostAsync($"/api/v1/offerings/{@class.Id}/learners/remind", null);
        var second = await @class.Admin.PostAsync($"/api/v1/offerings/{@class.Id}/learners/remind", null);
        var after = await @class.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{@class.Id}/learners");

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reminded").GetInt32().ShouldBe(1);
        var again = await second.Content.ReadFromJsonAsync<JsonElement>();
        again.GetProperty("reminded").GetInt32().ShouldBe(0);
        again.GetProperty("alreadyRemindedToday").GetInt32().ShouldBe(1);
        var recipients = await RecipientsAsync(@class.Id);
        recipients.ShouldBe([missingEvaluation.Id]);
        recipients.ShouldNotContain(complete.Id);
        recipients.ShouldNotContain(absent.Id);
        (await CountAsync("SELECT count(*) FROM notifications WHERE kind = 'CompletionReminder' AND subject_id = @offering", @class.Id)).ShouldBe(2); // in-app and e-mail
        after.GetProperty("toRemind").GetInt32().ShouldBe(0);
        after.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("learnerId").GetGuid() == missingEvaluation.Id)
            .GetProperty("remindedToday").GetBoolean().ShouldBeTrue();

        // What the learner reads: in her inbox, in Chinese, naming the evaluation.
        var inbox = await WaitForInboxAsync(missingEvaluation);
        inbox.GetProperty("title").GetString()!.ShouldStartWith("请完成学习");
        inbox.GetProperty("body").GetString()!.ShouldContain("提交课程评价");
    }

    [Fact]
    public async Task Learners_AreForTheOfficeAndTheClassesOwnPeople_AndOnlyTheOfficeReminds()
    {
        var (@class, complete, _, absent) = await ThreeLearnersAsync();
        var institutionAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var trainer = await api.SignedInClientAsync(Demo.Trainer); // not teaching this class

        var own = await institutionAdmin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{@class.Id}/learners");
        var asLearner = await complete.Client.GetAsync($"/api/v1/offerings/{@class.Id}/learners");
        var asOtherTrainer = await trainer.GetAsync($"/api/v1/offerings/{@class.Id}/learners");
        var remindByInstitution = await institutionAdmin.PostAsync($"/api/v1/offerings/{@class.Id}/learners/remind", null);
        var badFilter = await @class.Admin.GetAsync($"/api/v1/offerings/{@class.Id}/learners?filter=Everyone");

        Ids(own).ShouldBe([absent.Id]); // the absent learner works at the institution admin's own institution
        own.GetProperty("total").GetInt32().ShouldBe(1);
        asLearner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        asOtherTrainer.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        remindByInstitution.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        badFilter.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static List<string?> Codes(JsonElement row) => [.. row.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString())];

    private static List<Guid> Ids(JsonElement table) => [.. table.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("learnerId").GetGuid())];

    /// <summary>
    /// A class whose one hour-long session has ended, evaluation required: the first learner was present and evaluated
    /// (complete), the second was present and has not evaluated, the third (at the demo community centre) was absent.
    /// </summary>
    private async Task<(CompletionSweepTests.Class Class, CompletionSweepTests.Learner Complete, CompletionSweepTests.Learner MissingEvaluation,
        CompletionSweepTests.Learner Absent)> ThreeLearnersAsync()
    {
        var (@class, session, complete) = await CompletionSweepTests.ClassAsync(api, minutesLeft: 5, evaluationRequired: true);
        var missingEvaluation = await EnrolNewLearnerAsync(@class, "WCH");
        var absent = await EnrolNewLearnerAsync(@class, Demo.GpInstitutionCode);
        await MarkAsync(@class.Admin, session, complete.Id, "Present");
        await MarkAsync(@class.Admin, session, missingEvaluation.Id, "Present");
        await MarkAsync(@class.Admin, session, absent.Id, "Absent");
        api.Clock.Advance(TimeSpan.FromMinutes(6));
        var evaluated = await complete.Client.PostAsJsonAsync($"/api/v1/offerings/{@class.Id}/evaluation",
            new { content = 5, relevance = 5, teaching = 4, organisation = 5, comments = "很实用" });
        evaluated.StatusCode.ShouldBe(HttpStatusCode.OK, await evaluated.Content.ReadAsStringAsync());
        return (@class, complete, missingEvaluation, absent);
    }

    private async Task<CompletionSweepTests.Learner> EnrolNewLearnerAsync(CompletionSweepTests.Class @class, string institutionCode)
    {
        var setup = await OfferingSetup.StartAsync(api);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = await setup.Admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "随访学员", nameLatin = "Suifang Xueyuan", profession = "GeneralPractitioner", titleLevel = "Intermediate",
            licenceNumber = $"T{unique}", institutionId = await setup.InstitutionAsync(institutionCode), email = $"{unique}@test.cme",
            preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        person.StatusCode.ShouldBe(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        var created = await person.Content.ReadFromJsonAsync<JsonElement>();
        var (client, password) = await api.FirstSignInAsync($"{unique}@test.cme", created.GetProperty("temporaryPassword").GetString()!);
        (await client.PostAsync($"/api/v1/offerings/{@class.Id}/enrol", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        return new CompletionSweepTests.Learner(created.GetProperty("id").GetGuid(), client, $"{unique}@test.cme", password);
    }

    private static async Task MarkAsync(HttpClient admin, Guid session, Guid learner, string status)
    {
        var marked = await admin.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{learner}", new { status });
        marked.StatusCode.ShouldBe(HttpStatusCode.OK, await marked.Content.ReadAsStringAsync());
    }

    private async Task<JsonElement> WaitForInboxAsync(CompletionSweepTests.Learner learner)
    {
        // The outbox dispatcher delivers the notices; run it as the scheduler would.
        await api.DispatchAsync();
        var inbox = await learner.Client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
        var items = inbox.GetProperty("items").EnumerateArray().Where(i => i.GetProperty("kind").GetString() == "CompletionReminder").ToList();
        items.Count.ShouldBe(1);
        return items[0];
    }

    private async Task<List<Guid>> RecipientsAsync(Guid offering)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT DISTINCT recipient_id FROM notifications WHERE kind = 'CompletionReminder' AND subject_id = @offering", connection);
        command.Parameters.AddWithValue("offering", offering);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            ids.Add(reader.GetGuid(0));
        return ids;
    }

    private async Task<long> CountAsync(string sql, Guid offering)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("offering", offering);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
