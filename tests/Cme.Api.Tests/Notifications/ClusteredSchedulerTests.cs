using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Notifications;

/// <summary>Two API instances with the scheduler on, sharing one database: one Quartz cluster.</summary>
public sealed class ClusteredSchedulerTests : IAsyncLifetime
{
    private readonly SchedulerApi _first = new(null);
    private SchedulerApi _second = null!;

    public async Task InitializeAsync()
    {
        await _first.InitializeAsync();
        _second = new SchedulerApi(_first);
        await _second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }

    [Fact]
    public async Task TwoInstances_SendEachDueNotificationOnce_AndTheJobsApiShowsAndRunsTheJobs()
    {
        const int count = 300;
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
        _ = _first.Services;
        _ = _second.Services;

        var admin = await _first.SignedInClientAsync(Demo.CmeAdmin);
        var received = await _first.Sink.WaitForAsync(m => m.Count(x => x.Subject.StartsWith("Review queue")) >= count, TimeSpan.FromSeconds(90));
        await Task.Delay(TimeSpan.FromSeconds(3)); // anything sent twice would arrive by now
        var jobs = await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs");
        var triggered = await admin.PostAsJsonAsync("/api/v1/jobs/reminder-planner/trigger", new { data = new Dictionary<string, string> { ["reason"] = "test" } });
        var trigger = (await triggered.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("triggerName").GetString();
        JsonElement runs = default;
        for (var i = 0; i < 60 && !HasRun(runs, trigger!); i++)
        {
            await Task.Delay(500);
            runs = await admin.GetFromJsonAsync<JsonElement>("/api/v1/jobs/runs?job=reminder-planner");
        }
        var learner = await _first.SignedInClientAsync(Demo.Gp);

        var digests = _first.Sink.Messages.Where(m => m.Subject.StartsWith("Review queue")).ToList();
        digests.Count.ShouldBe(count);
        digests.Select(m => m.NotificationId).Distinct().Count().ShouldBe(count);
        jobs.EnumerateArray().Select(j => j.GetProperty("name").GetString()).ShouldBe(["certificate-work", "completion-sweep", "outbox-dispatcher", "reminder-planner"], ignoreOrder: true);
        jobs.EnumerateArray().ShouldAllBe(j => j.GetProperty("nextFireAt").ValueKind == JsonValueKind.String);
        triggered.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        HasRun(runs, trigger!).ShouldBeTrue();
        runs.EnumerateArray().First(r => r.GetProperty("triggerName").GetString() == trigger).GetProperty("succeeded").GetBoolean().ShouldBeTrue();
        (await learner.GetAsync("/api/v1/jobs")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await admin.PostAsync("/api/v1/jobs/no-such-job/trigger", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        await using var check = new NpgsqlConnection(_first.ConnectionString);
        await check.OpenAsync();
        await using var firings = new NpgsqlCommand("""
            SELECT count(*) FROM (SELECT job_name, scheduled_at FROM job_runs WHERE trigger_name LIKE '%.schedule'
                                  GROUP BY 1, 2 HAVING count(*) > 1) d
            """, check);
        ((long)(await firings.ExecuteScalarAsync())!).ShouldBe(0, "a scheduled firing ran on both instances");
    }

    private static bool HasRun(JsonElement runs, string trigger) =>
        runs.ValueKind == JsonValueKind.Array && runs.EnumerateArray().Any(r => r.GetProperty("triggerName").GetString() == trigger);

    private sealed class SchedulerApi(SchedulerApi? shareWith) : NotificationApi
    {
        private readonly SchedulerApi? _shareWith = shareWith;

        protected override IReadOnlyDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>(base.Settings)
                {
                    ["Cme:Scheduler:Enabled"] = "true",
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
