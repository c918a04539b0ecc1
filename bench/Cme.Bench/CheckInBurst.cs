using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Cme.Bench;

/// <summary>
/// The check-in burst: every learner of a session checks in once with the code on the trainer's
/// screen, at a fixed number of concurrent connections. Signing in and a warm-up burst on another
/// session come first and are not measured.
/// </summary>
public static class CheckInBurst
{
    public static async Task<int> RunAsync(BenchArguments args)
    {
        var learners = args.Number("learners");
        var warmup = args.Number("warmup");
        var concurrency = args.Number("concurrency");
        var password = args.Text("password");
        var sessions = args.Text("sessions").Split(',').Select(Guid.Parse).ToArray();
        var warmupSession = args.Id("warmup-session");
        var hook = args.Text("hook");
        var resultsDir = args.Text("results-dir");
        var ct = CancellationToken.None;
        using var api = new CmeApi(new Uri(args.Text("api")), concurrency);

        var trainerToken = await api.SignInAsync(args.Text("trainer"), password, ct);
        var signIn = Stopwatch.StartNew();
        var tokens = await SignInLearnersAsync(api, args, learners, password, ct);
        Say($"tokens of {learners} learners ready in {signIn.Elapsed.TotalSeconds:F1} s (setup, not measured)");

        var warm = await BurstAsync(api, warmupSession, trainerToken, tokens.Take(warmup).ToArray(), concurrency, ct);
        Say($"warm-up: {warm.Summary.Requests} check-ins on another session, {warm.Summary.Errors} errors (not measured)");
        Report(warm.Problems);
        var errors = warm.Summary.Errors;

        for (var round = 1; round <= sessions.Length; round++)
        {
            // The hook runs the baseline (pgbench) and starts the server-side counters before the burst,
            // and reads them after it.
            if (await RunHookAsync(hook, "before", round) is not 0)
                return 1;
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var burst = await BurstAsync(api, sessions[round - 1], trainerToken, tokens, concurrency, ct);
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            var s = burst.Summary;
            errors += s.Errors;
            Say(string.Create(CultureInfo.InvariantCulture,
                $"round {round}: API: {s.Requests} check-ins at {concurrency} connections in {s.Seconds:F2} s = {s.PerSecond:F1} requests/s; " +
                $"latency p50 {s.P50:F1} ms, p95 {s.P95:F1} ms, p99 {s.P99:F1} ms, max {s.Max:F1} ms; errors {s.Errors}"));
            Report(burst.Problems);
            if (await RunHookAsync(hook, "after", round) is not 0)
                return 1;
            await File.WriteAllLinesAsync(Path.Combine(resultsDir, $"round-{round}.api.env"), new (string, double)[]
            {
                ("api_requests", s.Requests),
                ("api_errors", s.Errors),
                ("api_seconds", s.Seconds),
                ("api_rps", s.PerSecond),
                ("api_p50_ms", s.P50),
                ("api_p95_ms", s.P95),
                ("api_p99_ms", s.P99),
                ("api_max_ms", s.Max),
                ("code_fetches", burst.CodeFetches),
                ("loadgen_cpu_ms_per_checkin", cpu.TotalMilliseconds / Math.Max(1, s.Requests)),
            }.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Item1}={kv.Item2:0.###}")), ct);
        }
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// A bearer token per learner. "--sign-in api": every learner signs in through POST /auth/login
    /// (one password hash each: minutes of CPU for 2,000 here). "--sign-in mint" (the default of
    /// bench/run.sh): two learners sign in through the API, the rest get the same ticket minted with
    /// the API's key ring (BearerTokenMint), checked against the two and against GET /me; if any check
    /// fails, everyone signs in through the API.
    /// </summary>
    private static async Task<string[]> SignInLearnersAsync(CmeApi api, BenchArguments args, int learners, string password, CancellationToken ct)
    {
        var tokens = new string[learners];
        if (args.Text("sign-in") == "mint" && learners >= 3)
        {
            var (first, second) = (new BenchLearner(1), new BenchLearner(2));
            tokens[0] = await api.SignInAsync(first.Email, password, ct);
            tokens[1] = await api.SignInAsync(second.Email, password, ct);
            var (mint, problem) = BearerTokenMint.TryCreate(args.Text("keys-dir"), args.Text("api-content-root"), (first, tokens[0]), (second, tokens[1]));
            if (mint is not null)
            {
                for (var i = 2; i < learners; i++)
                    tokens[i] = mint.Issue(new BenchLearner(i + 1));
                var last = new BenchLearner(learners);
                var (status, body) = await api.MeAsync(tokens[^1], ct);
                if (status == 200 && body.Contains(last.ProfessionalId.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    Say("tokens: 2 learners signed in through the API, the other tokens minted from theirs and checked (GET /me)");
                    return tokens;
                }
                problem = $"the API did not accept a minted token as {last.Email} (GET /me: HTTP {status})";
            }
            Say($"cannot mint tokens ({problem}); signing everyone in through the API instead");
        }
        // Each sign-in is one password hash check on the server; a few at a time keep both cores busy.
        await ForEachAsync(learners, Math.Max(2, Environment.ProcessorCount * 2), async i =>
            tokens[i] = await api.SignInAsync(new BenchLearner(i + 1).Email, password, ct));
        return tokens;
    }

    private static async Task<int> RunHookAsync(string hook, string when, int round)
    {
        using var process = Process.Start(new ProcessStartInfo(hook, [when, round.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })
            ?? throw new InvalidOperationException($"could not start {hook}");
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            Console.Error.WriteLine($"{hook} {when} {round} failed with exit code {process.ExitCode}");
        return process.ExitCode;
    }

    private sealed record BurstResult(LatencySummary Summary, IReadOnlyCollection<string> Problems, int CodeFetches);

    private static async Task<BurstResult> BurstAsync(CmeApi api, Guid sessionId, string trainerToken, string[] learnerTokens,
        int concurrency, CancellationToken ct)
    {
        var latencies = new double[learnerTokens.Length];
        var succeeded = new bool[learnerTokens.Length];
        var problems = new ConcurrentQueue<string>();
        await using var code = await RotatingCode.StartAsync(api, sessionId, trainerToken, ct);
        var started = Stopwatch.GetTimestamp();
        await ForEachAsync(learnerTokens.Length, concurrency, async i =>
        {
            var sent = Stopwatch.GetTimestamp();
            Outcome outcome;
            try
            {
                outcome = await api.CheckInAsync(sessionId, learnerTokens[i], code.Token, ct);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                outcome = new Outcome(false, e.GetType().Name + ": " + e.Message);
            }
            latencies[i] = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
            succeeded[i] = outcome.Succeeded;
            if (!outcome.Succeeded)
                problems.Enqueue($"learner {i + 1}: {outcome.Problem}");
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        var errors = succeeded.Count(ok => !ok);
        return new BurstResult(LatencySummary.Of(latencies, errors, elapsed), problems, code.Fetches);
    }

    /// <summary>Runs body(0..count-1) on `workers` concurrent loops, each taking the next index when it is free.</summary>
    private static Task ForEachAsync(int count, int workers, Func<int, Task> body)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, Math.Min(workers, count)).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
                await body(i);
        })));
    }

    private static void Report(IReadOnlyCollection<string> problems)
    {
        foreach (var problem in problems.Take(10))
            Console.Error.WriteLine("  " + problem);
        if (problems.Count > 10)
            Console.Error.WriteLine($"  … and {problems.Count - 10} more");
    }

    private static void Say(string line) => Console.WriteLine("==> " + line);
}
