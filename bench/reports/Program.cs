using System.Diagnostics;
using System.Globalization;
using Cme.Application;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Reports;
using Cme.Bench.Reports;
using Cme.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

// dotnet run -- generate <connection> [--seed 42] [--professionals 100000] [--entries 2500000] [--years 5] [--end-year 2026]
// dotnet run -- measure  <connection> [--year 2025] [--runs 5] [--policy CN-2024] [--sql-out file]
var command = args.ElementAtOrDefault(0);
var connectionString = args.ElementAtOrDefault(1);
if (command is not ("generate" or "measure") || string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("usage: generate|measure <connection string> [options] (see bench/reports/README.md)");
    return 2;
}
string Option(string name, string fallback) =>
    args.SkipWhile(a => a != $"--{name}").Skip(1).FirstOrDefault() ?? fallback;
int IntOption(string name, int fallback) => int.Parse(Option(name, fallback.ToString(CultureInfo.InvariantCulture)), CultureInfo.InvariantCulture);

var services = new ServiceCollection()
    .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
    .AddSingleton<ICurrentUser>(new BenchAdmin())
    .AddApplication()
    .AddInfrastructure(new ConfigurationBuilder()
        .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:Cme"] = connectionString }).Build());
await using var provider = services.BuildServiceProvider();

if (command == "generate")
{
    await provider.InitialiseDatabaseAsync(seedDemoData: false, demoPassword: "unused");
    var generator = new ConsortiumGenerator(IntOption("seed", 42), IntOption("professionals", 100_000), IntOption("entries", 2_500_000),
        IntOption("end-year", 2026), IntOption("years", 5));
    await generator.GenerateAsync(connectionString);
    return 0;
}

// measure: the completion report through the request pipeline, as the API runs it, timed; and its statements counted.
var year = IntOption("year", 2025);
var runs = IntOption("runs", 5);
await using (var connection = new NpgsqlConnection(connectionString))
{
    await connection.OpenAsync();
    await using var set = new NpgsqlCommand("UPDATE consortia SET active_policy_code = $1", connection);
    set.Parameters.Add(new NpgsqlParameter { Value = Option("policy", "CN-2024") });
    await set.ExecuteNonQueryAsync();
}
using var counter = new StatementCounter();
async Task<(double Ms, CompletionReport Report)> OnceAsync()
{
    await using var scope = provider.CreateAsyncScope();
    var sender = scope.ServiceProvider.GetRequiredService<ISender>();
    var watch = Stopwatch.StartNew();
    var report = await sender.Send(new GetCompletionReport(year, StaffFilter.All));
    return (watch.Elapsed.TotalMilliseconds, report);
}
counter.Verbose = args.Contains("--verbose");
var warm = await OnceAsync(); // warm-up: JIT, connection pool, EF model, PostgreSQL caches
if (counter.Verbose)
    Console.WriteLine($"  warm-up run {warm.Ms:0.0} ms");
counter.Verbose = false;
var times = new List<double>();
var sqlTimes = new List<double>();
CompletionReport? last = null;
var psql = Option("psql", "");
var aggregateFile = Path.Combine(Path.GetTempPath(), $"cme-bench-aggregate-{Environment.ProcessId}.sql");
if (psql.Length > 0 && counter.Aggregate is { } captured)
    await File.WriteAllTextAsync(aggregateFile, $"\\timing on\n\\o /dev/null\n{captured};\n");
counter.Reset();
for (var i = 0; i < runs; i++)
{
    var (ms, report) = await OnceAsync();
    times.Add(ms);
    last = report;
    // The same aggregate in psql right after, so both see the same load on a shared machine.
    if (psql.Length > 0)
        sqlTimes.Add(await PsqlMillisecondsAsync(psql, Option("psql-args", "").Split(' ', StringSplitOptions.RemoveEmptyEntries), aggregateFile));
}
var statementsPerRun = counter.Count / (double)runs;
static double Median(List<double> values) => values.Count == 0 ? 0 : values.Order().ElementAt(values.Count / 2);
var median = Median(times);
var sqlMedian = Median(sqlTimes);
Console.WriteLine(FormattableString.Invariant(
    $"report year={year} runs={runs} median_ms={median:0.0} min_ms={times.Min():0.0} psql_median_ms={sqlMedian:0.0} psql_min_ms={(sqlTimes.Count > 0 ? sqlTimes.Min() : 0):0.0} ratio={(sqlMedian > 0 ? median / sqlMedian : 0):0.00} statements_per_run={statementsPerRun:0.#}"));
Console.WriteLine(FormattableString.Invariant(
    $"  headcount={last!.Total.Headcount} met={last.Total.Met} at_risk={last.Total.AtRisk} not_met={last.Total.NotMet} met_percent={last.Total.MetPercent}"));
foreach (var region in last.ByRegion.Take(3))
    Console.WriteLine(FormattableString.Invariant($"  lowest region: {region.Label} {region.MetPercent}% of {region.Applicable}"));
File.Delete(aggregateFile);
if (Option("sql-out", "") is { Length: > 0 } sqlOut && counter.Aggregate is { } aggregate)
{
    await File.WriteAllTextAsync(sqlOut, aggregate + ";\n");
    Console.WriteLine($"  the ledger aggregate written to {sqlOut}");
}
return 0;

static async Task<double> PsqlMillisecondsAsync(string psql, string[] arguments, string file)
{
    var start = new ProcessStartInfo(psql) { RedirectStandardOutput = true, RedirectStandardError = true };
    foreach (var argument in arguments.Concat(["-X", "-q", "-f", file]))
        start.ArgumentList.Add(argument);
    using var process = Process.Start(start)!;
    var output = await process.StandardOutput.ReadToEndAsync();
    await process.WaitForExitAsync();
    var match = System.Text.RegularExpressions.Regex.Match(output, @"Time: ([0-9.]+) ms");
    return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
        : throw new InvalidOperationException($"psql did not report a time: {output} {await process.StandardError.ReadToEndAsync()}");
}
