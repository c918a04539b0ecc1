using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Notifications;

public sealed class ReminderTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    [Fact]
    public async Task SessionIn24Hours_GpGetsTheReminderInTheInboxAndByEmail_InTheirLanguage_AndNeverTwice()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var title = $"胸痛病例讨论-{Guid.NewGuid():N}"[..20];
        var session = await setup.SessionAsync(offering, ReminderTimes.LocalIn(TimeSpan.FromHours(23.5)), title: title);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var english = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        (await english.PutAsJsonAsync("/api/v1/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        (await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).EnsureSuccessStatusCode();
        (await english.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).EnsureSuccessStatusCode();
        await api.PlanAsync();
        await api.DispatchAsync();
        await api.PlanAsync();
        await api.DispatchAsync();

        var inbox = await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications");
        var reminder = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString()!.Contains(title));
        reminder.GetProperty("kind").GetString().ShouldBe("SessionReminder24h");
        reminder.GetProperty("title").GetString().ShouldStartWith("上课提醒");
        reminder.GetProperty("body").GetString()!.ShouldContain("地点：华西医院 教学楼 201");
        reminder.GetProperty("readAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var unreadBefore = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32();
        var mails = api.Sink.Messages.Where(m => m.Subject.Contains(title)).ToList();
        mails.Count.ShouldBe(2, string.Join("\n", api.Sink.Messages.Select(m => $"{string.Join(",", m.To)} {m.Subject}")));
        var toGp = mails.Where(m => m.To.Contains(Demo.Gp)).ShouldHaveSingleItem();
        toGp.Subject.ShouldStartWith("上课提醒");
        toGp.Body.ShouldContain("http://cme.test/notifications");
        var toEnglish = mails.Where(m => m.To.Contains(Demo.InstitutionAdmin)).ShouldHaveSingleItem();
        toEnglish.Subject.ShouldStartWith("Reminder:");
        toEnglish.Body.ShouldContain("starts at");
        mails.Count.ShouldBe(2);

        (await gp.PostAsync($"/api/v1/me/notifications/{reminder.GetProperty("id").GetGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/unread-count")).GetProperty("unread").GetInt32().ShouldBe(unreadBefore - 1);
        (await english.PostAsync($"/api/v1/me/notifications/{reminder.GetProperty("id").GetGuid()}/read", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task RescheduledSession_MovesItsReminders_CancelledEnrolmentAndSessionStopThem()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var title = $"改期-{Guid.NewGuid():N}"[..12];
        var start = ReminderTimes.LocalIn(TimeSpan.FromHours(2.5));
        var session = await setup.SessionAsync(offering, start, title: title);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var other = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        (await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).EnsureSuccessStatusCode();
        var otherEnrolment = (await (await other.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        await api.PlanAsync();
        // The reminders only: the reschedule and the cancellation are announced by notices of their own (EventNoticeTests).
        async Task<List<OutboxRow>> RemindersAsync() => [.. (await api.RowsAsync(session)).Where(r => r.Kind.StartsWith("SessionReminder", StringComparison.Ordinal))];
        var planned = await RemindersAsync();

        await ReminderTimes.RescheduleAsync(setup, session, start.AddMinutes(15), title);
        (await other.PostAsync($"/api/v1/enrolments/{otherEnrolment}/cancel", null)).EnsureSuccessStatusCode();
        await api.PlanAsync();
        var moved = await RemindersAsync();
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "讲者因病" })).EnsureSuccessStatusCode();
        await api.PlanAsync();
        var afterCancel = await RemindersAsync();

        // Planned: the 1-hour reminder (due in 1.5 h) and the 24-hour one (due now), on both channels, for both learners.
        planned.Where(r => r.Kind == "SessionReminder1h").Count().ShouldBe(4);
        planned.ShouldAllBe(r => r.Status == "Pending");
        var oldOccurrence = planned[0].Occurrence;
        moved.Where(r => r.Occurrence == oldOccurrence).ShouldAllBe(r => r.Status == "Cancelled");
        var renewed = moved.Where(r => r.Occurrence != oldOccurrence).ToList();
        renewed.Select(r => r.Email).Distinct().ShouldBe([Demo.Gp]);
        renewed.Where(r => r.Kind == "SessionReminder1h").ShouldAllBe(r => r.Status == "Pending");
        renewed.Single(r => r.Kind == "SessionReminder1h" && r.Channel == "Email").DueAt
            .ShouldBe(planned.Single(r => r.Kind == "SessionReminder1h" && r.Channel == "Email" && r.Email == Demo.Gp).DueAt.AddMinutes(15));
        afterCancel.ShouldAllBe(r => r.Status == "Cancelled");
        afterCancel.Count.ShouldBe(moved.Count);
        await api.DispatchAsync();
        api.Sink.Messages.ShouldNotContain(m => m.Subject.Contains(title) && (m.Subject.StartsWith("上课提醒") || m.Subject.StartsWith("即将开始")));
    }

    [Fact]
    public async Task FailingSmtp_IsRetriedWithItsErrorsRecorded_ThenFailed_AndAnAdminRetrySendsIt()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var title = $"重试-{Guid.NewGuid():N}"[..12];
        var session = await setup.SessionAsync(offering, ReminderTimes.LocalIn(TimeSpan.FromHours(20)), title: title);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        (await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).EnsureSuccessStatusCode();
        await api.PlanAsync();

        api.Sink.Refuse = true;
        try
        {
            await api.DispatchAsync();
        }
        finally
        {
            api.Sink.Refuse = false;
        }
        var failed = (await api.RowsAsync(session)).Single(r => r.Channel == "Email");
        var outbox = await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/notifications/outbox?status=Failed");
        var item = outbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("dedupKey").GetString()!.Contains(session.ToString("N")));
        (await gp.PostAsync($"/api/v1/notifications/{item.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await setup.Admin.PostAsync($"/api/v1/notifications/{item.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Admin.PostAsync($"/api/v1/notifications/{item.GetProperty("id").GetGuid()}/retry", null)).StatusCode.ShouldBe(HttpStatusCode.Conflict);
        await api.DispatchAsync();

        failed.Status.ShouldBe("Failed");
        failed.Attempts.ShouldBe(2);
        failed.LastError!.ShouldContain("SmtpCommandException");
        failed.LastError!.ShouldContain("Try again later");
        item.GetProperty("attempts").GetInt32().ShouldBe(2);
        (await api.RowsAsync(session)).Single(r => r.Channel == "Email").Status.ShouldBe("Sent");
        api.Sink.Messages.Where(m => m.Subject.Contains(title)).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task EmailTurnedOff_ForAKind_OnlyTheInboxGetsIt()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var title = $"偏好-{Guid.NewGuid():N}"[..12];
        var session = await setup.SessionAsync(offering, ReminderTimes.LocalIn(TimeSpan.FromHours(20)), title: title);
        var trainer = await api.SignedInClientAsync(Demo.Trainer);
        var preferences = await trainer.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/preferences");
        preferences.EnumerateArray().ShouldAllBe(p => p.GetProperty("inApp").GetBoolean() && p.GetProperty("email").GetBoolean());
        (await trainer.PutAsJsonAsync("/api/v1/me/notifications/preferences", new
        {
            preferences = new[] { new { kind = "SessionReminder24h", inApp = true, email = false } },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await trainer.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).EnsureSuccessStatusCode();

        await api.PlanAsync();
        await api.DispatchAsync();

        var rows = await api.RowsAsync(session);
        rows.ShouldHaveSingleItem().Channel.ShouldBe("InApp");
        rows[0].Status.ShouldBe("Sent");
        (await trainer.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/preferences")).EnumerateArray()
            .Single(p => p.GetProperty("kind").GetString() == "SessionReminder24h").GetProperty("email").GetBoolean().ShouldBeFalse();
        api.Sink.Messages.ShouldNotContain(m => m.Subject.Contains(title));
    }
}
