using Cme.Web.Api;
using Cme.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Localized words for attendance, completion and external activities.</summary>
public static class AttendanceLabels
{
    public static string Status(this IStringLocalizer localizer, AttendanceStatus status) => localizer[$"AttendanceStatus.{status}"];

    public static string Source(this IStringLocalizer localizer, AttendanceSource source) => localizer[$"AttendanceSource.{source}"];

    public static string State(this IStringLocalizer localizer, CompletionState state) => localizer[$"CompletionState.{state}"];

    public static string Status(this IStringLocalizer localizer, ActivityStatus status) => localizer[$"ActivityStatus.{status}"];

    /// <summary>A completion reason in the page's language, from its code and numbers.</summary>
    public static string Reason(this IStringLocalizer localizer, CompletionReason reason, string? lastSessionEnds = null) => reason.Code switch
    {
        CompletionReasonCode.AwaitingLastSession when lastSessionEnds is null => localizer["CompletionReason.AwaitingLastSessionNoDate"],
        CompletionReasonCode.AwaitingLastSession => localizer["CompletionReason.AwaitingLastSession", lastSessionEnds],
        _ => localizer[$"CompletionReason.{reason.Code}", Labels.Number(reason.Value ?? 0m), Labels.Number(reason.Limit ?? 0m)],
    };
}
