using System.Globalization;
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

    public static string Status(this IStringLocalizer localizer, CourseVersionStatus status) =>
        localizer[$"VersionStatus.{status}"];

    public static string Kind(this IStringLocalizer localizer, ModuleKind kind) => localizer[$"ModuleKind.{kind}"];

    public static string Kind(this IStringLocalizer localizer, ScenarioNodeKind kind) => localizer[$"NodeKind.{kind}"];

    public static string Kind(this IStringLocalizer localizer, QuestionKind kind) => localizer[$"QuestionKind.{kind}"];

    public static string Purpose(this IStringLocalizer localizer, QuizPurpose purpose) => localizer[$"QuizPurpose.{purpose}"];

    public static string Level(this IStringLocalizer localizer, ProjectLevel level) => localizer[$"ProjectLevel.{level}"];

    /// <summary>"I类学分"; an unknown class from a newer API shows as sent.</summary>
    public static string CreditClass(this IStringLocalizer localizer, string? creditClass)
    {
        var label = localizer[$"CreditClass.{creditClass}"];
        return label.ResourceNotFound ? creditClass ?? "" : label;
    }

    /// <summary>"II类 1.5 学分".</summary>
    public static string Credits(this IStringLocalizer localizer, string? creditClass, decimal value) =>
        localizer["Credits.Summary", localizer.CreditClass(creditClass), Number(value)];

    public static string Specialty(this IStringLocalizer localizer, string? code)
    {
        var label = localizer[$"Specialty.{code}"];
        return label.ResourceNotFound ? code ?? "" : label;
    }

    /// <summary>"12 分 30 秒" / "12 min 30 s".</summary>
    public static string Duration(this IStringLocalizer localizer, int seconds) =>
        seconds >= 60
            ? localizer["Duration.MinutesSeconds", seconds / 60, seconds % 60]
            : localizer["Duration.Seconds", Math.Max(0, seconds)];

    /// <summary>A score or credit value without trailing zeros: 1.5, 10, 7.25.</summary>
    public static string Number(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    /// <summary>A time in China Standard Time, the consortium's clock.</summary>
    public static string Time(DateTimeOffset? at) =>
        at is { } value ? value.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";

    /// <summary>A course title in the page's language, falling back to the Chinese title.</summary>
    public static string CourseTitle(string titleZh, string? titleEn) =>
        Hosting.CmeCultures.IsEnglish && !string.IsNullOrWhiteSpace(titleEn) ? titleEn : titleZh;
}
