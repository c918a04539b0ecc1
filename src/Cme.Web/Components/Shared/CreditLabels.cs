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
    /// What is missing, in words: the API's English message on English pages; in Chinese built from the
    /// code and the amount («还需 3 学分»), falling back to the API's message for a code not known here.
    /// </summary>
    public static string Shortfall(this IStringLocalizer localizer, Shortfall shortfall)
    {
        if (CmeCultures.IsEnglish)
            return shortfall.Message;
        var missing = Labels.Number(shortfall.Missing);
        var code = shortfall.Code;
        if (code is "credits" or "hours")
            return localizer[$"Shortfall.{code}", missing];
        if (code.StartsWith("class-", StringComparison.Ordinal))
            return localizer["Shortfall.class", missing, code["class-".Length..]];
        if (code.StartsWith("window-", StringComparison.Ordinal) && code.EndsWith('y')
            && int.TryParse(code["window-".Length..^1], out var years) && years is > 0 and <= 10)
            return localizer["Shortfall.window", missing, ChineseNumerals[years]];
        return shortfall.Message;
    }

    /// <summary>A signed credit value: +2, −1.5, 0.</summary>
    public static string Signed(decimal value) =>
        value > 0 ? $"+{Labels.Number(value)}" : value < 0 ? $"−{Labels.Number(-value)}" : "0";
}
