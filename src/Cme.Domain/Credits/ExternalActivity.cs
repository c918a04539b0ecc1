using System.Security.Cryptography;
using Cme.Domain.Common;

namespace Cme.Domain.Credits;

public enum ActivityStatus
{
    Pending,
    Approved,
    Rejected,
}

/// <summary>
/// Learning done elsewhere (a conference, planned self-study, a study placement, a publication),
/// claimed by the learner with evidence and decided by their institution's administrator.
/// </summary>
public sealed class ExternalActivity : Entity
{
    public const int MaxEvidenceBytes = 10 * 1024 * 1024;
    public static readonly CreditSource[] Kinds = [CreditSource.Conference, CreditSource.SelfStudy, CreditSource.StudyPlacement, CreditSource.Publication];

    private ExternalActivity() { }

    public ExternalActivity(Guid learnerId, CreditSource kind, string title, DateOnly startDate, DateOnly endDate, decimal hours, decimal claimedCredits,
        string creditClass, string evidenceFileName, byte[] evidence, DateTimeOffset now)
    {
        if (!Kinds.Contains(kind))
            throw new DomainException("activity.kind-unknown");
        if (endDate < startDate)
            throw new DomainException("activity.ends-before-start");
        if (hours is < 0 or > 2000 || claimedCredits is <= 0 or > 50)
            throw new DomainException("activity.amounts");
        if (evidence.Length == 0 || evidence.Length > MaxEvidenceBytes)
            throw new DomainException("activity.evidence-size");
        EvidenceContentType = SniffEvidence(evidence) ?? throw new DomainException("activity.evidence-type");
        (LearnerId, Kind, Title, StartDate, EndDate, Hours, ClaimedCredits, CreditClass) =
            (learnerId, kind, Guard.Required(title, "title", 200), startDate, endDate, hours, claimedCredits, creditClass);
        EvidenceFileName = EvidenceName(evidenceFileName, EvidenceContentType);
        Evidence = evidence;
        EvidenceSha256 = Convert.ToHexStringLower(SHA256.HashData(evidence));
        Status = ActivityStatus.Pending;
        SubmittedAt = now;
    }

    public Guid LearnerId { get; private set; }
    public CreditSource Kind { get; private set; }
    public string Title { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly EndDate { get; private set; }
    public decimal Hours { get; private set; }
    public decimal ClaimedCredits { get; private set; }
    public string CreditClass { get; private set; } = "";
    public string EvidenceFileName { get; private set; } = "";
    public string EvidenceContentType { get; private set; } = "";
    public byte[] Evidence { get; private set; } = [];
    public string EvidenceSha256 { get; private set; } = "";
    public ActivityStatus Status { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }
    public Guid? DecidedBy { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? Comment { get; private set; }
    public decimal? AwardedCredits { get; private set; }

    /// <summary>When the award was cut to what the policy still allowed for this source in the year: that policy's code.</summary>
    public string? CappedByPolicy { get; private set; }

    /// <summary>
    /// Approves <paramref name="awarded"/> credits (the claim when null), up to what the policy's cap still allows; returns
    /// the credits to enter in the ledger. Fewer than claimed needs a reason the learner will read.
    /// </summary>
    public decimal Approve(Guid by, DateTimeOffset now, decimal? awarded, string? comment, decimal remainingUnderCap, string policyCode)
    {
        EnsurePending();
        var decided = awarded ?? ClaimedCredits;
        if (decided <= 0 || decided > ClaimedCredits)
            throw new DomainException("activity.awarded-range", new { claimed = ClaimedCredits });
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        if (decided < ClaimedCredits && comment is null)
            throw new DomainException("activity.reduced-needs-reason");
        var credits = Math.Min(decided, Math.Max(0, remainingUnderCap));
        if (credits <= 0)
            throw new DomainException("activity.cap-reached", new { kind = Kind });
        (Status, DecidedBy, DecidedAt, Comment, AwardedCredits) = (ActivityStatus.Approved, by, now, comment, credits);
        CappedByPolicy = credits < decided ? Guard.Required(policyCode, "policyCode", 32) : null;
        return credits;
    }

    public void Reject(Guid by, DateTimeOffset now, string comment)
    {
        EnsurePending();
        (Status, DecidedBy, DecidedAt, Comment) = (ActivityStatus.Rejected, by, now, Guard.Required(comment, "comment", 1000));
    }

    private void EnsurePending()
    {
        if (Status != ActivityStatus.Pending)
            throw new DomainException("activity.already-decided", new { status = Status });
    }

    /// <summary>
    /// The name the evidence is served under: the sender's name without any folder, with the extension of
    /// the type its bytes show (a PDF sent as poly.html is served as poly.pdf), so nothing opens it as something else.
    /// </summary>
    public static string EvidenceName(string? sent, string contentType)
    {
        var extension = contentType switch { "application/pdf" => ".pdf", "image/png" => ".png", _ => ".jpg" };
        var stem = Path.GetFileNameWithoutExtension(Path.GetFileName(sent ?? "").Trim());
        if (stem.Length == 0 || stem.Any(c => char.IsControl(c)))
            stem = "evidence";
        return (stem.Length > 190 ? stem[..190] : stem) + extension;
    }

    public static string? SniffEvidence(ReadOnlySpan<byte> bytes) =>
        bytes.StartsWith("%PDF-"u8) ? "application/pdf"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) ? "image/png"
        : bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? "image/jpeg"
        : null;
}
