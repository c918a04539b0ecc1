using Cme.Domain.Common;

namespace Cme.Domain.Credits;

public enum LedgerEntryKind
{
    /// <summary>Credit earned (completion, teaching, an approved external activity).</summary>
    Award,
    /// <summary>A compensating entry that takes an award back, with a reason.</summary>
    Revocation,
    /// <summary>A CmeAdmin's correction, with a reason; positive or negative.</summary>
    Adjustment,
}

/// <summary>Where credit comes from; policies cap some sources.</summary>
public enum CreditSource
{
    /// <summary>完成培训项目</summary>
    Completion,
    /// <summary>授课</summary>
    Teaching,
    /// <summary>学术会议</summary>
    Conference,
    /// <summary>有计划的自学</summary>
    SelfStudy,
    /// <summary>出国/进修学习</summary>
    StudyPlacement,
    /// <summary>发表论文</summary>
    Publication,
    /// <summary>管理员调整</summary>
    Adjustment,
}

/// <summary>
/// One line of the credit ledger. Entries are never changed or removed (the database refuses it):
/// a mistake is corrected by a revocation or an adjustment, each with who and why.
/// </summary>
public sealed class CreditLedgerEntry
{
    public const int ReasonMaxLength = 500;

    private CreditLedgerEntry() { }

    private CreditLedgerEntry(
        Guid learnerId, LedgerEntryKind kind, decimal credits, decimal hours, string creditClass, Courses.ProjectLevel? projectLevel, CreditSource source, int year,
        Guid? offeringId, Guid? sessionId, Guid? revokesId, string? awardKey, Guid recordedBy, string reason, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        LearnerId = learnerId;
        Kind = kind;
        Credits = credits;
        Hours = hours;
        CreditClass = creditClass;
        ProjectLevel = projectLevel;
        Source = source;
        Year = year;
        OfferingId = offeringId;
        SessionId = sessionId;
        RevokesId = revokesId;
        AwardKey = awardKey;
        RecordedBy = recordedBy;
        Reason = Guard.Required(reason, "reason", ReasonMaxLength);
        RecordedAt = now;
    }

    public Guid Id { get; private set; }
    public Guid LearnerId { get; private set; }
    public LedgerEntryKind Kind { get; private set; }
    public decimal Credits { get; private set; }
    public decimal Hours { get; private set; }
    public string CreditClass { get; private set; } = "";

    /// <summary>The project level of the activity (national credits count towards multi-year rules).</summary>
    public Courses.ProjectLevel? ProjectLevel { get; private set; }

    public CreditSource Source { get; private set; }
    public int Year { get; private set; }
    public Guid? OfferingId { get; private set; }
    public Guid? SessionId { get; private set; }
    public Guid? RevokesId { get; private set; }

    /// <summary>Makes an award happen once: "completion:{learner}:{offering}", "teaching:{trainer}:{session}"; unique in the database.</summary>
    public string? AwardKey { get; private set; }

    public Guid RecordedBy { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset RecordedAt { get; private set; }

    public static CreditLedgerEntry Award(Guid learnerId, decimal credits, decimal hours, string creditClass, Courses.ProjectLevel? projectLevel,
        CreditSource source, int year,
        Guid? offeringId, Guid? sessionId, string awardKey, Guid recordedBy, string reason, DateTimeOffset now)
    {
        if (credits <= 0)
            throw new DomainException("ledger.award-positive");
        if (hours < 0)
            throw new DomainException("ledger.hours-negative");
        return new(learnerId, LedgerEntryKind.Award, credits, hours, creditClass, projectLevel, source, year, offeringId, sessionId, null,
            Guard.Required(awardKey, "awardKey", 200), recordedBy, reason, now);
    }

    /// <summary>Takes an award back with a compensating entry of the opposite sign.</summary>
    public CreditLedgerEntry Revoke(Guid by, string reason, DateTimeOffset now)
    {
        if (Kind != LedgerEntryKind.Award)
            throw new DomainException("ledger.revoke-award-only");
        return new(LearnerId, LedgerEntryKind.Revocation, -Credits, -Hours, CreditClass, ProjectLevel, Source, Year, OfferingId, SessionId, Id,
            $"revocation:{Id}", by, reason, now);
    }

    public static CreditLedgerEntry Adjust(Guid learnerId, decimal credits, decimal hours, string creditClass, int year, Guid by, string reason,
        DateTimeOffset now)
    {
        if (credits == 0 && hours == 0)
            throw new DomainException("ledger.adjustment-empty");
        return new(learnerId, LedgerEntryKind.Adjustment, credits, hours, creditClass, null, CreditSource.Adjustment, year, null, null, null, null,
            by, reason, now);
    }
}
