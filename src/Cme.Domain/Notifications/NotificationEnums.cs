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

    // Event notices: written to the outbox in the transaction of the event itself (see Notices).

    /// <summary>The learner has a seat (they enrolled, or an administrator enrolled them).</summary>
    EnrolmentConfirmed,
    /// <summary>The offering was full: the learner is on its waitlist, at a position.</summary>
    WaitlistJoined,
    /// <summary>The learner's enrolment or waitlist place was cancelled (by them or by an administrator).</summary>
    EnrolmentCancelled,
    /// <summary>A session the learner attends or the trainer teaches moved to another time.</summary>
    SessionRescheduled,
    /// <summary>A session the learner attends or the trainer teaches was cancelled.</summary>
    SessionCancelled,
    /// <summary>The learner completed an offering and its credits were recorded in the ledger.</summary>
    CreditsAwarded,
    /// <summary>A certificate was issued to the learner (with a link to it).</summary>
    CertificateReady,
    /// <summary>A certificate of the learner was revoked (with the reason).</summary>
    CertificateRevoked,
    /// <summary>An external activity the learner submitted was approved (with the credits and the reviewer's comment).</summary>
    ExternalActivityApproved,
    /// <summary>An external activity the learner submitted was declined (with the reviewer's comment).</summary>
    ExternalActivityDeclined,
    /// <summary>The trainer was assigned to teach a session.</summary>
    TrainerAssigned,
    /// <summary>The trainer was taken off a session.</summary>
    TrainerUnassigned,
    /// <summary>A link to set a new password, asked for on the sign-in page (e-mail only, whatever the preferences).</summary>
    PasswordReset,
    /// <summary>The CME office reminds a learner of a class what they still miss (evaluation, post-test, scenarios); once a day at most.</summary>
    CompletionReminder,
    /// <summary>The learner completed a train-the-trainer offering and waits in the CME office's queue to join the trainer pool.</summary>
    TrainerCandidacy,
    /// <summary>The CME office approved the person's application (or candidacy): they are in the trainer pool.</summary>
    TrainerApproved,
    /// <summary>The CME office declined the person's application (or candidacy), with the reason.</summary>
    TrainerDeclined,
    /// <summary>A course version was submitted for accreditation (every CmeAdmin, at once; the daily digest still counts the queue).</summary>
    VersionSubmitted,
    /// <summary>The CME office accredited a version of the author's course (class, value, accreditation number).</summary>
    VersionAccredited,
    /// <summary>The CME office sent a version of the author's course back with comments (how many, and the general one).</summary>
    VersionChangesRequested,
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
