using Cme.Domain.Common;

namespace Cme.Domain.Trainers;

public enum CandidateStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>A learner who completed a train-the-trainer offering, waiting for a CmeAdmin to approve them into the pool.</summary>
public sealed class TrainerCandidate : Entity
{
    private TrainerCandidate() { }

    public TrainerCandidate(Guid professionalId, Guid offeringId, DateTimeOffset now)
    {
        ProfessionalId = professionalId;
        OfferingId = offeringId;
        CreatedAt = now;
        Status = CandidateStatus.Pending;
    }

    public Guid ProfessionalId { get; private set; }
    public Guid OfferingId { get; private set; }
    public CandidateStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Note { get; private set; }

    public void Approve(Guid by, DateTimeOffset now) => Decide(CandidateStatus.Approved, by, now, null);

    public void Reject(Guid by, DateTimeOffset now, string reason) => Decide(CandidateStatus.Rejected, by, now, Guard.Required(reason, "reason", 500));

    private void Decide(CandidateStatus status, Guid by, DateTimeOffset now, string? note)
    {
        if (Status != CandidateStatus.Pending)
            throw new DomainException("candidate.already-decided", new { status = Status });
        (Status, DecidedBy, DecidedAt, Note) = (status, by, now, note);
    }
}
