using Cme.Application.Common.Exceptions;
using Cme.Application.Jobs;
using Hangfire;
using Hangfire.States;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Scheduling;

/// <summary>
/// <see cref="IJobLauncher"/> over Hangfire: enqueues through its client, reads recurring jobs, runs and
/// servers through its storage connection and monitoring API. Works on every instance, scheduler on or off.
/// </summary>
public sealed class HangfireJobLauncher(JobStorage storage, IBackgroundJobClient client, IConfiguration configuration) : IJobLauncher
{
    public Task<string> TriggerAsync(string jobName, CancellationToken cancellationToken)
    {
        var job = JobCatalog.Find(configuration, jobName) ?? throw new NotFoundException("Job", jobName);
        return Task.FromResult(client.Create(job.Job(), new EnqueuedState(job.Queue)));
    }

    public Task<IReadOnlyList<JobView>> ListAsync(CancellationToken cancellationToken)
    {
        using var connection = storage.GetConnection();
        IReadOnlyList<JobView> jobs = [.. connection.GetRecurringJobs()
            .OrderBy(r => r.Id, StringComparer.Ordinal)
            .Select(r => new JobView(r.Id, r.Cron, r.Job?.Queue ?? r.Queue ?? JobCatalog.DefaultQueue, Utc(r.NextExecution), Utc(r.LastExecution),
                r.LastJobId, r.LastJobState, r.Error ?? r.LoadException?.Message))];
        return Task.FromResult(jobs);
    }

    public Task<IReadOnlyList<JobRunView>> RunsAsync(string state, int take, CancellationToken cancellationToken)
    {
        var monitoring = storage.GetMonitoringApi();
        IReadOnlyList<JobRunView> runs = state switch
        {
            JobRunStates.Succeeded => [.. monitoring.SucceededJobs(0, take).Select(p => new JobRunView(p.Key, NameOf(p.Value.Job), state,
                Utc(p.Value.SucceededAt), p.Value.TotalDuration, Clip(p.Value.Result as string ?? p.Value.Result?.ToString()), null, null))],
            JobRunStates.Failed => [.. monitoring.FailedJobs(0, take).Select(p => new JobRunView(p.Key, NameOf(p.Value.Job), state,
                Utc(p.Value.FailedAt), null, null, Clip($"{p.Value.ExceptionType}: {p.Value.ExceptionMessage}"), null))],
            JobRunStates.Processing => [.. monitoring.ProcessingJobs(0, take).Select(p => new JobRunView(p.Key, NameOf(p.Value.Job), state,
                Utc(p.Value.StartedAt), null, null, null, p.Value.ServerId))],
            JobRunStates.Enqueued => [.. monitoring.Queues().SelectMany(q => monitoring.EnqueuedJobs(q.Name, 0, take))
                .Select(p => new JobRunView(p.Key, NameOf(p.Value.Job), state, Utc(p.Value.EnqueuedAt), null, null, null, null))
                .OrderByDescending(r => r.At).Take(take)],
            _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
        };
        return Task.FromResult(runs);
    }

    public Task<IReadOnlyList<JobServerView>> ServersAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<JobServerView> servers = [.. storage.GetMonitoringApi().Servers()
            .OrderBy(s => s.Name, StringComparer.Ordinal)
            .Select(s => new JobServerView(s.Name, s.WorkersCount, [.. s.Queues], Utc(s.StartedAt)!.Value, Utc(s.Heartbeat)))];
        return Task.FromResult(servers);
    }

    /// <summary>The catalog name of a run's job; a run whose class no longer loads has no job (shown as "?").</summary>
    private string NameOf(Hangfire.Common.Job? job) => JobCatalog.ForType(configuration, job?.Type)?.Name ?? job?.Type.Name ?? "?";

    private static DateTimeOffset? Utc(DateTime? time) => time is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;

    private static string? Clip(string? s) => s is null || s.Length <= 500 ? s : s[..500];
}
