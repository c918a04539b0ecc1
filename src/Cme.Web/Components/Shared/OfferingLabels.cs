using Cme.Web.Api;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Localized names for offerings, sessions, enrolments and the trainer pool.</summary>
public static class OfferingLabels
{
    public static string Modality(this IStringLocalizer localizer, Modality modality) => localizer[$"Modality.{modality}"];

    public static string SessionType(this IStringLocalizer localizer, SessionType type) => localizer[$"SessionType.{type}"];

    public static string Status(this IStringLocalizer localizer, SessionStatus status) => localizer[$"SessionStatus.{status}"];

    public static string Status(this IStringLocalizer localizer, EnrolmentStatus status) => localizer[$"EnrolmentStatus.{status}"];

    public static string Status(this IStringLocalizer localizer, CandidateStatus status) => localizer[$"CandidateStatus.{status}"];

    public static string Level(this IStringLocalizer localizer, QualificationLevel level) => localizer[$"TrainerLevel.{level}"];

    /// <summary>A failed assignment check's name; an unknown check from a newer API shows as sent.</summary>
    public static string Check(this IStringLocalizer localizer, string check)
    {
        var label = localizer[$"Check.{check}"];
        return label.ResourceNotFound ? check : label;
    }

    public static string ScheduleRole(this IStringLocalizer localizer, string role)
    {
        var label = localizer[$"ScheduleRole.{role}"];
        return label.ResourceNotFound ? role : label;
    }

    public static string ChangeKind(this IStringLocalizer localizer, string kind)
    {
        var label = localizer[$"SessionChange.{kind}"];
        return label.ResourceNotFound ? kind : label;
    }

    /// <summary>"北京时间" for Asia/Shanghai; any other zone by its IANA id.</summary>
    public static string ZoneName(this IStringLocalizer localizer, string? zone)
    {
        var id = string.IsNullOrWhiteSpace(zone) ? ZonedTime.Consortium : zone;
        return id == ZonedTime.Consortium ? localizer["TimeZone.Shanghai"] : id;
    }
}
