using Cme.Domain.Common;

namespace Cme.Domain.Notifications;

/// <summary>
/// One message to one person on one channel, in the outbox. Planned by the reminder planner with a
/// unique de-duplication key (recipient, kind, subject, occurrence, channel), so planning twice
/// never sends twice; sent by the outbox dispatcher, which records every attempt.
/// </summary>
public sealed class Notification : Entity
{
    public const int MaxErrorLength = 2000;

    private Notification() { }

    public Notification(Guid recipientId, NotificationKind kind, NotificationChannel channel, Guid subjectId, string occurrence,
        string language, string data, DateTimeOffset dueAt, DateTimeOffset? expiresAt, DateTimeOffset now)
    {
        RecipientId = recipientId;
        Kind = kind;
        Channel = channel;
        SubjectId = subjectId;
        Occurrence = Guard.Required(occurrence, "occurrence", 64);
        DedupKey = KeyOf(recipientId, kind, subjectId, occurrence, channel);
        Language = language;
        Data = data;
        Status = NotificationStatus.Pending;
        DueAt = dueAt;
        NextAttemptAt = dueAt;
        ExpiresAt = expiresAt;
        CreatedAt = now;
    }

    public Guid RecipientId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public NotificationChannel Channel { get; private set; }

    /// <summary>The session, offering, trainer profile, credit year… the notification is about.</summary>
    public Guid SubjectId { get; private set; }

    /// <summary>Which occurrence of the subject: a session's start instant, a month, a day.</summary>
    public string Occurrence { get; private set; } = "";

    public string DedupKey { get; private set; } = "";

    /// <summary>The recipient's language when it was planned (zh-CN or en).</summary>
    public string Language { get; private set; } = "zh-CN";

    /// <summary>The facts the text is made from (JSON): titles, times, numbers.</summary>
    public string Data { get; private set; } = "{}";

    public NotificationStatus Status { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset NextAttemptAt { get; private set; }

    /// <summary>After this it is no use (a reminder for a session that has started): cancelled, not sent.</summary>
    public DateTimeOffset? ExpiresAt { get; private set; }

    public int Attempts { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Held by a dispatcher until then; a dispatcher that died lets go when it passes.</summary>
    public DateTimeOffset? ClaimedUntil { get; private set; }

    public DateTimeOffset? SentAt { get; private set; }
    public string? Title { get; private set; }
    public string? Body { get; private set; }
    public DateTimeOffset? ReadAt { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static string KeyOf(Guid recipientId, NotificationKind kind, Guid subjectId, string occurrence, NotificationChannel channel) =>
        $"{kind}:{subjectId:N}:{occurrence}:{recipientId:N}:{channel}";

    public void MarkRead(DateTimeOffset now)
    {
        if (Channel != NotificationChannel.InApp || Status != NotificationStatus.Sent)
            throw new DomainException("notification.read-undelivered");
        ReadAt ??= now;
    }

    /// <summary>An administrator's retry of a failed notification: due again now, with a fresh set of attempts.</summary>
    public void Retry(DateTimeOffset now)
    {
        if (Status != NotificationStatus.Failed)
            throw new DomainException("notification.retry-not-failed", new { status = Status });
        Status = NotificationStatus.Pending;
        Attempts = 0;
        NextAttemptAt = now;
        ClaimedUntil = null;
        ExpiresAt = null;
    }
}

/// <summary>One try at delivering a notification, kept for the record.</summary>
public sealed class NotificationAttempt
{
    private NotificationAttempt() { }

    public long Id { get; private set; }
    public Guid NotificationId { get; private set; }
    public DateTimeOffset AttemptedAt { get; private set; }
    public bool Succeeded { get; private set; }
    public string? Error { get; private set; }
    public int DurationMs { get; private set; }
    public string Instance { get; private set; } = "";
}

/// <summary>A person's choice of channels for one kind of notification; without a row, both are on.</summary>
public sealed class NotificationPreference
{
    private NotificationPreference() { }

    public NotificationPreference(Guid professionalId, NotificationKind kind, bool inApp, bool email)
    {
        ProfessionalId = professionalId;
        Kind = kind;
        Change(inApp, email);
    }

    public Guid ProfessionalId { get; private set; }
    public NotificationKind Kind { get; private set; }
    public bool InApp { get; private set; }
    public bool Email { get; private set; }

    public void Change(bool inApp, bool email) => (InApp, Email) = (inApp, email);
}

/// <summary>
/// A planner pass that runs once per occurrence (the daily digest, the monthly credit check…):
/// the row is inserted in the same transaction as what the pass plans, so a pass runs once per
/// occurrence across every API instance and survives a crash half-way.
/// </summary>
public sealed class PlannerPass
{
    private PlannerPass() { }

    public string Pass { get; private set; } = "";
    public string Occurrence { get; private set; } = "";
    public DateTimeOffset RanAt { get; private set; }
}
