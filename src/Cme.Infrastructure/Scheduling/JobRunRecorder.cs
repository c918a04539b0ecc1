using Cme.Domain.Jobs;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Cme.Infrastructure.Scheduling;

/// <summary>Writes every job execution to job_runs (job, trigger, fire times, duration, outcome, error) for the jobs page.</summary>
public sealed class JobRunRecorder(NpgsqlDataSource dataSource, ILogger<JobRunRecorder> logger) : IJobListener
{
    public string Name => "cme-job-runs";

    public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public async ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
    {
        var error = jobException is null ? null : Describe(jobException.GetBaseException());
        try
        {
            await using var command = dataSource.CreateCommand("""
                INSERT INTO job_runs (job_name, trigger_name, fire_instance_id, scheduled_at, started_at, duration_ms, succeeded, result, error, instance, recovering)
                VALUES (@job, @trigger, @fire, @scheduled, @started, @duration, @succeeded, @result, @error, @instance, @recovering)
                """);
            command.Parameters.AddWithValue("job", context.JobDetail.Key.Name);
            command.Parameters.AddWithValue("trigger", context.Trigger.Key.Name);
            command.Parameters.AddWithValue("fire", context.FireInstanceId);
            command.Parameters.AddWithValue("scheduled", (object?)context.ScheduledFireTimeUtc ?? DBNull.Value);
            command.Parameters.AddWithValue("started", context.FireTimeUtc);
            command.Parameters.AddWithValue("duration", (long)context.JobRunTime.TotalMilliseconds);
            command.Parameters.AddWithValue("succeeded", jobException is null);
            command.Parameters.AddWithValue("result", (object?)Clip(context.Result?.ToString(), 500) ?? DBNull.Value);
            command.Parameters.AddWithValue("error", (object?)error ?? DBNull.Value);
            command.Parameters.AddWithValue("instance", context.Scheduler.SchedulerInstanceId);
            command.Parameters.AddWithValue("recovering", context.Recovering);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            // The run happened; losing its record must not fail the firing.
            logger.LogWarning(ex, "Could not record the run of job {Job}", context.JobDetail.Key);
        }
    }

    public ValueTask JobProgressChanged(IJobExecutionContext context, Quartz.Extensibility.FireInstanceProgress progress, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    private static string Describe(Exception e) => Clip($"{e.GetType().Name}: {e.Message}", JobRun.MaxErrorLength)!;

    private static string? Clip(string? s, int max) => s is null || s.Length <= max ? s : s[..max];
}
