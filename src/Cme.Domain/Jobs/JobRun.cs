namespace Cme.Domain.Jobs;

/// <summary>One execution of a scheduled job, as recorded by the scheduler's job listener.</summary>
public sealed class JobRun
{
    public const int MaxErrorLength = 4000;

    private JobRun() { }

    public long Id { get; private set; }
    public string JobName { get; private set; } = "";
    public string TriggerName { get; private set; } = "";
    public string FireInstanceId { get; private set; } = "";
    public DateTimeOffset? ScheduledAt { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public long DurationMs { get; private set; }
    public bool Succeeded { get; private set; }
    public string? Result { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Which scheduler instance (API process) ran it.</summary>
    public string Instance { get; private set; } = "";

    /// <summary>Whether this run was recovered after the instance that started it died.</summary>
    public bool Recovering { get; private set; }
}
