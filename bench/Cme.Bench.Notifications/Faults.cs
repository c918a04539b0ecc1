using System.Diagnostics;
using Cme.Testing;

namespace Cme.Bench.Notifications;

/// <summary>
/// Fault checks against real Cme.Api processes, a real PostgreSQL cluster and an SMTP sink:
/// kill -9 while 2,000 reminders are due; two instances; the database restarting under load.
/// Each says what it saw and fails (exit code 1) when a notification was lost or sent twice.
/// </summary>
internal static class Faults
{
    public static async Task<int> RunAsync(int count)
    {
        var database = new CmeDatabase();
        await database.InitializeAsync();
        var cs = database.ConnectionString;
        var logDir = Path.Combine(Repo.Root, ".data", "logs", "faults");
        Directory.CreateDirectory(logDir);
        await using var sink = new SmtpSink();
        var failures = 0;

        // 1. kill -9 in the middle of sending.
        await Db.InsertDueEmailsAsync(cs, "kill", count);
        var watch = Stopwatch.StartNew();
        using (var first = new ApiProcess(cs, sink.Port, "kill-first", logDir))
        {
            await sink.WaitForAsync(m => m.Count >= count / 4, TimeSpan.FromMinutes(3));
            first.Kill9();
        }
        var atKill = Sink.Count(sink, "Review queue");
        using (var second = new ApiProcess(cs, sink.Port, "kill-second", logDir))
        {
            await WaitAllSentAsync(cs, "kill", count, TimeSpan.FromMinutes(4));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        var afterKill = Sink.Count(sink, "Review queue");
        // The one e-mail in flight when the process died may go out again (accepted by SMTP, not yet marked sent): at most one per kill.
        failures += Report("kill -9", count, afterKill, atKill.Total, watch.Elapsed, await PendingAsync(cs, "kill"), allowedDuplicates: 1);

        // 2. Two instances at once.
        var before = sink.Messages.Count;
        await Db.InsertDueEmailsAsync(cs, "two", count);
        watch.Restart();
        using (var a = new ApiProcess(cs, sink.Port, "two-a", logDir))
        using (var b = new ApiProcess(cs, sink.Port, "two-b", logDir))
        {
            await WaitAllSentAsync(cs, "two", count, TimeSpan.FromMinutes(4));
            await Task.Delay(TimeSpan.FromSeconds(3));
        }
        var two = sink.Messages.Skip(before).Where(m => m.Subject.StartsWith("Review queue", StringComparison.Ordinal)).ToList();
        var instances = await Db.ScalarAsync(cs, "SELECT count(DISTINCT instance) FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id WHERE n.dedup_key LIKE 'two:%'");
        failures += Report($"two instances ({instances} sent some)", count, (two.Count, two.Select(m => m.NotificationId).Distinct().Count()), null, watch.Elapsed,
            await PendingAsync(cs, "two"));

        // 3. The database restarts under load.
        before = sink.Messages.Count;
        await Db.InsertDueEmailsAsync(cs, "restart", count);
        watch.Restart();
        TimeSpan recovered;
        long runsAfter;
        using (var api = new ApiProcess(cs, sink.Port, "restart", logDir))
        {
            await sink.WaitForAsync(m => m.Count >= before + count / 4, TimeSpan.FromMinutes(3));
            var server = await PostgresServer.InstanceAsync();
            var restartedAt = DateTime.UtcNow;
            server.Restart();
            var back = await api.ReadyAsync(TimeSpan.FromMinutes(1));
            recovered = DateTime.UtcNow - restartedAt;
            await WaitAllSentAsync(cs, "restart", count, TimeSpan.FromMinutes(4));
            await Task.Delay(TimeSpan.FromSeconds(5));
            runsAfter = await Db.ScalarAsync(cs, $"SELECT count(*) FROM job_runs WHERE started_at > '{restartedAt:O}'::timestamptz AND succeeded");
            Console.WriteLine($"    database restart: the API answered /health/ready again {recovered.TotalSeconds:0.0} s after the restart began ({(back ? "ok" : "NOT BACK")}); {runsAfter} successful job runs since");
            if (!back || runsAfter == 0)
                failures++;
        }
        var restart = sink.Messages.Skip(before).Where(m => m.Subject.StartsWith("Review queue", StringComparison.Ordinal)).ToList();
        // The same window as a kill: an e-mail the SMTP server accepted just as the database went down cannot be
        // marked sent, so it goes out again once the claim expires (same Message-ID): at most one per restart.
        failures += Report("database restart", count, (restart.Count, restart.Select(m => m.NotificationId).Distinct().Count()), null, watch.Elapsed,
            await PendingAsync(cs, "restart"), allowedDuplicates: 1);
        Console.WriteLine(failures == 0 ? "faults: all passed" : $"faults: {failures} check(s) failed (logs in {logDir})");
        return failures == 0 ? 0 : 1;
    }

    private static async Task WaitAllSentAsync(string cs, string tag, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await Db.ScalarAsync(cs, $"SELECT count(*) FROM notifications WHERE dedup_key LIKE '{tag}:%' AND status = 'Sent'") >= count)
                    return;
            }
            catch (Npgsql.NpgsqlException)
            {
                // the database is restarting
            }
            await Task.Delay(250);
        }
    }

    private static Task<long> PendingAsync(string cs, string tag) =>
        Db.ScalarAsync(cs, $"SELECT count(*) FROM notifications WHERE dedup_key LIKE '{tag}:%' AND status <> 'Sent'");

    private static int Report(string name, int count, (int Total, int Distinct) received, int? atKill, TimeSpan elapsed, long notSent, int allowedDuplicates = 0)
    {
        var duplicates = received.Total - received.Distinct;
        var ok = received.Distinct == count && notSent == 0 && duplicates <= allowedDuplicates;
        Console.WriteLine($"{(ok ? "PASS" : "FAIL")} {name}: {count} due, {received.Distinct} distinct e-mails at the SMTP sink, {duplicates} sent twice, "
            + $"{notSent} not marked sent{(atKill is { } k ? $", {k} had arrived when the process was killed" : "")}; {elapsed.TotalSeconds:0.0} s");
        return ok ? 0 : 1;
    }
}
