using Cme.Infrastructure.Notifications;
using Quartz;

namespace Cme.Infrastructure.Scheduling;

// Quartz stores each job's class name (Cme.Infrastructure.Scheduling.ReminderPlannerJob, Cme.Infrastructure):
// renaming or moving a job class breaks the jobs already stored. Keep the names.

/// <summary>Writes due reminders into the outbox and cancels those that no longer apply (every minute).</summary>
[DisallowConcurrentExecution]
public sealed class ReminderPlannerJob(ReminderPlanner planner) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = (await planner.PlanAsync(cancellationToken)).ToString();
    }
}

/// <summary>Sends due notifications from the outbox (every few seconds).</summary>
[DisallowConcurrentExecution]
public sealed class OutboxDispatcherJob(OutboxDispatcher dispatcher) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = (await dispatcher.DispatchAsync(context.Scheduler.SchedulerInstanceId, cancellationToken)).ToString();
    }
}

/// <summary>
/// Issues certificates in the background (every few seconds): bulk batches first, then the
/// certificates of fresh completions. Resumable: each certificate commits with its "done" mark.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CertificateWorkJob(Application.Certificates.CertificateWork work) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = $"{await work.RunOnceAsync(cancellationToken)} issued";
    }
}

/// <summary>
/// Settles completion of offerings whose last session has ended (every minute by default): completes
/// the enrolments whose rule is met, awards their credits once and queues their certificates.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CompletionSweepJob(Application.Attendance.CompletionSweep sweep) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        context.Result = (await sweep.RunOnceAsync(cancellationToken)).ToString();
    }
}
