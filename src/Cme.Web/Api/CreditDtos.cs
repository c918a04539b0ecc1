namespace Cme.Web.Api;

/// <summary>达标 / 有风险 / 未达标 / 不适用.</summary>
public enum ComplianceStatus
{
    Met,
    AtRisk,
    NotMet,
    NotApplicable,
}

public enum LedgerEntryKind
{
    Award,
    Revocation,
    Adjustment,
}

public sealed record PolicyName(string Code, string Name, string NameEn);

public sealed record ClassProgress(string CreditClass, decimal Credits, decimal? Minimum, decimal? Maximum);

/// <summary>
/// What is missing: <see cref="Code"/> names the rule (<c>credits</c>, <c>hours</c>, <c>class-II</c>, <c>window-5y</c>…),
/// <see cref="Kind"/> the sentence that fits it (<c>credits</c>, <c>hours</c>, <c>class</c>, <c>window</c>, <c>window-level</c>);
/// the words are made here, in the page's language.
/// </summary>
public sealed record Shortfall(
    string Code, string? Kind, decimal Missing, decimal Have, decimal Required,
    string? CreditClass = null, int? Years = null, string? ProjectLevel = null, int? FromYear = null, int? ToYear = null);

/// <summary>A person's standing for one year against the consortium's active policy.</summary>
public sealed record CreditStanding(
    Guid ProfessionalId, int Year, PolicyName Policy, ComplianceStatus Status, decimal CountedCredits, decimal RequiredCredits,
    decimal Hours, decimal? RequiredHours, IReadOnlyList<ClassProgress>? ByClass, IReadOnlyDictionary<string, decimal>? BySource,
    IReadOnlyList<Shortfall>? Shortfalls);

/// <summary>One ledger entry; <see cref="Source"/> is a credit source name (Completion, Teaching…).</summary>
public sealed record LedgerLine(
    Guid Id, LedgerEntryKind Kind, decimal Credits, decimal Hours, string CreditClass, string? ProjectLevel, string Source, int Year,
    Guid? OfferingId, string? OfferingTitle, Guid? RevokesId, bool Revoked, string? Reason, DateTimeOffset RecordedAt, string? RecordedByName,
    LedgerActivity? Activity = null);

/// <summary>The external activity an award came from: claimed and awarded credits, the decider's reason, the policy whose cap cut it.</summary>
public sealed record LedgerActivity(Guid Id, decimal ClaimedCredits, decimal AwardedCredits, string? Comment, string? CappedByPolicy)
{
    public bool Reduced => AwardedCredits < ClaimedCredits;
}

public sealed record Transcript(
    Guid ProfessionalId, string NameZh, string? NameLatin, string LicenceNumber, string? InstitutionName, int FromYear, int ToYear,
    IReadOnlyList<CreditStanding>? Years, IReadOnlyList<LedgerLine>? Entries);

public sealed record AdjustCreditsRequest(Guid ProfessionalId, decimal Credits, decimal Hours, string CreditClass, int Year, string Reason);

public sealed record RevokeCreditRequest(string Reason);

public sealed record LedgerEntryCreated(Guid Id);

public sealed record ActivePolicyRequest(string Code);

public sealed record ClassRule(string CreditClass, decimal Minimum, decimal? Maximum);

public sealed record SourceCap(string Source, decimal MaximumPerYear);

public sealed record MultiYearRule(int Years, decimal MinimumCredits, ProjectLevel? ProjectLevel, InstitutionTier? AppliesToTier);

public sealed record HoursToCredit(ProjectLevel ProjectLevel, decimal HoursPerCredit);

public sealed record PolicyScope(IReadOnlyList<Profession>? Professions, IReadOnlyList<TitleLevel>? TitleLevels, IReadOnlyList<InstitutionTier>? Tiers);

public sealed record PolicyRules(
    decimal AnnualMinimumCredits, decimal? AnnualMinimumHours, IReadOnlyList<ClassRule>? ClassRules, IReadOnlyList<SourceCap>? SourceCaps,
    IReadOnlyList<MultiYearRule>? MultiYearRules, IReadOnlyList<HoursToCredit>? HoursToCredit, decimal? SpeakerCreditsPerHour,
    PolicyScope? Scope);

public sealed record PolicyView(Guid Id, string Code, string Name, string NameEn, string Source, DateOnly EffectiveFrom, PolicyRules Rules, bool Active);
