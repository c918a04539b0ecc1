using System.Globalization;
using Cme.Web.Api;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Words and dates for certificates and their verification.</summary>
public static class CertificateLabels
{
    /// <summary>国家级 / Provincial…; an unknown level from a newer API shows as sent.</summary>
    public static string ProjectLevel(IStringLocalizer localizer, string? level) =>
        Enum.TryParse<ProjectLevel>(level, ignoreCase: true, out var known) ? localizer.Level(known) : level ?? "";

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The issuer's name in the page's language.</summary>
    public static string Issuer(string name, string? nameEn) =>
        Hosting.CmeCultures.IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;
}
