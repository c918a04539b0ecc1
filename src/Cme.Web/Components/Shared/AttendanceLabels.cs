using System.Text.RegularExpressions;
using Cme.Web.Api;
using Cme.Web.Hosting;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>Localized words for attendance, completion and external activities.</summary>
public static partial class AttendanceLabels
{
    public static string Status(this IStringLocalizer localizer, AttendanceStatus status) => localizer[$"AttendanceStatus.{status}"];

    public static string Source(this IStringLocalizer localizer, AttendanceSource source) => localizer[$"AttendanceSource.{source}"];

    public static string State(this IStringLocalizer localizer, CompletionState state) => localizer[$"CompletionState.{state}"];

    public static string Status(this IStringLocalizer localizer, ActivityStatus status) => localizer[$"ActivityStatus.{status}"];

    /// <summary>
    /// A completion reason in the page's language. The API sends them in English; in Chinese the known
    /// ones are rebuilt from their numbers, and one not known here is shown as sent.
    /// </summary>
    public static string Reason(this IStringLocalizer localizer, string reason)
    {
        if (CmeCultures.IsEnglish)
            return reason.Length > 0 ? char.ToUpperInvariant(reason[0]) + reason[1..] : reason;
        var under = UnderReason().Match(reason);
        if (under.Success)
            return localizer[$"CompletionReason.{under.Groups["what"].Value.Replace("-", "", StringComparison.Ordinal)}Under",
                under.Groups["value"].Value, under.Groups["limit"].Value];
        var label = localizer[$"CompletionReason.{reason}"];
        return label.ResourceNotFound ? reason : label;
    }

    [GeneratedRegex(@"^(?<what>attendance|post-test) (?<value>[\d.]+%) is under (?<limit>[\d.]+%)$")]
    private static partial Regex UnderReason();
}
