using Cme.Application.Common.Exceptions;
using Cme.Application.Jobs;
using Quartz;

namespace Cme.Infrastructure.Scheduling;

/// <summary>IJobLauncher over the clustered Quartz scheduler: reads jobs and triggers from its store, fires jobs now.</summary>
public sealed class QuartzJobLauncher(ISchedulerFactory schedulers) : IJobLauncher
{
    public async Task<string> TriggerAsync(string jobName, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var key = new JobKey(jobName, JobCatalog.Group);
        if (!await scheduler.Exists(key, cancellationToken))
            throw new NotFoundException("Job", jobName);
        var map = new JobDataMap();
        foreach (var (name, value) in data ?? new Dictionary<string, string>())
            map[name] = value;
        var trigger = TriggerBuilder.Create()
            .ForJob(key)
            .WithIdentity($"{jobName}.now.{Guid.NewGuid():N}", JobCatalog.Group)
            .UsingJobData(map)
            .StartNow()
            .Build();
        await scheduler.ScheduleJob(trigger, cancellationToken: cancellationToken);
        return trigger.Key.Name;
    }

    public async Task<IReadOnlyList<JobView>> ListAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var jobs = new List<JobView>();
        foreach (var key in (await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(JobCatalog.Group), cancellationToken)).OrderBy(k => k.Name))
        {
            var detail = await scheduler.GetJobDetail(key, cancellationToken);
            var triggers = new List<JobTriggerView>();
            foreach (var trigger in await scheduler.GetTriggersOfJob(key, cancellationToken))
            {
                var state = await scheduler.GetTriggerState(trigger.Key, cancellationToken);
                var schedule = trigger switch
                {
                    ICronTrigger cron => $"cron {cron.CronExpressionString}",
                    ISimpleTrigger { RepeatCount: 0 } => "once",
                    ISimpleTrigger simple => $"every {simple.RepeatInterval.TotalSeconds:0} s",
                    _ => trigger.GetType().Name,
                };
                triggers.Add(new JobTriggerView(trigger.Key.Name, schedule, state.ToString(), trigger.NextFireTimeUtc, trigger.PreviousFireTimeUtc,
                    trigger.JobDataMap.ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "")));
            }
            jobs.Add(new JobView(key.Name, detail?.Description, triggers.Any(t => t.Schedule != "once"), detail?.ConcurrentExecutionDisallowed != true, triggers));
        }
        return jobs;
    }
}

/// <summary>The launcher of an API instance that does not run the scheduler (Cme:Scheduler:Enabled=false).</summary>
public sealed class SchedulerOffJobLauncher : IJobLauncher
{
    public Task<string> TriggerAsync(string jobName, IReadOnlyDictionary<string, string>? data, CancellationToken cancellationToken) =>
        throw new ConflictException("jobs.scheduler-off");

    public Task<IReadOnlyList<JobView>> ListAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JobView>>([]);
}
