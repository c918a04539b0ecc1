using Microsoft.Extensions.Configuration;
using Cme.Infrastructure;
using System.Diagnostics;
using Cme.Infrastructure.Notifications;
using Cme.Infrastructure.Scheduling;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Hangfire;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.States;

namespace Cme.Bench.Notifications;

/// <summary>
/// Planning reminders for N enrolments and dispatching M notifications (in-app and e-mail to an
/// SMTP sink), with time and database statements per notification (pg_stat_statements), next to
/// a do-nothing Hangfire job run M times from Hangfire.PostgreSql storage on the same database in the same run.
/// </summary>
internal static class Benchmark
{
    public static async Task<int> RunAsync(int enrolments, int notifications)
    {
        var server = await PostgresServer.InstanceAsync();
        await PostgresServer.ExecuteAsync(server.AdminConnectionString, "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'");
        server.Restart();
        var database = new CmeDatabase();
        await database.InitializeAsync();
        var cs = database.ConnectionString;
        await Db.ExecuteAsync(cs, "CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await using var sink = new SmtpSink();
        await using var dataSource = NpgsqlDataSource.Create(cs);
        var options = new NotificationOptions { BatchSize = 200, DispatchBudget = TimeSpan.FromHours(1) };
        var planner = new ReminderPlanner(dataSource, options, TimeProvider.System);
        // The dispatcher also takes the password-reset requests each run, as in production (none are waiting here).
        await using var provider = new ServiceCollection()
            .AddLogging()
            .AddSingleton<Cme.Application.Common.Interfaces.ICurrentUser>(new TestUser())
            .AddInfrastructure(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Cme"] = cs }).Build())
            .BuildServiceProvider();
        var dispatcher = new OutboxDispatcher(dataSource, options, new SmtpEmailSender(new EmailOptions { Host = "127.0.0.1", Port = sink.Port }),
            TimeProvider.System, NullLogger<OutboxDispatcher>.Instance, provider.GetRequiredService<Cme.Infrastructure.Identity.PasswordResetRequests>());

        // N enrolments: 50 offerings copied from a demo one, each with a session starting in 23 h, and N / 50 learners in each.
        var perOffering = Math.Max(1, enrolments / 50);
        await Db.ExecuteAsync(cs, $"""
            INSERT INTO professionals SELECT (jsonb_populate_record(NULL::professionals, to_jsonb(p) || jsonb_build_object('id', gen_random_uuid(), 'user_id', NULL,
                'licence_number', 'B' || lpad(g::text, 9, '0'), 'email', 'bench' || g || '@bench.cme'))).*
            FROM (SELECT * FROM professionals LIMIT 1) p, generate_series(1, {perOffering}) g;
            CREATE TEMP TABLE bench_offerings AS
            SELECT (jsonb_populate_record(NULL::offerings, to_jsonb(o) || jsonb_build_object('id', gen_random_uuid(), 'title', 'bench ' || g))).*
            FROM (SELECT * FROM offerings LIMIT 1) o, generate_series(1, 50) g;
            INSERT INTO offerings SELECT * FROM bench_offerings;
            INSERT INTO sessions SELECT (jsonb_populate_record(NULL::sessions, to_jsonb(s) || jsonb_build_object('id', gen_random_uuid(), 'offering_id', o.id,
                'starts_at', now() + interval '23 hours', 'ends_at', now() + interval '25 hours', 'status', 'Scheduled'))).*
            FROM (SELECT * FROM sessions LIMIT 1) s, bench_offerings o;
            INSERT INTO enrolments (id, offering_id, learner_id, status, enrolled_by, created_at, history)
            SELECT gen_random_uuid(), o.id, p.id, 'Enrolled', p.id, now(), '[]'
            FROM bench_offerings o, professionals p WHERE p.email LIKE 'bench%@bench.cme';
            ANALYZE;
            """);
        var enrolled = await Db.ScalarAsync(cs, "SELECT count(*) FROM enrolments e JOIN offerings o ON o.id = e.offering_id WHERE o.title LIKE 'bench %'");
        Console.WriteLine($"bench: {enrolled:N0} enrolments in 50 offerings, each with a session in 23 h (PostgreSQL on this machine, fsync off)");

        var (plan, planStatements) = await MeasureAsync(cs, () => planner.PlanAsync(CancellationToken.None));
        var planned = await Db.ScalarAsync(cs, "SELECT count(*) FROM notifications WHERE kind = 'SessionReminder24h'");
        Console.WriteLine($"plan:       {planned:N0} reminders (in-app + e-mail) in {plan.TotalSeconds:0.00} s = {planned / plan.TotalSeconds:N0}/s; "
            + $"{planStatements} statements in all ({(double)planStatements / planned:0.0000} per reminder)");
        var (replan, replanStatements) = await MeasureAsync(cs, () => planner.PlanAsync(CancellationToken.None));
        Console.WriteLine($"plan again: nothing new (idempotent) in {replan.TotalSeconds:0.00} s, {replanStatements} statements");

        await Db.ExecuteAsync(cs, "UPDATE notifications SET status = 'Cancelled' WHERE status = 'Pending'");
        await Db.ExecuteAsync(cs, "VACUUM ANALYZE notifications");
        var dispatched = new List<(string Channel, TimeSpan Took, long Sent)>();
        foreach (var channel in new[] { "InApp", "Email" })
        {
            await Db.InsertDueEmailsAsync(cs, $"bench-{channel}", notifications, channel);
            var (took, statements) = await MeasureAsync(cs, () => dispatcher.DispatchAsync("bench", CancellationToken.None));
            var sent = await Db.ScalarAsync(cs, $"SELECT count(*) FROM notifications WHERE dedup_key LIKE 'bench-{channel}:%' AND status = 'Sent'");
            Console.WriteLine($"dispatch {channel,-5}: {sent:N0} sent in {took.TotalSeconds:0.00} s = {sent / took.TotalSeconds:N0}/s, "
                + $"{took.TotalMilliseconds / sent:0.000} ms and {(double)statements / sent:0.000} statements per notification");
            dispatched.Add((channel, took, sent));
        }

        var (baseline, baselineStatements) = await DrainNoOpJobsAsync(cs, notifications);
        Console.WriteLine($"baseline:   {notifications:N0} do-nothing Hangfire jobs drained from Hangfire.PostgreSql storage (4 workers) in {baseline.TotalSeconds:0.00} s = "
            + $"{notifications / baseline.TotalSeconds:N0}/s, {baseline.TotalMilliseconds / notifications:0.000} ms and {(double)baselineStatements / notifications:0.000} statements per job");
        foreach (var (channel, took, sent) in dispatched)
            Console.WriteLine($"dispatch {channel,-5} ÷ baseline: {took.TotalMilliseconds / sent / (baseline.TotalMilliseconds / notifications):0.00} × the time per item");
        var (_, emailTook, emailSent) = dispatched.Single(d => d.Channel == "Email");
        var emailRate = emailSent / emailTook.TotalSeconds;
        Console.WriteLine($"e-mail rate: {emailRate:N0}/s over one SMTP connection per batch (goal >= {EmailRateGoal}/s: {(emailRate >= EmailRateGoal ? "met" : "MISSED")})");
        return 0;
    }

    private static async Task<(TimeSpan, long)> MeasureAsync(string cs, Func<Task> work)
    {
        await Db.ExecuteAsync(cs, "SELECT pg_stat_statements_reset()");
        var watch = Stopwatch.StartNew();
        await work();
        watch.Stop();
        var statements = await Db.ScalarAsync(cs, """
            SELECT coalesce(sum(calls), 0) FROM pg_stat_statements
            WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database()) AND query NOT LIKE '%pg_stat_statements%'
            """);
        return (watch.Elapsed, statements);
    }

    /// <summary>
    /// The baseline: <paramref name="count"/> runs of a do-nothing job, enqueued beforehand into Hangfire.PostgreSql
    /// storage on the same database (the product's storage options), then drained by one in-process
    /// BackgroundJobServer with 4 workers (the product's default) until all are Succeeded. The time and the
    /// statements counted cover the drain only: from the server's start to the last job's Succeeded state.
    /// </summary>
    private static async Task<(TimeSpan, long)> DrainNoOpJobsAsync(string cs, int count)
    {
        var storageOptions = SchedulerSetup.StorageOptions(new ConfigurationBuilder().Build());
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(cs, storageOptions), storageOptions);
        var client = new BackgroundJobClient(storage);
        NoOpJob.Reset(count);
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 4 }, (_, _) =>
        {
            client.Create(Job.FromExpression(() => NoOpJob.Run()), new EnqueuedState(BenchQueue));
            return ValueTask.CompletedTask;
        });
        var monitoring = storage.GetMonitoringApi();
        var enqueued = monitoring.EnqueuedCount(BenchQueue);
        if (enqueued < count)
            throw new InvalidOperationException($"only {enqueued} of {count} do-nothing jobs were enqueued");
        BackgroundJobServer? server = null;
        var result = await MeasureAsync(cs, async () =>
        {
            server = new BackgroundJobServer(new BackgroundJobServerOptions
            {
                ServerName = "bench-baseline",
                Queues = [BenchQueue],
                WorkerCount = 4,
                SchedulePollingInterval = TimeSpan.FromSeconds(1),
            }, storage);
            await NoOpJob.Done.Task.WaitAsync(TimeSpan.FromMinutes(10));
            var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
            while (monitoring.SucceededListCount() < count)
            {
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"{monitoring.SucceededListCount()} of {count} do-nothing jobs Succeeded");
                await Task.Delay(20);
            }
        });
        server!.SendStop();
        server.Dispose();
        return result;
    }

    private const string BenchQueue = "bench";

    /// <summary>Issue 17's goal for e-mail dispatch to the local sink.</summary>
    private const int EmailRateGoal = 300;
}

/// <summary>The do-nothing job of the baseline: a static method, so that Hangfire needs no activator.</summary>
public static class NoOpJob
{
    private static int _remaining;

    public static TaskCompletionSource Done { get; private set; } = new();

    public static void Reset(int count)
    {
        _remaining = count;
        Done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public static void Run()
    {
        if (Interlocked.Decrement(ref _remaining) == 0)
            Done.TrySetResult();
    }
}
