namespace Cme.Application.Jobs;

/// <summary>
/// The scheduler behind a port: what jobs there are, and running one now. A job class is
/// registered once in Cme.Infrastructure (Scheduling/JobCatalog.cs) under a stable name; anything in
/// Cme.Application then starts it by that name with its data, e.g.
/// <c>await launcher.TriggerAsync("bulk-certificates", new Dictionary&lt;string, string&gt; { ["offeringId"] = id.ToString() }, ct)</c>.
/// </summary>
public interface IJobLauncher
{
    /// <summary>Fires the job once, now, on whichever instance of the cluster picks it up. Returns the trigger's name.</summary>
    /// <exception cref="Common.Exceptions.NotFoundException">No job has that name.</exception>
    Task<string> TriggerAsync(string jobName, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken);

    /// <summary>Every job the scheduler holds, with its triggers and their next fire times.</summary>
    Task<IReadOnlyList<JobView>> ListAsync(CancellationToken cancellationToken);
}

public sealed record JobView(string Name, string? Description, bool Recurring, bool Concurrent, IReadOnlyList<JobTriggerView> Triggers);

public sealed record JobTriggerView(
    string Name, string Schedule, string State, DateTimeOffset? NextFireAt, DateTimeOffset? PreviousFireAt, IReadOnlyDictionary<string, string> Data);
