using Cme.Testing;
using Microsoft.Playwright;
using Npgsql;

namespace Cme.Web.Tests;

/// <summary>The web pages over an API that runs the job scheduler.</summary>
public sealed class SchedulerWebStack : WebStack
{
    /// <summary>The scheduler's settings, shared by a second API instance a test starts over the same database.</summary>
    public static readonly IReadOnlyDictionary<string, string?> SchedulerSettings = new Dictionary<string, string?>
    {
        ["Cme:Scheduler:Enabled"] = "true",
        ["Cme:Scheduler:DispatchIntervalSeconds"] = "1",
        ["Cme:Email:PickupDirectory"] = Path.Combine(Path.GetTempPath(), $"cme-web-test-mail-{Guid.NewGuid():N}"),
    };

    protected override IReadOnlyDictionary<string, string?> ApiSettings =>
        new Dictionary<string, string?>(SchedulerSettings) { ["Cme:Scheduler:InstanceName"] = "web-a" };
}

public sealed class NotificationsAndJobsTests(SchedulerWebStack stack) : IClassFixture<SchedulerWebStack>
{
    [Fact]
    public async Task Gp_SeesTheNoticeOnTheBellAndReadsIt_AdminSeesRunsAndRetriesJobsAndAFailedEmail()
    {
        await using (var connection = new NpgsqlConnection(stack.ApiConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO notifications (id, recipient_id, kind, channel, subject_id, occurrence, dedup_key, language, data, status,
                                           due_at, next_attempt_at, attempts, last_error, created_at)
                SELECT gen_random_uuid(), p.id, 'WaitlistPromoted', x.channel, e.id, 'web-test', 'web-test:' || x.channel, 'en',
                       '{"offeringTitle": "Chest pain winter class"}',
                       x.status, now(), now(), x.attempts, x.error, now()
                FROM professionals p
                JOIN LATERAL (SELECT id FROM enrolments WHERE learner_id = p.id AND status = 'Enrolled' LIMIT 1) e ON true
                CROSS JOIN (VALUES ('InApp', 'Pending', 0, NULL), ('Email', 'Failed', 6, 'SmtpException: 451 4.3.0 Try again later')) AS x (channel, status, attempts, error)
                WHERE p.email = @gp
                """, connection);
            insert.Parameters.AddWithValue("gp", Demo.Gp);
            await insert.ExecuteNonQueryAsync();
        }

        var gp = await stack.SignInAsync(Demo.Gp);
        var reminder = gp.GetByTestId("inbox-item").Filter(new() { HasText = "Chest pain winter class" });
        await Assertions.Expect(gp.GetByTestId("bell")).ToBeVisibleAsync();
        for (var i = 0; i < 60 && !await gp.GetByTestId("bell-count").IsVisibleAsync(); i++)
        {
            await Task.Delay(500);
            await gp.ReloadAsync();
        }
        await gp.GetByTestId("bell").ClickAsync();
        for (var i = 0; i < 60 && !await reminder.IsVisibleAsync(); i++)
        {
            await Task.Delay(500);
            await gp.ReloadAsync();
        }
        await Assertions.Expect(reminder).ToHaveAttributeAsync("data-read", "false");
        await Assertions.Expect(reminder).ToContainTextAsync("You have a seat: Chest pain winter class");
        await reminder.GetByTestId("inbox-mark-read").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("inbox-item").Filter(new() { HasText = "Chest pain winter class" })).ToHaveAttributeAsync("data-read", "true");

        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GetByTestId("nav-jobs").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("job-row")).ToHaveCountAsync(4);
        await Assertions.Expect(admin.Locator("[data-testid=job-row][data-job=reminder-planner] [data-testid=job-next]")).Not.ToHaveTextAsync("—");
        var dispatcher = admin.Locator("[data-testid=job-row][data-job=outbox-dispatcher]");
        await Assertions.Expect(dispatcher).ToContainTextAsync("通知发送");
        await Assertions.Expect(dispatcher.GetByTestId("job-schedule")).ToContainTextAsync("每秒");
        // The dispatcher runs every second: Hangfire's record of its last run shows on the page.
        for (var i = 0; i < 30 && await dispatcher.GetByTestId("job-last").GetAttributeAsync("data-state") != "Succeeded"; i++)
        {
            await Task.Delay(500);
            await admin.ReloadAsync();
        }
        await Assertions.Expect(dispatcher.GetByTestId("job-last")).ToContainTextAsync("成功");
        // This instance's two Hangfire servers: the jobs and the outbox.
        await Assertions.Expect(admin.GetByTestId("server-row")).ToHaveCountAsync(2);
        await Assertions.Expect(admin.GetByTestId("servers-table")).ToContainTextAsync("web-a:outbox");
        await admin.Locator("[data-testid=job-row][data-job=reminder-planner] [data-testid=job-trigger]").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("jobs-done")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("jobs-open-dashboard")).ToHaveAttributeAsync("href", "/admin/hangfire");

        var failed = admin.GetByTestId("failed-row").Filter(new() { HasText = "SmtpException" });
        await Assertions.Expect(failed).ToContainTextAsync("6");
        await failed.GetByTestId("notification-retry").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("jobs-done")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("failed-row").Filter(new() { HasText = "SmtpException" })).ToHaveCountAsync(0);
    }
}
