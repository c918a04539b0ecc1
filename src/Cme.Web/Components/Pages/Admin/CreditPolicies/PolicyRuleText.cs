using Cme.Web.Api;
using Cme.Web.Components.Shared;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Pages.Admin.CreditPolicies;

/// <summary>A credit policy's rules in words, one sentence a rule.</summary>
public static class PolicyRuleText
{
    public static IEnumerable<string> Describe(IStringLocalizer l, PolicyRules rules)
    {
        yield return l["Rule.AnnualCredits", Labels.Number(rules.AnnualMinimumCredits)];
        if (rules.AnnualMinimumHours is { } hours)
            yield return l["Rule.AnnualHours", Labels.Number(hours)];
        foreach (var rule in rules.ClassRules ?? [])
            yield return rule.Maximum is { } max
                ? l["Rule.ClassRange", l.CreditClass(rule.CreditClass), Labels.Number(rule.Minimum), Labels.Number(max)]
                : l["Rule.ClassMin", l.CreditClass(rule.CreditClass), Labels.Number(rule.Minimum)];
        foreach (var cap in rules.SourceCaps ?? [])
            yield return l["Rule.SourceCap", l.Source(cap.Source), Labels.Number(cap.MaximumPerYear)];
        foreach (var window in rules.MultiYearRules ?? [])
        {
            var text = window.ProjectLevel is { } level
                ? l["Rule.WindowLevel", window.Years, Labels.Number(window.MinimumCredits), l.Level(level)].Value
                : l["Rule.Window", window.Years, Labels.Number(window.MinimumCredits)].Value;
            yield return window.AppliesToTier is { } tier ? text + l["Rule.OnlyTier", l.Tier(tier)] : text;
        }
        foreach (var conversion in rules.HoursToCredit ?? [])
            yield return l["Rule.HoursToCredit", l.Level(conversion.ProjectLevel), Labels.Number(conversion.HoursPerCredit)];
        if (rules.SpeakerCreditsPerHour is { } speaker)
            yield return l["Rule.Speaker", Labels.Number(speaker)];
        yield return Scope(l, rules.Scope);
    }

    private static string Scope(IStringLocalizer l, PolicyScope? scope)
    {
        var parts = new List<string>();
        if (scope?.Professions is { Count: > 0 } professions)
            parts.Add(string.Join("、", professions.Select(p => l.Profession(p))));
        if (scope?.TitleLevels is { Count: > 0 } titles)
            parts.Add(string.Join("、", titles.Select(t => l.Title(t))));
        if (scope?.Tiers is { Count: > 0 } tiers)
            parts.Add(string.Join("、", tiers.Select(t => l.Tier(t))));
        return parts.Count == 0 ? l["Rule.ScopeEveryone"] : l["Rule.Scope", string.Join(" · ", parts)];
    }
}
