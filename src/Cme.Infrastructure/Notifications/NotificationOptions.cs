using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Notifications;

/// <summary>Settings under Cme:Notifications (see docs/notifications.md).</summary>
public sealed class NotificationOptions
{
    /// <summary>How far ahead the planner writes reminders into the outbox.</summary>
    public TimeSpan PlanningHorizon { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Rows a dispatcher claims at once.</summary>
    public int BatchSize { get; init; } = 100;

    /// <summary>Attempts before a notification is marked Failed.</summary>
    public int MaxAttempts { get; init; } = 6;

    /// <summary>Wait after the first failure; doubled after each further one, at most an hour.</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim holds rows: a dispatcher killed mid-batch lets its rows go after this.</summary>
    public TimeSpan ClaimLease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How long one dispatcher run keeps claiming batches before it hands back to the scheduler.</summary>
    public TimeSpan DispatchBudget { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>The web pages' address, for links in e-mails.</summary>
    public string? PublicBaseUrl { get; init; }

    /// <summary>The consortium's time zone: the daily digest's 08:00 and the credit year's last quarter.</summary>
    public string TimeZone { get; init; } = "Asia/Shanghai";

    public static NotificationOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Cme:Notifications");
        var defaults = new NotificationOptions();
        return new NotificationOptions
        {
            PlanningHorizon = TimeSpan.FromMinutes(section.GetValue("PlanningHorizonMinutes", defaults.PlanningHorizon.TotalMinutes)),
            BatchSize = section.GetValue("BatchSize", defaults.BatchSize),
            MaxAttempts = section.GetValue("MaxAttempts", defaults.MaxAttempts),
            RetryBase = TimeSpan.FromSeconds(section.GetValue("RetryBaseSeconds", defaults.RetryBase.TotalSeconds)),
            ClaimLease = TimeSpan.FromSeconds(section.GetValue("ClaimLeaseSeconds", defaults.ClaimLease.TotalSeconds)),
            DispatchBudget = TimeSpan.FromSeconds(section.GetValue("DispatchBudgetSeconds", defaults.DispatchBudget.TotalSeconds)),
            PublicBaseUrl = configuration["Cme:PublicBaseUrl"],
            TimeZone = section["TimeZone"] ?? defaults.TimeZone,
        };
    }
}
