using Cme.Web.Api;
using Cme.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Localized words for credit standings, ledger entries and policies.</summary>
public static class CreditLabels
{
    private const string ChineseNumerals = "零一二三四五六七八九十";

    public static string Status(this IStringLocalizer localizer, ComplianceStatus status) =>
        localizer[$"ComplianceStatus.{status}"];

    public static string Kind(this IStringLocalizer localizer, LedgerEntryKind kind) => localizer[$"LedgerKind.{kind}"];

    /// <summary>完成培训, 授课…; an unknown source from a newer API shows as sent.</summary>
    public static string Source(this IStringLocalizer localizer, string? source)
    {
        var label = localizer[$"CreditSource.{source}"];
        return label.ResourceNotFound ? source ?? "" : label;
    }

    /// <summary>The policy's name in the page's language.</summary>
    public static string PolicyName(string name, string? nameEn) =>
        CmeCultures.IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;

    /// <summary>
    /// What is missing, in the page's language, from the shortfall's kind and values («还需 3 学分»,
    /// "needs 3 more credits"); a kind not known here says only the amount.
    /// </summary>
    public static string Shortfall(this IStringLocalizer localizer, Shortfall shortfall)
    {
        var missing = Labels.Number(shortfall.Missing);
        var years = shortfall.Years is { } y and > 0 and <= 10 && !CmeCultures.IsEnglish ? ChineseNumerals[y].ToString() : shortfall.Years?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return shortfall.Kind switch
        {
            "credits" or "hours" => localizer[$"Shortfall.{shortfall.Kind}", missing],
            "class" => localizer["Shortfall.class", missing, shortfall.CreditClass ?? ""],
            "window" => localizer["Shortfall.window", missing, years ?? ""],
            "window-level" => localizer["Shortfall.windowLevel", missing, years ?? "", localizer[$"ProjectLevel.{shortfall.ProjectLevel}"]],
            _ => localizer["Shortfall.credits", missing],
        };
    }

    /// <summary>A signed credit value: +2, −1.5, 0.</summary>
    public static string Signed(decimal value) =>
        value > 0 ? $"+{Labels.Number(value)}" : value < 0 ? $"−{Labels.Number(-value)}" : "0";
}
