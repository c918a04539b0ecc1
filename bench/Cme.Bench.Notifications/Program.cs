using Cme.Bench.Notifications;

// dotnet run --project bench/Cme.Bench.Notifications -c Release -- faults [count]
// dotnet run --project bench/Cme.Bench.Notifications -c Release -- bench [enrolments] [notifications]
var command = args.FirstOrDefault() ?? "faults";
int Arg(int index, int fallback) => args.Length > index && int.TryParse(args[index], out var v) ? v : fallback;
return command switch
{
    "faults" => await Faults.RunAsync(Arg(1, 2000)),
    "bench" => await Benchmark.RunAsync(Arg(1, 100_000), Arg(2, 10_000)),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Cme.Bench.Notifications faults [count] | bench [enrolments] [notifications]");
    return 2;
}
