using Cme.Application.Jobs;
using Cme.Application.Notifications;
using Cme.Infrastructure.Notifications;
using Hangfire;
using Hangfire.AspNetCore;
using Hangfire.Common;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Cme.Infrastructure.Scheduling;

public static class SchedulerSetup
{
    /// <summary>Hangfire.PostgreSql's schema in the project's database; Hangfire creates and upgrades its tables there itself.</summary>
    public const string Schema = "hangfire";

    /// <summary>
    /// The outbox planner and dispatcher, e-mail, and Hangfire's storage and client: every API instance
    /// can enqueue a job and read the jobs' state, whether or not it runs a job server.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(NotificationOptions.From(configuration));
        services.AddSingleton(EmailOptions.Read(configuration));
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<OutboxDispatcher>();
        services.AddSingleton<JobExclusion>();
        services.AddSingleton(new SchedulerInstance(configuration["Cme:Scheduler:InstanceName"] ?? $"{Environment.MachineName}:{Environment.ProcessId}"));
        services.AddSingleton<IJobLauncher, HangfireJobLauncher>();

        // Hangfire keeps its configuration in statics (JobStorage.Current, JobActivator.Current, LogProvider),
        // and AddHangfire fills them from the last container that asked. Two hosts in one process (the tests'
        // two instances) must neither share nor overwrite them, nor log into a host that has stopped: the
        // storage, activator and filters are this container's own singletons, registered before AddHangfire so
        // that its TryAdd keeps them, and its global configuration is replaced by one that sets only what is
        // the same for every host (serializer, compatibility level, the process-wide HangfireLogging).
        var storageOptions = StorageOptions(configuration);
        services.TryAddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        services.TryAddSingleton<IJobFilterProvider>(_ => new JobFilterProviderCollection(GlobalFilters(), new JobFilterAttributeFilterProvider()));
        services.AddHangfire(_ => { });
        services.Replace(ServiceDescriptor.Singleton<IGlobalConfiguration>(_ => GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(HangfireLogging.Instance)));
        services.AddHostedService<HangfireLoggingAttachment>();
        return services;
    }

    /// <summary>
    /// Hangfire's default filters, but no automatic retries unless a job asks for them: Hangfire's default
    /// (10 attempts over hours) would keep retrying a run whose class no longer loads, which never
    /// succeeds, instead of failing it at once where the dashboard shows it. Every job of
    /// <see cref="JobCatalog"/> states its own policy on its RunAsync.
    /// </summary>
    private static JobFilterCollection GlobalFilters()
    {
        var filters = new JobFilterCollection();
        filters.Add(new Hangfire.CaptureCultureAttribute());
        filters.Add(new AutomaticRetryAttribute { Attempts = 0 });
        filters.Add(new Hangfire.StatisticsHistoryAttribute());
        filters.Add(new Hangfire.ContinuationsSupportAttribute());
        return filters;
    }

    /// <summary>
    /// Hangfire.PostgreSql tuned for prompt recovery (docs/notifications.md, "Jobs"): a job held by a dead
    /// process comes back after <c>InvisibilityTimeout</c> (the sliding timeout keeps a live one's claim
    /// fresh), a lock held by a dead process expires after <c>DistributedLockTimeout</c>, and idle
    /// workers look for work every <c>QueuePollInterval</c>.
    /// </summary>
    public static PostgreSqlStorageOptions StorageOptions(IConfiguration configuration) => new()
    {
        SchemaName = Schema,
        PrepareSchemaIfNecessary = true,
        UseSlidingInvisibilityTimeout = true,
        InvisibilityTimeout = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:InvisibilityTimeoutSeconds", 10.0)),
        DistributedLockTimeout = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:LockTimeoutSeconds", 10.0)),
        QueuePollInterval = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:QueuePollSeconds", 1.0)),
        JobExpirationCheckInterval = TimeSpan.FromMinutes(15),
    };

    /// <summary>
    /// Makes this API instance a Hangfire server (two, in fact: several workers on the default queue, and
    /// one worker on the outbox queue) and keeps the recurring jobs of <see cref="JobCatalog"/> registered.
    /// Every instance that calls this takes part; each run of a job is fetched by one of them.
    /// </summary>
    public static IServiceCollection AddCmeScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var instance = configuration["Cme:Scheduler:InstanceName"] ?? $"{Environment.MachineName}:{Environment.ProcessId}";
        // How often a server looks for due recurring and delayed jobs: as often as the most frequent job runs,
        // at most every 5 s (each look is a lock and a query; two instances polling every second made ~70
        // transactions a second at rest). The outbox server leaves that to the jobs server beside it.
        var polling = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:SchedulePollSeconds", Math.Min(5.0, JobCatalog.ShortestIntervalSeconds(configuration))));
        void Common(BackgroundJobServerOptions o)
        {
            o.HeartbeatInterval = TimeSpan.FromSeconds(5);
            o.ServerTimeout = TimeSpan.FromSeconds(30);
            o.ServerCheckInterval = TimeSpan.FromSeconds(10);
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        }
        services.AddHangfireServer(o =>
        {
            Common(o);
            o.SchedulePollingInterval = polling;
            o.ServerName = $"{instance}:jobs";
            o.Queues = [JobCatalog.DefaultQueue];
            o.WorkerCount = configuration.GetValue("Cme:Scheduler:Workers", 4);
        });
        services.AddHangfireServer(o =>
        {
            Common(o);
            o.SchedulePollingInterval = TimeSpan.FromMinutes(1);
            o.ServerName = $"{instance}:outbox";
            o.Queues = [JobCatalog.OutboxQueue];
            o.WorkerCount = 1;
        });
        services.AddHostedService<RecurringJobRegistration>();
        return services;
    }
}

/// <summary>At start-up, puts every job of <see cref="JobCatalog"/> in place as a recurring job and removes recurring jobs it no longer has.</summary>
internal sealed class RecurringJobRegistration(IRecurringJobManager recurringJobs, JobStorage storage, IConfiguration configuration) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var jobs = JobCatalog.Jobs(configuration);
        foreach (var job in jobs)
            recurringJobs.AddOrUpdate(job.Name, job.Job(), job.Cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        using var connection = storage.GetConnection();
        foreach (var stale in connection.GetRecurringJobs().Where(r => jobs.All(j => j.Name != r.Id)))
            recurringJobs.RemoveIfExists(stale.Id);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
