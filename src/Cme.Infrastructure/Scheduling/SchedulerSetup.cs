using Cme.Application.Jobs;
using Cme.Application.Notifications;
using Cme.Infrastructure.Notifications;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;
using Quartz;

namespace Cme.Infrastructure.Scheduling;

public static class SchedulerSetup
{
    /// <summary>Where Quartz keeps its tables: schema quartz (created by migration 0008), tables created by Quartz itself.</summary>
    public const string TablePrefix = "quartz.qrtz_";

    /// <summary>The outbox planner and dispatcher, e-mail, and a launcher that refuses until the scheduler is added.</summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration configuration, string connectionString)
    {
        services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        services.AddSingleton(NotificationOptions.From(configuration));
        services.AddSingleton(EmailOptions.Read(configuration));
        services.TryAddSingleton<IEmailSender, SmtpEmailSender>();
        services.AddSingleton<ReminderPlanner>();
        services.AddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<IJobLauncher, SchedulerOffJobLauncher>();
        return services;
    }

    /// <summary>
    /// Quartz with its persistent, clustered store in the project's PostgreSQL (System.Text.Json
    /// serializer, instance id generated per process), the jobs of <see cref="JobCatalog"/>, and the
    /// job-run recorder. Every API instance that calls this takes part in the cluster; each firing
    /// runs on one of them.
    /// </summary>
    public static IServiceCollection AddCmeScheduler(this IServiceCollection services, IConfiguration configuration)
    {
        var connectionString = configuration.GetConnectionString("Cme")
            ?? throw new InvalidOperationException("The connection string 'Cme' (ConnectionStrings__Cme) is not set.");
        var jobs = JobCatalog.Jobs(configuration);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(o =>
            {
                o.InstanceName = "cme";
                o.GenerateInstanceId = true;
            });
            q.UseDefaultThreadPool(configuration.GetValue("Cme:Scheduler:Threads", 4));
            q.UsePersistentStore(store =>
            {
                store.UsePostgres(connectionString);
                store.UseSystemTextJsonSerializer();
                store.UseClustering(c =>
                {
                    c.CheckinInterval = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:CheckinIntervalSeconds", 5.0));
                    c.CheckinMisfireThreshold = TimeSpan.FromSeconds(configuration.GetValue("Cme:Scheduler:CheckinMisfireThresholdSeconds", 10.0));
                });
                store.ProvisionSchema();
                store.ConfigureStore(o =>
                {
                    o.TablePrefix = TablePrefix;
                    o.DbRetryInterval = TimeSpan.FromSeconds(2);
                });
            });
            q.AddJobListener(sp => ActivatorUtilities.CreateInstance<JobRunRecorder>(sp));
            JobCatalog.Register(q, jobs);
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.Replace(ServiceDescriptor.Singleton<IJobLauncher, QuartzJobLauncher>());
        return services;
    }
}
