using Cme.Application.Jobs;
using Cme.Application.Notifications;
using Cme.Infrastructure.Notifications;
using Hangfire;
using Hangfire.AspNetCore;
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

        // The storage and activator are this container's own singletons, registered before AddHangfire so that
        // its TryAdd keeps them: Hangfire's JobStorage.Current and JobActivator.Current are process-wide, and two
        // hosts in one process (the tests' two instances) must not share or overwrite them.
        var storageOptions = StorageOptions(configuration);
        services.TryAddSingleton<JobStorage>(_ => new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions), storageOptions));
        services.TryAddSingleton<JobActivator>(sp => new AspNetCoreJobActivator(sp.GetRequiredService<IServiceScopeFactory>()));
        NoRetryUnlessTheJobSaysSo();
        services.AddHangfire(config => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());
        return services;
    }

    /// <summary>
    /// Every job of the catalog sets its own <see cref="AutomaticRetryAttribute"/>. A run whose class no longer loads
    /// has none to read, and Hangfire's default (ten retries over hours) would park it among the retries; with no
    /// retry by default it fails at once, visibly, on the dashboard's failed page, and the queue goes on.
    /// (Hangfire's global filters are process-wide; this is idempotent.)
    /// </summary>
    private static void NoRetryUnlessTheJobSaysSo()
    {
        lock (GlobalJobFilters.Filters)
        {
            foreach (var retry in GlobalJobFilters.Filters.Select(f => f.Instance).OfType<AutomaticRetryAttribute>().Where(r => r.Attempts != 0).ToList())
                GlobalJobFilters.Filters.Remove(retry);
            if (!GlobalJobFilters.Filters.Any(f => f.Instance is AutomaticRetryAttribute))
                GlobalJobFilters.Filters.Add(new AutomaticRetryAttribute { Attempts = 0 });
        }
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
        var polling = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:SchedulePollSeconds", 1.0));
        void Common(BackgroundJobServerOptions o)
        {
            o.SchedulePollingInterval = polling;
            o.HeartbeatInterval = TimeSpan.FromSeconds(5);
            o.ServerTimeout = TimeSpan.FromSeconds(30);
            o.ServerCheckInterval = TimeSpan.FromSeconds(10);
            o.ShutdownTimeout = TimeSpan.FromSeconds(10);
        }
        services.AddHangfireServer(o =>
        {
            Common(o);
            o.ServerName = $"{instance}:jobs";
            o.Queues = [JobCatalog.DefaultQueue];
            o.WorkerCount = configuration.GetValue("Cme:Scheduler:Workers", 4);
        });
        services.AddHangfireServer(o =>
        {
            Common(o);
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
