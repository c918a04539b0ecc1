using Cme.Domain.Common;

namespace Cme.Domain.Offerings;

public sealed record EnrolmentChange(EnrolmentStatus? From, EnrolmentStatus To, DateTimeOffset At, Guid By, string? Reason);

/// <summary>
/// A learner's place in an offering: enrolled, or on the waitlist in arrival order. Cancelling a
/// seat promotes the first person waiting, in the same transaction.
/// </summary>
public sealed class Enrolment : Entity
{
    private List<EnrolmentChange> _history = [];

    private Enrolment() { }

    public Enrolment(Guid offeringId, Guid learnerId, bool seatFree, Guid by, DateTimeOffset now, string? reason)
    {
        OfferingId = offeringId;
        LearnerId = learnerId;
        CreatedAt = now;
        EnrolledBy = by;
        Move(seatFree ? EnrolmentStatus.Enrolled : EnrolmentStatus.Waitlisted, by, now, reason);
    }

    public Guid OfferingId { get; private set; }
    public Guid LearnerId { get; private set; }
    public EnrolmentStatus Status { get; private set; }
    public Guid EnrolledBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>Arrival order, from a database sequence: the waitlist is served by it.</summary>
    public long Arrival { get; private set; }

    public IReadOnlyList<EnrolmentChange> History => _history;

    public bool IsActive => Status != EnrolmentStatus.Cancelled;

    public void Complete(Guid by, DateTimeOffset now, string? reason)
    {
        if (Status != EnrolmentStatus.Enrolled)
            throw new DomainException("enrolment.complete-not-enrolled", new { status = Status });
        Move(EnrolmentStatus.Completed, by, now, reason);
    }

    public void Cancel(Guid by, DateTimeOffset now, string? reason)
    {
        if (Status is EnrolmentStatus.Cancelled or EnrolmentStatus.Completed)
            throw new DomainException("enrolment.cancel-state", new { status = Status });
        Move(EnrolmentStatus.Cancelled, by, now, reason);
    }

    public void Promote(Guid by, DateTimeOffset now)
    {
        if (Status != EnrolmentStatus.Waitlisted)
            throw new DomainException("enrolment.promote-not-waitlisted");
        Move(EnrolmentStatus.Enrolled, by, now, "A seat became free");
    }

    private void Move(EnrolmentStatus to, Guid by, DateTimeOffset now, string? reason)
    {
        _history = [.. _history, new EnrolmentChange(_history.Count == 0 ? null : Status, to, now, by, reason)];
        Status = to;
    }
}
