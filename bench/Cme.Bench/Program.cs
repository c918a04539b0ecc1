using Cme.Bench;

// One console, one subcommand per benchmark; bench/run.sh prepares the server and calls it.
try
{
    return args.FirstOrDefault() switch
    {
        "checkin" => await CheckInBurst.RunAsync(BenchArguments.Parse(args.Skip(1))),
        "pipeline" => await PipelineCost.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 200_000),
        _ => Usage(),
    };
}
catch (ArgumentException e)
{
    Console.Error.WriteLine("Cme.Bench: " + e.Message);
    return Usage();
}

static int Usage()
{
    Console.Error.WriteLine("""
        Usage: Cme.Bench <benchmark> [--name value ...]   (normally started by bench/run.sh)

          checkin  --api URL --sessions ID,ID,... --warmup-session ID --learners N --warmup N
                   --concurrency N --password P --trainer EMAIL --hook PROGRAM --results-dir DIR
                   One burst per session; PROGRAM is run as "PROGRAM before|after ROUND" around each.
          pipeline [N] The request pipeline's cost per request (N requests, default 200,000), no database.
        """);
    return 2;
}
