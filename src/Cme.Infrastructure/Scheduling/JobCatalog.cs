using Cme.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Quartz;

namespace Cme.Infrastructure.Scheduling;

/// <summary>A job the scheduler knows, under a stable name, with its schedule (none: it runs only when triggered).</summary>
public sealed record JobRegistration(string Name, Type JobType, string Description, string? Cron = null, TimeSpan? Interval = null);

/// <summary>
/// Every job of the system. To add one (the bulk-certificate job, say): write a class implementing
/// Quartz's IJob in this namespace (its constructor may take any registered service; mark it
/// [DisallowConcurrentExecution] when two runs must not overlap; it must be idempotent, since a run
/// cut short by a crash is run again), add a line below, and start it from Cme.Application with
/// <c>IJobLauncher.TriggerAsync("bulk-certificates", data, ct)</c>; the data arrives in
/// <c>context.MergedJobDataMap</c> as strings.
/// </summary>
public static class JobCatalog
{
    public const string Group = "cme";
    public const string ReminderPlanner = "reminder-planner";
    public const string OutboxDispatcher = "outbox-dispatcher";
    public const string CertificateWork = "certificate-work";
    public const string CompletionSweep = "completion-sweep";

    public static IReadOnlyList<JobRegistration> Jobs(IConfiguration configuration) =>
    [
        new(ReminderPlanner, typeof(ReminderPlannerJob),
            "Plans session, evaluation, waitlist, credit and qualification reminders and the review digest; cancels those that no longer apply.",
            Cron: configuration["Cme:Scheduler:PlannerCron"] ?? "0 * * * * ?"),
        new(OutboxDispatcher, typeof(OutboxDispatcherJob),
            "Sends due notifications (inbox and e-mail) with retries and backoff.",
            Interval: TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:DispatchIntervalSeconds", 10.0))),
        new(CertificateWork, typeof(CertificateWorkJob),
            "Issues certificates: bulk batches (resuming one whose worker stopped), then those of fresh completions.",
            Interval: TimeSpan.FromSeconds(configuration.GetValue("Cme:Certificates:PollSeconds", 5.0))),
        new(CompletionSweep, typeof(CompletionSweepJob),
            "Settles completion when an offering's last session has ended: completes, awards the credits once, queues the certificates.",
            Interval: TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:CompletionSweepSeconds", 60.0))),
    ];

    internal static void Register(IQuartzBuilder quartz, IEnumerable<JobRegistration> jobs)
    {
        foreach (var job in jobs)
        {
            var key = new JobKey(job.Name, Group);
            quartz.AddJob(job.JobType, j => j.WithIdentity(key).WithDescription(job.Description).StoreDurably().RequestRecovery());
            if (job.Cron is { } cron)
                quartz.AddTrigger(t => t.ForJob(key).WithIdentity($"{job.Name}.schedule", Group)
                    .WithCronSchedule(cron, c => c.WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            else if (job.Interval is { } interval)
                quartz.AddTrigger(t => t.ForJob(key).WithIdentity($"{job.Name}.schedule", Group)
                    .WithSimpleSchedule(s => s.WithInterval(interval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        }
    }
}
