using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Infrastructure.Scheduling;
using Cme.Testing;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Cme.Api.Tests.Notifications;

/// <summary>Two API instances with the scheduler on, sharing one database: two Hangfire servers each (jobs, outbox).</summary>
public sealed class TwoSchedulerInstances : IAsyncLifetime
{
    public ClusteredSchedulerTests.SchedulerApi First { get; } = new(null, "first");

    public ClusteredSchedulerTests.SchedulerApi Second { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        Second = new ClusteredSchedulerTests.SchedulerApi(First, "second");
        await Second.InitializeAsync();
        // Start both hosts (and so their job servers) now, not at a test's first request.
        _ = First.Services;
        _ = Second.Services;
    }

    public async Task DisposeAsync()
    {
        await Second.DisposeAsync();
        await First.DisposeAsync();
    }
}

public sealed class ClusteredSchedulerTests(TwoSchedulerInstances instances) : IClassFixture<TwoSchedulerInstances>
{
    private readonly SchedulerApi _first = instances.First;
    private readonly SchedulerApi _second = instances.Second;

    [Fact]
    public async Task TwoInstances_AreBothServers_BothSend_EachDueNotificationGoesOnce_AndTheJobsApiShowsAndRunsTheJobs()
    {
        // Enough for several seconds of sending (MailKit sends some 500 a second to the sink), so that the
        // dispatcher's next runs, every second, land on the other instance while the first is still at it.
        const int count = 3000;
        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""
                INSERT INTO notifications (id, recipient_id, kind, channel, subject_id, occurrence, dedup_key, language, data, status,
                                           due_at, next_attempt_at, attempts, created_at)
                SELECT gen_random_uuid(), p.id, 'ReviewDigest', 'Email', gen_random_uuid(), 'cluster-' || g, 'cluster-test:' || g, 'en',
                       '{"count": 1, "oldestSubmittedAt": "2026-11-01T00:00:00Z"}', 'Pending', now(), now(), 0, now()
                FROM generate_series(1, @count) g
                CROSS JOIN LATERAL (SELECT id FROM professionals ORDER BY id OFFSET (g % 20) LIMIT 1) p
                """, connection);
            insert.Parameters.AddWithValue("count", count);
            (await insert.ExecuteNonQueryAsync()).ShouldBe(count);
        }
        var admin = await _first.SignedInClientAsync(Demo.CmeAdmin);
        // The sink stores a message before it answers 250, and a row is marked Sent only after that answer: once every
        // row is Sent, every send (a second one included) has reached the sink, and nothing more will be sent.
        (await UnsentAsync(TimeSpan.FromSeconds(120))).ShouldBe(0);
        var servers = await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs/servers");
        var jobs = await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        var triggered = await admin.PostAsync("/api/v1/jobs/reminder-planner/trigger", null);
        var runId = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await WaitForRunAsync(admin, runId, "Succeeded");
        var learner = await _first.SignedInClientAsync(Demo.Gp);

        var digests = _first.Sink.Messages.Where(m => m.Subject.StartsWith("Review queue")).ToList();
        digests.Count.ShouldBe(count);
        digests.Select(m => m.NotificationId).Distinct().Count().ShouldBe(count);
        (await SendersAsync()).ShouldBe(["first", "second"], "both instances sent e-mails");
        servers.EnumerateArray().Select(s => s.GetProperty("name").GetString()!.Split(':')[0] + ":" + s.GetProperty("name").GetString()!.Split(':')[1])
            .Order().ShouldBe(["first:jobs", "first:outbox", "second:jobs", "second:outbox"]);
        jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()).ShouldBe(["certificate-work", "completion-sweep", "outbox-dispatcher", "reminder-planner"], ignoreOrder: true);
        var listed = jobs.EnumerateArray().ToList();
        listed.ShouldNotBeEmpty();
        listed.ShouldAllBe(j => j.GetProperty("nextRunAt").ValueKind == JsonValueKind.String);
        jobs.EnumerateArray().Single(j => j.GetProperty("name").GetString() == "outbox-dispatcher").GetProperty("queue").GetString().ShouldBe("outbox");
        triggered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        run.GetProperty("jobName").GetString().ShouldBe("reminder-planner");
        run.GetProperty("result").GetString().ShouldNotBeNullOrWhiteSpace();
        (await learner.GetAsync("/api/v1/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await learner.PostAsync("/api/v1/jobs/reminder-planner/trigger", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/api/v1/jobs/no-such-job/trigger", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var badState = await admin.GetAsync("/api/v1/jobs/runs?state=Sleeping");
        badState.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await badState.Content.ReadAsStringAsync()).ShouldContain("\"state\"", Case.Insensitive);
    }

    [Fact]
    public async Task AnInstanceWithTheSchedulerOff_IsNoServer_AndWhatItEnqueuesTheServersRun()
    {
        await using var enqueuer = new SchedulerApi(_first, "enqueuer", scheduler: false);
        await enqueuer.InitializeAsync();
        var admin = await enqueuer.SignedInClientAsync(Demo.CmeAdmin);

        var triggered = await admin.PostAsync("/api/v1/jobs/completion-sweep/trigger", null);
        var runId = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;
        var run = await WaitForRunAsync(admin, runId, "Succeeded");
        var servers = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs/servers")).EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();

        triggered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        run.GetProperty("jobName").GetString().ShouldBe("completion-sweep");
        servers.Count.ShouldBe(4);
        servers.ShouldNotContain(name => name.StartsWith("enqueuer"));
    }

    [Fact]
    public async Task TheDashboard_OpensForTheCmeOfficeInChinese_AndIsRefusedToEveryoneElse()
    {
        var admin = await _first.SignedInClientAsync(Demo.CmeAdmin);
        var learner = await _first.SignedInClientAsync(Demo.Gp);
        var institutionAdmin = await _first.SignedInClientAsync(Demo.InstitutionAdmin);
        string recurring = "", servers = "";
        for (var i = 0; i < 40 && !(recurring.Contains("结业核定") && servers.Contains("second:outbox")); i++)
        {
            await Task.Delay(250);
            recurring = await admin.GetStringAsync("/admin/hangfire/recurring");
            servers = await admin.GetStringAsync("/admin/hangfire/servers");
        }

        recurring.ShouldContain("周期性作业");
        foreach (var title in new[] { "提醒规划", "通知发送", "证书签发", "结业核定" })
            recurring.ShouldContain(title);
        servers.ShouldContain("first:jobs");
        servers.ShouldContain("second:outbox");
        recurring.ShouldNotContain("Host=", Case.Insensitive); // the connection string is never shown
        var anonymous = await _first.CreateClient().GetAsync("/admin/hangfire");
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadAsStringAsync()).ShouldNotContain("<html", Case.Insensitive);
        foreach (var other in new[] { learner, institutionAdmin })
        {
            var refused = await other.GetAsync("/admin/hangfire/recurring");
            refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await refused.Content.ReadAsStringAsync()).ShouldNotContain("周期性作业");
            (await other.PostAsync("/admin/hangfire/recurring/trigger", new FormUrlEncodedContent([new("jobs[]", "reminder-planner")])))
                .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }
    }

    [Fact]
    public async Task AJobWhoseClassNoLongerLoads_FailsVisibly_AndTheQueueGoesOn()
    {
        var admin = await _first.SignedInClientAsync(Demo.CmeAdmin);
        var client = _first.Services.GetRequiredService<IBackgroundJobClient>();
        // Parked on a queue no server works, then made unreadable (as if its class had been renamed), then released.
        var broken = client.Create(new Hangfire.Common.Job(typeof(CompletionSweepJob), typeof(CompletionSweepJob).GetMethod(nameof(ICmeJob.RunAsync))!, CancellationToken.None),
            new EnqueuedState("parked"));
        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand("""
                UPDATE hangfire.job SET invocationdata = replace(invocationdata::text, 'CompletionSweepJob', 'RenamedSweepJob')::jsonb WHERE id = @id;
                UPDATE hangfire.jobqueue SET queue = 'default' WHERE jobid = @id;
                """, connection);
            rename.Parameters.AddWithValue("id", long.Parse(broken, System.Globalization.CultureInfo.InvariantCulture));
            (await rename.ExecuteNonQueryAsync()).ShouldBe(2);
        }
        var next = (await (await admin.PostAsync("/api/v1/jobs/completion-sweep/trigger", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runId").GetString()!;

        var failed = await WaitForRunAsync(admin, broken, "Failed");
        var succeeded = await WaitForRunAsync(admin, next, "Succeeded");

        failed.GetProperty("jobName").GetString().ShouldBe("?");
        failed.GetProperty("error").GetString()!.ShouldContain("RenamedSweepJob");
        succeeded.GetProperty("jobName").GetString().ShouldBe("completion-sweep");
        (await admin.GetStringAsync($"/admin/hangfire/jobs/details/{broken}")).ShouldContain("RenamedSweepJob");
    }

    [Fact]
    public async Task AJobThatMustRunAlone_IsSkippedWhileAnotherRunHoldsIt_AndTakenUpTheMomentTheHolderDies()
    {
        var exclusion = _first.Services.GetRequiredService<JobExclusion>();
        var release = new TaskCompletionSource();
        var started = new TaskCompletionSource();
        var holder = exclusion.RunAloneAsync("exclusion-test", async _ => { started.SetResult(); await release.Task; return "held"; }, CancellationToken.None);
        await started.Task;

        var whileHeld = await _second.Services.GetRequiredService<JobExclusion>().RunAloneAsync("exclusion-test", _ => Task.FromResult("ran"), CancellationToken.None);
        // The holder's process dies: its connection goes (terminated from outside, as PostgreSQL does when the socket closes).
        await using (var connection = new NpgsqlConnection(_first.ConnectionString))
        {
            await connection.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_locks WHERE locktype = 'advisory' AND classid = x'636d656a'::int::oid AND objid = hashtext('exclusion-test')::oid AND granted", connection);
            ((long)(await kill.ExecuteScalarAsync())!).ShouldBe(1);
        }
        var afterDeath = await _second.Services.GetRequiredService<JobExclusion>().RunAloneAsync("exclusion-test", _ => Task.FromResult("ran"), CancellationToken.None);
        release.SetResult();
        (await holder).ShouldBe("held"); // the run itself finishes; only its lock went with the connection

        whileHeld.ShouldBe(JobExclusion.Skipped);
        afterDeath.ShouldBe("ran");
    }

    /// <summary>How many of the test's e-mails are not yet Sent, once none is left or the time runs out (polled).</summary>
    private async Task<long> UnsentAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        await using var connection = new NpgsqlConnection(_first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notifications WHERE dedup_key LIKE 'cluster-test:%' AND status <> 'Sent'", connection);
        long unsent;
        while ((unsent = (long)(await command.ExecuteScalarAsync())!) > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(250);
        return unsent;
    }

    private async Task<List<string>> SendersAsync()
    {
        await using var connection = new NpgsqlConnection(_first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT DISTINCT a.instance FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
            WHERE n.dedup_key LIKE 'cluster-test:%' ORDER BY 1
            """, connection);
        var senders = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            senders.Add(reader.GetString(0));
        return senders;
    }

    /// <summary>The run with that id once it reached the state (the jobs API's runs list), or fails after 30 s.</summary>
    private static async Task<JsonElement> WaitForRunAsync(HttpClient admin, string runId, string state)
    {
        for (var i = 0; i < 120; i++)
        {
            var runs = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/jobs/runs?state={state}&take=200");
            foreach (var run in runs.EnumerateArray())
                if (run.GetProperty("id").GetString() == runId)
                    return run;
            await Task.Delay(250);
        }
        throw new ShouldAssertException($"run {runId} never reached {state}");
    }

    public sealed class SchedulerApi(SchedulerApi? shareWith, string instance, bool scheduler = true) : NotificationApi
    {
        private readonly SchedulerApi? _shareWith = shareWith;

        protected override IReadOnlyDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>(base.Settings)
                {
                    ["Cme:Scheduler:Enabled"] = scheduler ? "true" : "false",
                    ["Cme:Scheduler:InstanceName"] = instance,
                    ["Cme:Scheduler:DispatchIntervalSeconds"] = "1",
                    ["Cme:Notifications:BatchSize"] = "20",
                };
                if (_shareWith is not null)
                {
                    settings["ConnectionStrings:Cme"] = _shareWith.ConnectionString;
                    settings["Cme:Email:Port"] = _shareWith.Sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                return settings;
            }
        }
    }
}
