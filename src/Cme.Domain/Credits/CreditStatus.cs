using Cme.Domain.Institutions;

namespace Cme.Domain.Credits;

public enum ComplianceStatus
{
    /// <summary>达标</summary>
    Met,
    /// <summary>有风险: the year is running and the requirement is not met yet.</summary>
    AtRisk,
    /// <summary>未达标: the year is over and the requirement was not met.</summary>
    NotMet,
    /// <summary>The policy does not apply to this person.</summary>
    NotApplicable,
}

/// <summary>What a person earned: ledger totals for the year asked and for the years before it.</summary>
public sealed record CreditTotals(
    int Year, IReadOnlyDictionary<string, decimal> CreditsByClass, IReadOnlyDictionary<CreditSource, decimal> CreditsBySource,
    decimal Hours, IReadOnlyDictionary<int, decimal> CreditsByYear, IReadOnlyDictionary<int, decimal> NationalCreditsByYear);

/// <summary>
/// One unmet part of the requirement, as a code with its values; the words are made at the edge in the
/// reader's language. <see cref="Code"/> names the rule (<c>credits</c>, <c>hours</c>, <c>class-II</c>,
/// <c>window-5y</c>); <see cref="Kind"/> says which sentence fits it (<c>credits</c>, <c>hours</c>,
/// <c>class</c>, <c>window</c>, <c>window-level</c>), so no reader parses the code.
/// </summary>
public sealed record Shortfall(
    string Code, string Kind, decimal Missing, decimal Have, decimal Required,
    string? CreditClass = null, int? Years = null, string? ProjectLevel = null, int? FromYear = null, int? ToYear = null);

public sealed record CreditEvaluation(ComplianceStatus Status, decimal CountedCredits, decimal RequiredCredits, IReadOnlyList<Shortfall> Shortfalls);

/// <summary>Evaluates a person's year against a policy: caps applied, then every minimum checked.</summary>
public static class CreditRequirement
{
    public static CreditEvaluation Evaluate(CreditPolicy policy, CreditTotals totals, InstitutionTier tier, bool yearIsOver)
    {
        var rules = policy.Rules;
        // Credits above a class maximum or a source cap do not count towards the year.
        var bySource = totals.CreditsBySource.ToDictionary(s => s.Key, s => s.Value);
        foreach (var cap in rules.SourceCaps)
            if (bySource.TryGetValue(cap.Source, out var value) && value > cap.MaximumPerYear)
                bySource[cap.Source] = cap.MaximumPerYear;
        var excessFromSources = totals.CreditsBySource.Sum(s => s.Value) - bySource.Sum(s => s.Value);
        var byClass = totals.CreditsByClass.ToDictionary(c => c.Key, c => c.Value);
        foreach (var rule in rules.ClassRules.Where(r => r.Maximum is not null))
            if (byClass.TryGetValue(rule.CreditClass, out var value) && value > rule.Maximum!.Value)
                byClass[rule.CreditClass] = rule.Maximum.Value;
        var counted = Math.Max(0, byClass.Sum(c => c.Value) - excessFromSources);

        var shortfalls = new List<Shortfall>();
        if (counted < rules.AnnualMinimumCredits)
            shortfalls.Add(new("credits", "credits", rules.AnnualMinimumCredits - counted, counted, rules.AnnualMinimumCredits));
        if (rules.AnnualMinimumHours is { } hours && totals.Hours < hours)
            shortfalls.Add(new("hours", "hours", hours - totals.Hours, totals.Hours, hours));
        foreach (var rule in rules.ClassRules)
        {
            var have = totals.CreditsByClass.GetValueOrDefault(rule.CreditClass);
            if (have < rule.Minimum)
                shortfalls.Add(new($"class-{rule.CreditClass}", "class", rule.Minimum - have, have, rule.Minimum, CreditClass: rule.CreditClass));
        }
        foreach (var rule in rules.MultiYearRules.Where(r => r.AppliesToTier is null || r.AppliesToTier == tier))
        {
            var years = Enumerable.Range(totals.Year - rule.Years + 1, rule.Years);
            var source = rule.ProjectLevel is null ? totals.CreditsByYear : totals.NationalCreditsByYear;
            var have = years.Sum(y => source.GetValueOrDefault(y));
            if (have < rule.MinimumCredits)
                shortfalls.Add(new($"window-{rule.Years}y", rule.ProjectLevel is null ? "window" : "window-level", rule.MinimumCredits - have, have,
                    rule.MinimumCredits, Years: rule.Years, ProjectLevel: rule.ProjectLevel?.ToString(), FromYear: totals.Year - rule.Years + 1, ToYear: totals.Year));
        }

        var status = shortfalls.Count == 0 ? ComplianceStatus.Met : yearIsOver ? ComplianceStatus.NotMet : ComplianceStatus.AtRisk;
        return new CreditEvaluation(status, counted, rules.AnnualMinimumCredits, shortfalls);
    }
}
