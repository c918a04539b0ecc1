namespace Cme.Application.Jobs;

/// <summary>
/// The job scheduler (Hangfire) behind a port: which recurring jobs there are, what ran, which servers
/// work, and running a job now. A job is registered once in Cme.Infrastructure
/// (Scheduling/JobCatalog.cs) under a stable name; anything in Cme.Application starts it by that name,
/// e.g. <c>await launcher.TriggerAsync("certificate-work", ct)</c>. Any API instance may enqueue; the
/// instances with the scheduler on run the work.
/// </summary>
public interface IJobLauncher
{
    /// <summary>Enqueues one run of the job now; whichever server is free takes it. Returns the run's id.</summary>
    /// <exception cref="Common.Exceptions.NotFoundException">No job has that name.</exception>
    Task<string> TriggerAsync(string jobName, CancellationToken cancellationToken);

    /// <summary>Every recurring job, with its schedule, next run and last run.</summary>
    Task<IReadOnlyList<JobView>> ListAsync(CancellationToken cancellationToken);

    /// <summary>Recent runs in one state (<see cref="JobRunStates"/>), newest first.</summary>
    Task<IReadOnlyList<JobRunView>> RunsAsync(string state, int take, CancellationToken cancellationToken);

    /// <summary>The servers that take work now (one or two per API instance with the scheduler on), with their last heartbeat.</summary>
    Task<IReadOnlyList<JobServerView>> ServersAsync(CancellationToken cancellationToken);
}

/// <summary>A recurring job: its name, cron schedule (UTC), queue, next and last run, and the state its last run reached.</summary>
public sealed record JobView(string Name, string Cron, string Queue, DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt,
    string? LastRunId, string? LastState, string? Error);

/// <summary>One run of a job (a Hangfire background job), in its current state.</summary>
public sealed record JobRunView(string Id, string JobName, string State, DateTimeOffset? At, long? DurationMs, string? Result, string? Error, string? Server);

public sealed record JobServerView(string Name, int Workers, IReadOnlyList<string> Queues, DateTimeOffset StartedAt, DateTimeOffset? HeartbeatAt);

/// <summary>The run states the jobs page asks for.</summary>
public static class JobRunStates
{
    public const string Succeeded = "Succeeded";
    public const string Failed = "Failed";
    public const string Processing = "Processing";
    public const string Enqueued = "Enqueued";

    public static readonly IReadOnlyList<string> All = [Succeeded, Failed, Processing, Enqueued];
}
