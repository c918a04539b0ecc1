using Cme.Infrastructure.Notifications;
using Hangfire;

namespace Cme.Infrastructure.Scheduling;

// Hangfire stores each run as "Cme.Infrastructure.Scheduling.<Class>, Cme.Infrastructure" and the method
// RunAsync(CancellationToken): keep the names, or the runs already stored fail (visibly, on the dashboard).
//
// Retries: every job here runs again on its schedule within a minute and does the same idempotent work,
// so a failed run is not retried (Attempts = 0); it stays on the dashboard as Failed, where the CME office
// can retry or delete it. Hangfire passes the server's shutdown token as the CancellationToken.

/// <summary>A recurring job: one run returns a line saying what it did (shown on the dashboard as the result).</summary>
public interface ICmeJob
{
    Task<string> RunAsync(CancellationToken cancellationToken);
}

/// <summary>Writes due reminders into the outbox and cancels those that no longer apply (every minute). One run at a time.</summary>
public sealed class ReminderPlannerJob(ReminderPlanner planner, JobExclusion exclusion) : ICmeJob
{
    [AutomaticRetry(Attempts = 0)]
    public Task<string> RunAsync(CancellationToken cancellationToken) =>
        exclusion.RunAloneAsync(JobCatalog.ReminderPlanner, async ct => (await planner.PlanAsync(ct)).ToString(), cancellationToken);
}

/// <summary>
/// Sends due notifications from the outbox (every few seconds). Runs may overlap across instances:
/// each claims its rows with FOR UPDATE SKIP LOCKED. Within an instance the outbox queue has one worker,
/// so at most one e-mail per process is in flight when it dies.
/// </summary>
public sealed class OutboxDispatcherJob(OutboxDispatcher dispatcher, SchedulerInstance instance) : ICmeJob
{
    [AutomaticRetry(Attempts = 0)]
    public async Task<string> RunAsync(CancellationToken cancellationToken) =>
        (await dispatcher.DispatchAsync(instance.Name, cancellationToken)).ToString();
}

/// <summary>
/// Issues certificates in the background (every few seconds): bulk batches first, then the
/// certificates of fresh completions. Resumable: each certificate commits with its "done" mark. One run at a time.
/// </summary>
public sealed class CertificateWorkJob(Application.Certificates.CertificateWork work, JobExclusion exclusion) : ICmeJob
{
    [AutomaticRetry(Attempts = 0)]
    public Task<string> RunAsync(CancellationToken cancellationToken) =>
        exclusion.RunAloneAsync(JobCatalog.CertificateWork, async ct => $"{await work.RunOnceAsync(ct)} issued", cancellationToken);
}

/// <summary>
/// Settles completion of offerings whose last session has ended (every minute by default): completes
/// the enrolments whose rule is met, awards their credits once and queues their certificates. One run at a time.
/// </summary>
public sealed class CompletionSweepJob(Application.Attendance.CompletionSweep sweep, JobExclusion exclusion) : ICmeJob
{
    [AutomaticRetry(Attempts = 0)]
    public Task<string> RunAsync(CancellationToken cancellationToken) =>
        exclusion.RunAloneAsync(JobCatalog.CompletionSweep, async ct => (await sweep.RunOnceAsync(ct)).ToString(), cancellationToken);
}
