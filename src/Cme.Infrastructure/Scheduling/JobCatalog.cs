using System.Globalization;
using Hangfire;
using Hangfire.Common;
using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Scheduling;

/// <summary>
/// A recurring job of the system: a stable name (the recurring job's id in Hangfire), the method
/// Hangfire calls, its cron schedule (UTC; six fields when it runs more often than once a minute), the
/// queue it runs on, and its title in both languages for the jobs page and the dashboard.
/// </summary>
public sealed record JobRegistration(string Name, Type JobType, string Cron, string Queue, string TitleZh, string TitleEn)
{
    /// <summary>The call Hangfire stores and makes: <c>JobType.RunAsync(CancellationToken)</c>, the token being the server's at run time.</summary>
    public Job Job() => new(JobType, JobType.GetMethod(nameof(ICmeJob.RunAsync))!, [CancellationToken.None], Queue);

    public string Title(CultureInfo culture) => culture.TwoLetterISOLanguageName == "zh" ? TitleZh : TitleEn;
}

/// <summary>
/// Every job of the system. To add one: write a class in this namespace implementing <see cref="ICmeJob"/>
/// (its constructor may take any registered service; it must be idempotent, since a run cut short by a
/// crash is run again; give its <c>RunAsync</c> an <see cref="AutomaticRetryAttribute"/> that fits it, and
/// wrap the work in <see cref="JobExclusion.RunAloneAsync"/> when two runs must not overlap), then add a
/// line below. Hangfire stores each run as the class's and method's names (Cme.Infrastructure.Scheduling.ReminderPlannerJob,
/// Cme.Infrastructure / RunAsync): renaming or moving a job class fails the runs already stored, visibly, on the dashboard.
/// </summary>
public static class JobCatalog
{
    public const string ReminderPlanner = "reminder-planner";
    public const string OutboxDispatcher = "outbox-dispatcher";
    public const string CertificateWork = "certificate-work";
    public const string CompletionSweep = "completion-sweep";

    /// <summary>The queue of most jobs; every server with the scheduler on works it with several workers.</summary>
    public const string DefaultQueue = "default";

    /// <summary>The outbox dispatcher's queue, worked by one worker per instance: at most one e-mail in flight per process.</summary>
    public const string OutboxQueue = "outbox";

    public static IReadOnlyList<JobRegistration> Jobs(IConfiguration configuration) =>
    [
        new(ReminderPlanner, typeof(ReminderPlannerJob),
            configuration["Cme:Scheduler:PlannerCron"] ?? Every(60), DefaultQueue,
            "提醒规划：课程、评价、候补、学分与资质提醒和审核摘要", "Reminder planner: session, evaluation, waitlist, credit and qualification reminders, review digest"),
        new(OutboxDispatcher, typeof(OutboxDispatcherJob),
            Every(configuration.GetValue("Cme:Scheduler:DispatchIntervalSeconds", 10.0)), OutboxQueue,
            "通知发送：站内信与电子邮件", "Notification dispatch: inbox and e-mail"),
        new(CertificateWork, typeof(CertificateWorkJob),
            Every(configuration.GetValue("Cme:Certificates:PollSeconds", 5.0)), DefaultQueue,
            "证书签发：批量签发与新完成的学习", "Certificate issue: bulk batches and fresh completions"),
        new(CompletionSweep, typeof(CompletionSweepJob),
            Every(configuration.GetValue("Cme:Scheduler:CompletionSweepSeconds", 60.0)), DefaultQueue,
            "结业核定：最后一场课结束后完成学习、授予学分", "Completion sweep: complete and award when the last session has ended"),
    ];

    /// <summary>The interval of the most frequent job, in seconds (the planner's cron counts as a minute).</summary>
    public static double ShortestIntervalSeconds(IConfiguration configuration) => new[]
    {
        60.0,
        configuration.GetValue("Cme:Scheduler:DispatchIntervalSeconds", 10.0),
        configuration.GetValue("Cme:Certificates:PollSeconds", 5.0),
        configuration.GetValue("Cme:Scheduler:CompletionSweepSeconds", 60.0),
    }.Min();

    public static JobRegistration? Find(IConfiguration configuration, string name) => Jobs(configuration).FirstOrDefault(j => j.Name == name);

    /// <summary>The job whose class Hangfire will call, or null for a type that is not ours (or no longer exists).</summary>
    public static JobRegistration? ForType(IConfiguration configuration, Type? type) =>
        type is null ? null : Jobs(configuration).FirstOrDefault(j => j.JobType == type);

    /// <summary>
    /// A cron expression that fires every <paramref name="seconds"/>: six fields (with seconds) below a
    /// minute, where the interval must divide 60; whole minutes (dividing 60) above.
    /// </summary>
    public static string Every(double seconds)
    {
        var s = (int)Math.Round(seconds);
        if (s < 1 || s > 3600 || (s < 60 ? 60 % s != 0 : s % 60 != 0 || 60 % (s / 60) != 0))
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds,
                "A job's interval must be whole seconds dividing 60 (1, 2, 5, 10, 15, 20, 30) or whole minutes dividing 60.");
        return s switch
        {
            < 60 => $"*/{s} * * * * *",
            60 => "* * * * *",
            _ => $"*/{s / 60} * * * *",
        };
    }
}
