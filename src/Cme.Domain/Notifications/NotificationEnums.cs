namespace Cme.Domain.Notifications;

/// <summary>What a notification is about. Stored by name: never rename a member.</summary>
public enum NotificationKind
{
    /// <summary>A session starts in 24 hours (learners enrolled, trainers assigned).</summary>
    SessionReminder24h,
    /// <summary>A session starts in one hour.</summary>
    SessionReminder1h,
    /// <summary>The offering's sessions are over and the learner has not evaluated it yet.</summary>
    EvaluationReminder,
    /// <summary>A seat became free and the learner moved from the waitlist to enrolled.</summary>
    WaitlistPromoted,
    /// <summary>Last quarter of the year and the learner is short of the active policy's minimum.</summary>
    CreditDeficit,
    /// <summary>A trainer's qualification expires within 30 days.</summary>
    QualificationExpiring,
    /// <summary>Daily digest of the accreditation review queue (CmeAdmin).</summary>
    ReviewDigest,
}

public enum NotificationChannel
{
    /// <summary>The inbox in the web pages (the bell).</summary>
    InApp,
    Email,
}

public enum NotificationStatus
{
    /// <summary>Waiting for its due time, or for its next attempt.</summary>
    Pending,
    Sent,
    /// <summary>Every attempt failed; an administrator can retry it.</summary>
    Failed,
    /// <summary>No longer true (rescheduled or cancelled session, cancelled enrolment, evaluation done…) or turned off.</summary>
    Cancelled,
}
