using Cme.Domain.Common;
using Cme.Domain.Courses;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;

namespace Cme.Domain.Credits;

/// <summary>Minimum and maximum credits a year in one credit class.</summary>
public sealed record ClassRule(string CreditClass, decimal Minimum, decimal? Maximum);

/// <summary>At most this many credits a year may come from one source (e.g. self-study).</summary>
public sealed record SourceCap(CreditSource Source, decimal MaximumPerYear);

/// <summary>A requirement over several years, optionally only for credits of one project level and one institution tier.</summary>
public sealed record MultiYearRule(int Years, decimal MinimumCredits, ProjectLevel? ProjectLevel, InstitutionTier? AppliesToTier);

/// <summary>How study hours turn into credits for a project level (e.g. national: 3 hours = 1 credit).</summary>
public sealed record HoursToCredit(ProjectLevel ProjectLevel, decimal HoursPerCredit);

/// <summary>Whom a policy applies to; empty lists mean everyone.</summary>
public sealed record PolicyScope(IReadOnlyList<Profession> Professions, IReadOnlyList<TitleLevel> TitleLevels, IReadOnlyList<InstitutionTier> Tiers)
{
    public static readonly PolicyScope Everyone = new([], [], []);

    public bool Covers(Profession profession, TitleLevel title, InstitutionTier tier) =>
        (Professions.Count == 0 || Professions.Contains(profession))
        && (TitleLevels.Count == 0 || TitleLevels.Contains(title))
        && (Tiers.Count == 0 || Tiers.Contains(tier));
}

/// <summary>The rules of a credit policy, stored as data.</summary>
public sealed record PolicyRules(
    decimal AnnualMinimumCredits,
    decimal? AnnualMinimumHours,
    IReadOnlyList<ClassRule> ClassRules,
    IReadOnlyList<SourceCap> SourceCaps,
    IReadOnlyList<MultiYearRule> MultiYearRules,
    IReadOnlyList<HoursToCredit> HoursToCredit,
    decimal? SpeakerCreditsPerHour,
    PolicyScope Scope);

/// <summary>
/// A national or professional credit policy, versioned by the date it takes effect. Data, not code:
/// presets ship with the system (docs/credit-policies.md) and the consortium picks the active one.
/// </summary>
public sealed class CreditPolicy : Entity
{
    private CreditPolicy() { }

    public CreditPolicy(string code, string name, string nameEn, string source, DateOnly effectiveFrom, PolicyRules rules)
    {
        Code = Guard.Required(code, "code", 32);
        Name = Guard.Required(name, "name", 200);
        NameEn = Guard.Required(nameEn, "nameEn", 200);
        Source = Guard.Required(source, "source", 1000);
        EffectiveFrom = effectiveFrom;
        if (rules.AnnualMinimumCredits < 0 || rules.ClassRules.Any(c => c.Minimum < 0 || c.Maximum < c.Minimum)
            || rules.HoursToCredit.Any(h => h.HoursPerCredit <= 0) || rules.MultiYearRules.Any(m => m.Years < 2))
            throw new DomainException("policy.inconsistent");
        Rules = rules;
    }

    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string NameEn { get; private set; } = "";

    /// <summary>The document the policy comes from.</summary>
    public string Source { get; private set; } = "";

    public DateOnly EffectiveFrom { get; private set; }
    public PolicyRules Rules { get; private set; } = null!;
}
