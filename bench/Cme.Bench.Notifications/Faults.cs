using System.Diagnostics;
using Cme.Testing;

namespace Cme.Bench.Notifications;

/// <summary>
/// Fault checks against real Cme.Api processes (Hangfire servers), a real PostgreSQL cluster and an SMTP sink:
/// kill -9 while 2,000 e-mails are due; two instances on one database; the database restarting under load.
/// Each prints one PASS/FAIL line saying what it saw and fails (exit code 1) when a notification was lost or sent
/// twice beyond the allowance, when the process or the servers did not carry on in time, or when the wait that
/// must precede the kill or the restart did not succeed (the fault would then not have hit mid-dispatch).
/// </summary>
internal static class Faults
{
    /// <summary>The issue's bound: after a kill -9, a new process sends its first e-mail within this.</summary>
    private static readonly TimeSpan FirstAfterRestartLimit = TimeSpan.FromSeconds(15);

    public static async Task<int> RunAsync(int count)
    {
        var database = new CmeDatabase();
        await database.InitializeAsync();
        var cs = database.ConnectionString;
        var logDir = Path.Combine(Repo.Root, ".data", "logs", "faults");
        Directory.CreateDirectory(logDir);
        await using var sink = new SmtpSink();
        var failures = 0;

        // 1. kill -9 in the middle of sending, then a new process.
        await Db.InsertDueEmailsAsync(cs, "kill", count);
        var watch = Stopwatch.StartNew();
        bool killWaitOk;
        using (var first = new ApiProcess(cs, sink.Port, "kill-first", logDir, "kill-first"))
        {
            killWaitOk = await WaitForSinkAsync(sink, count / 4, TimeSpan.FromMinutes(3));
            first.Kill9();
        }
        var atKill = Sink.Count(sink, "Review queue");
        if (!killWaitOk)
            Console.WriteLine($"    kill -9: the wait before the kill failed: {atKill.Total} of the {count / 4} e-mails awaited had arrived after 3 min; the kill did not hit mid-dispatch");
        var arrivedAtKill = sink.Messages.Count;
        TimeSpan? firstAfterRestart, readyAfter;
        using (var second = new ApiProcess(cs, sink.Port, "kill-second", logDir, "kill-second"))
        {
            var started = Stopwatch.StartNew();
            var ready = second.ReadyAsync(TimeSpan.FromMinutes(2)).ContinueWith(t => t.Result ? started.Elapsed : (TimeSpan?)null, TaskScheduler.Default);
            firstAfterRestart = await WaitForSinkAsync(sink, arrivedAtKill + 1, TimeSpan.FromMinutes(2)) ? started.Elapsed : null;
            readyAfter = await ready;
            // Once every row is Sent nothing more goes out, and all that went out is at the sink (it stores a
            // message before it answers 250; a row is marked Sent after that answer): no settling wait needed.
            await WaitAllSentAsync(cs, "kill", count, TimeSpan.FromMinutes(4));
        }
        var afterKill = Sink.Count(sink, "Review queue");
        var promptly = firstAfterRestart is { } f && f <= FirstAfterRestartLimit;
        Console.WriteLine($"    kill -9: the new process's first e-mail arrived {(firstAfterRestart is { } t ? $"{t.TotalSeconds:0.0} s" : "NOT within 2 min")} "
            + $"after it was started (limit {FirstAfterRestartLimit.TotalSeconds:0} s, start-up included; "
            + $"/health/ready after {(readyAfter is { } r ? $"{r.TotalSeconds:0.0} s" : "NOT within 2 min")})");
        // The one e-mail in flight when the process died may go out again (accepted by SMTP, not yet marked sent): at most one per kill.
        failures += Report("kill -9", count, afterKill, atKill.Total, watch.Elapsed, await PendingAsync(cs, "kill"), allowedDuplicates: 1,
            extraOk: killWaitOk && promptly,
            extra: $"wait before the kill {(killWaitOk ? "ok" : "FAILED")}, first e-mail after restart {(promptly ? "in time" : "TOO LATE")}");

        // 2. Two instances at once, on one database: both must be Hangfire servers and both must send.
        var before = sink.Messages.Count;
        await Db.InsertDueEmailsAsync(cs, "two", count);
        watch.Restart();
        bool bothServersListed;
        using (var a = new ApiProcess(cs, sink.Port, "two-a", logDir, "two-a"))
        using (var b = new ApiProcess(cs, sink.Port, "two-b", logDir, "two-b"))
        {
            bothServersListed = await BothServersListedAsync(cs, TimeSpan.FromMinutes(1));
            await WaitAllSentAsync(cs, "two", count, TimeSpan.FromMinutes(4)); // all Sent: everything sent is at the sink
        }
        var two = sink.Messages.Skip(before).Where(m => m.Subject.StartsWith("Review queue", StringComparison.Ordinal)).ToList();
        var sentByA = await SentByAsync(cs, "two", "two-a");
        var sentByB = await SentByAsync(cs, "two", "two-b");
        Console.WriteLine($"    two instances: both listed in hangfire.server while running: {(bothServersListed ? "yes" : "NO")}; "
            + $"e-mails sent by two-a: {sentByA}, by two-b: {sentByB}");
        failures += Report("two instances", count, (two.Count, two.Select(m => m.NotificationId).Distinct().Count()), null, watch.Elapsed,
            await PendingAsync(cs, "two"),
            extraOk: bothServersListed && sentByA > 0 && sentByB > 0,
            extra: $"both Hangfire servers {(bothServersListed ? "listed" : "NOT listed")}, two-a sent {sentByA}, two-b sent {sentByB}");

        // 3. The database restarts under load: the Hangfire servers must carry on by themselves.
        before = sink.Messages.Count;
        await Db.InsertDueEmailsAsync(cs, "restart", count);
        watch.Restart();
        bool restartWaitOk, back;
        long succeededAfter = 0, serversAfter = 0;
        int sinkAtRestart;
        TimeSpan recovered;
        using (var api = new ApiProcess(cs, sink.Port, "restart", logDir, "restart"))
        {
            restartWaitOk = await WaitForSinkAsync(sink, before + count / 4, TimeSpan.FromMinutes(3));
            if (!restartWaitOk)
                Console.WriteLine($"    database restart: the wait before the restart failed: {sink.Messages.Count - before} of the {count / 4} e-mails awaited had arrived after 3 min");
            var server = await PostgresServer.InstanceAsync();
            var restartedAt = DateTime.UtcNow;
            sinkAtRestart = sink.Messages.Count;
            server.Restart();
            back = await api.ReadyAsync(TimeSpan.FromMinutes(1));
            recovered = DateTime.UtcNow - restartedAt;
            await WaitAllSentAsync(cs, "restart", count, TimeSpan.FromMinutes(4)); // all Sent: everything sent is at the sink
            // Hangfire.PostgreSql stores UTC times; both the jobs and the servers' heartbeats must be newer than the restart.
            // Polled, at most 30 s (a server beats every 5 s).
            var since = $"'{restartedAt:yyyy-MM-dd HH:mm:ss.ffffff}Z'";
            var carryOnDeadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            do
            {
                succeededAfter = await Db.ScalarAsync(cs, $"SELECT count(*) FROM hangfire.job WHERE statename = 'Succeeded' AND createdat > {since}");
                serversAfter = await Db.ScalarAsync(cs, $"SELECT count(*) FROM hangfire.server WHERE id LIKE 'restart:%' AND lastheartbeat > {since}");
                if (succeededAfter > 0 && serversAfter >= 2)
                    break;
                await Task.Delay(250);
            }
            while (DateTime.UtcNow < carryOnDeadline);
        }
        var restart = sink.Messages.Skip(before).Where(m => m.Subject.StartsWith("Review queue", StringComparison.Ordinal)).ToList();
        var sentAfterRestart = sink.Messages.Count - sinkAtRestart;
        Console.WriteLine($"    database restart: the API answered /health/ready again {recovered.TotalSeconds:0.0} s after the restart began ({(back ? "ok" : "NOT BACK")}); "
            + $"since then {succeededAfter} Hangfire jobs created and Succeeded, {serversAfter} of its 2 Hangfire servers heartbeating, {sentAfterRestart} e-mails sent");
        // The same window as a kill: an e-mail the SMTP server accepted just as the database went down cannot be
        // marked sent, so it goes out again once the claim expires (same Message-ID): at most one per restart.
        var carriedOn = back && succeededAfter > 0 && serversAfter >= 2 && sentAfterRestart > 0;
        failures += Report("database restart", count, (restart.Count, restart.Select(m => m.NotificationId).Distinct().Count()), null, watch.Elapsed,
            await PendingAsync(cs, "restart"), allowedDuplicates: 1,
            extraOk: restartWaitOk && carriedOn,
            extra: $"wait before the restart {(restartWaitOk ? "ok" : "FAILED")}, Hangfire {(carriedOn ? "carried on by itself" : "did NOT carry on")}");
        Console.WriteLine(failures == 0 ? "faults: all passed" : $"faults: {failures} check(s) failed (logs in {logDir})");
        return failures == 0 ? 0 : 1;
    }

    /// <summary>Waits until the sink holds at least <paramref name="atLeast"/> messages; false when the time ran out first.</summary>
    private static async Task<bool> WaitForSinkAsync(SmtpSink sink, int atLeast, TimeSpan timeout)
    {
        var messages = await sink.WaitForAsync(m => m.Count >= atLeast, timeout);
        return messages.Count >= atLeast;
    }

    /// <summary>True once hangfire.server lists servers of both two-a and two-b (ids start with the lower-cased server name).</summary>
    private static async Task<bool> BothServersListedAsync(string cs, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await Db.ScalarAsync(cs, "SELECT count(*) FROM hangfire.server WHERE id LIKE 'two-a:%'") > 0
                && await Db.ScalarAsync(cs, "SELECT count(*) FROM hangfire.server WHERE id LIKE 'two-b:%'") > 0)
                return true;
            await Task.Delay(250);
        }
        return false;
    }

    private static Task<long> SentByAsync(string cs, string tag, string instance) => Db.ScalarAsync(cs, $"""
        SELECT count(DISTINCT a.notification_id) FROM notification_attempts a JOIN notifications n ON n.id = a.notification_id
        WHERE n.dedup_key LIKE '{tag}:%' AND a.succeeded AND a.instance = '{instance}'
        """);

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

    private static int Report(string name, int count, (int Total, int Distinct) received, int? atKill, TimeSpan elapsed, long notSent,
        int allowedDuplicates = 0, bool extraOk = true, string? extra = null)
    {
        var duplicates = received.Total - received.Distinct;
        var ok = received.Distinct == count && notSent == 0 && duplicates <= allowedDuplicates && extraOk;
        Console.WriteLine($"{(ok ? "PASS" : "FAIL")} {name}: {count} due, {received.Distinct} distinct e-mails at the SMTP sink, {duplicates} sent twice, "
            + $"{notSent} not marked sent{(atKill is { } k ? $", {k} had arrived when the process was killed" : "")}{(extra is null ? "" : $"; {extra}")}; {elapsed.TotalSeconds:0.0} s");
        return ok ? 0 : 1;
    }
}
