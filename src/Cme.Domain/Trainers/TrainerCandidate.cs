using System.Security.Cryptography;
using Cme.Domain.Common;
using Cme.Domain.Credits;

namespace Cme.Domain.Trainers;

public enum CandidateStatus
{
    Pending,
    Approved,
    Rejected,
    /// <summary>The applicant took their application back before it was decided.</summary>
    Withdrawn,
}

/// <summary>
/// One entry of the CME office's trainer queue, waiting for a CmeAdmin to approve it into the pool: a learner who
/// completed a train-the-trainer offering (<see cref="OfferingId"/> set), or a professional who applied
/// (<see cref="OfferingId"/> empty, with their specialty, experience, statement and evidence).
/// </summary>
public sealed class TrainerCandidate : Entity
{
    public const int MaxStatement = 2000;
    public const int MaxEvidenceUrl = 500;

    private TrainerCandidate() { }

    public TrainerCandidate(Guid professionalId, Guid offeringId, DateTimeOffset now)
    {
        ProfessionalId = professionalId;
        OfferingId = offeringId;
        CreatedAt = now;
        Status = CandidateStatus.Pending;
    }

    /// <summary>A professional's own application: evidence is an uploaded file (PDF, JPEG or PNG), a link, or both.</summary>
    public static TrainerCandidate Apply(Guid professionalId, TrainerApplication application, DateTimeOffset now)
    {
        if (!Courses.Specialties.IsKnown(application.Specialty))
            throw new DomainException("trainer.specialties-required");
        if (application.YearsOfExperience is < 0 or > 60)
            throw new DomainException("trainer-application.experience-range");
        var candidate = new TrainerCandidate
        {
            ProfessionalId = professionalId,
            CreatedAt = now,
            Status = CandidateStatus.Pending,
            Specialty = application.Specialty,
            YearsOfExperience = application.YearsOfExperience,
            Statement = Guard.Required(application.Statement, "statement", MaxStatement),
        };
        var url = application.EvidenceUrl?.Trim();
        if (url is { Length: > 0 })
        {
            if (url.Length > MaxEvidenceUrl || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
                throw new DomainException("trainer-application.evidence-url");
            candidate.EvidenceUrl = url;
        }
        if (application.Evidence is { Length: > 0 } file)
        {
            if (file.Length > ExternalActivity.MaxEvidenceBytes)
                throw new DomainException("activity.evidence-size");
            candidate.EvidenceContentType = ExternalActivity.SniffEvidence(file) ?? throw new DomainException("activity.evidence-type");
            candidate.EvidenceFileName = ExternalActivity.EvidenceName(application.EvidenceFileName, candidate.EvidenceContentType);
            candidate.Evidence = file;
            candidate.EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(file));
        }
        if (candidate.EvidenceUrl is null && candidate.Evidence is null)
            throw new DomainException("trainer-application.evidence-required");
        return candidate;
    }

    public Guid ProfessionalId { get; private set; }
    /// <summary>The train-the-trainer offering completed; empty for an application.</summary>
    public Guid? OfferingId { get; private set; }
    public CandidateStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    /// <summary>The reason given when declined.</summary>
    public string? Note { get; private set; }
    public string? Specialty { get; private set; }
    public int? YearsOfExperience { get; private set; }
    public string? Statement { get; private set; }
    public string? EvidenceUrl { get; private set; }
    public string? EvidenceFileName { get; private set; }
    public string? EvidenceContentType { get; private set; }
    public byte[]? Evidence { get; private set; }
    public string? EvidenceSha256 { get; private set; }

    public bool IsApplication => OfferingId is null;

    public void Approve(Guid by, DateTimeOffset now) => Decide(CandidateStatus.Approved, by, now, null);

    public void Reject(Guid by, DateTimeOffset now, string reason) => Decide(CandidateStatus.Rejected, by, now, Guard.Required(reason, "reason", 500));

    /// <summary>The applicant takes a pending application back.</summary>
    public void Withdraw(DateTimeOffset now) => Decide(CandidateStatus.Withdrawn, ProfessionalId, now, null);

    private void Decide(CandidateStatus status, Guid by, DateTimeOffset now, string? note)
    {
        if (Status != CandidateStatus.Pending)
            throw new DomainException("candidate.already-decided", new { status = Status });
        (Status, DecidedBy, DecidedAt, Note) = (status, by, now, note);
    }
}

public sealed record TrainerApplication(string Specialty, int YearsOfExperience, string Statement, string? EvidenceUrl, string? EvidenceFileName, byte[]? Evidence);
