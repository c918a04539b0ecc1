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

/// <summary>One unmet part of the requirement, said the way a person needs to hear it.</summary>
public sealed record Shortfall(string Code, decimal Missing, string Message);

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
            shortfalls.Add(new("credits", rules.AnnualMinimumCredits - counted,
                $"needs {Format(rules.AnnualMinimumCredits - counted)} more credits ({Format(counted)} of {Format(rules.AnnualMinimumCredits)})"));
        if (rules.AnnualMinimumHours is { } hours && totals.Hours < hours)
            shortfalls.Add(new("hours", hours - totals.Hours,
                $"needs {Format(hours - totals.Hours)} more study hours ({Format(totals.Hours)} of {Format(hours)})"));
        foreach (var rule in rules.ClassRules)
        {
            var have = totals.CreditsByClass.GetValueOrDefault(rule.CreditClass);
            if (have < rule.Minimum)
                shortfalls.Add(new($"class-{rule.CreditClass}", rule.Minimum - have,
                    $"needs {Format(rule.Minimum - have)} more Class {rule.CreditClass} credits"));
        }
        foreach (var rule in rules.MultiYearRules.Where(r => r.AppliesToTier is null || r.AppliesToTier == tier))
        {
            var years = Enumerable.Range(totals.Year - rule.Years + 1, rule.Years);
            var source = rule.ProjectLevel is null ? totals.CreditsByYear : totals.NationalCreditsByYear;
            var have = years.Sum(y => source.GetValueOrDefault(y));
            if (have < rule.MinimumCredits)
                shortfalls.Add(new($"window-{rule.Years}y", rule.MinimumCredits - have, rule.ProjectLevel is null
                    ? $"needs {Format(rule.MinimumCredits - have)} more credits over {rule.Years} years ({totals.Year - rule.Years + 1}–{totals.Year})"
                    : $"needs {Format(rule.MinimumCredits - have)} more {rule.ProjectLevel}-project credits over {rule.Years} years ({totals.Year - rule.Years + 1}–{totals.Year})"));
        }

        var status = shortfalls.Count == 0 ? ComplianceStatus.Met : yearIsOver ? ComplianceStatus.NotMet : ComplianceStatus.AtRisk;
        return new CreditEvaluation(status, counted, rules.AnnualMinimumCredits, shortfalls);
    }

    private static string Format(decimal value) => value.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
}
