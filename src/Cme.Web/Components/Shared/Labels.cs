using Cme.Web.Api;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Localized names for the API's enum values and role names.</summary>
public static class Labels
{
    public static string Tier(this IStringLocalizer localizer, InstitutionTier tier) => localizer[$"Tier.{tier}"];

    public static string Profession(this IStringLocalizer localizer, Profession profession) =>
        localizer[$"Profession.{profession}"];

    public static string Title(this IStringLocalizer localizer, TitleLevel title) => localizer[$"Title.{title}"];

    /// <summary>A role's name; an unknown role from a newer API shows as sent.</summary>
    public static string Role(this IStringLocalizer localizer, string role)
    {
        var label = localizer[$"Role.{role}"];
        return label.ResourceNotFound ? role : label;
    }

    public static string Language(this IStringLocalizer localizer, string? language) =>
        language == ProfileLanguages.English ? localizer["Lang.English"] : localizer["Lang.Chinese"];

    /// <summary>The institution's name in the page's language.</summary>
    public static string InstitutionName(string name, string? nameEn) =>
        Hosting.CmeCultures.IsEnglish && !string.IsNullOrWhiteSpace(nameEn) ? nameEn : name;
}
