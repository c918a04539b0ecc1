using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Pages.Admin.Jobs;

/// <summary>
/// A job's cron schedule in the reader's words for the schedules the system writes (every n seconds, every
/// minute, every n minutes, daily at a time in UTC); null for any other, which the page shows as it is.
/// </summary>
public static partial class CronWords
{
    public static string? Describe(string cron, IStringLocalizer l)
    {
        var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields is [var seconds, "*", "*", "*", "*", "*"] && Step(seconds) is { } s)
            return s == 1 ? l["Jobs.Cron.EverySecond"].Value : l["Jobs.Cron.EverySeconds", s].Value;
        if (fields is ["0", .. var rest] && rest.Length == 5)
            fields = rest;
        return fields switch
        {
            ["*", "*", "*", "*", "*"] => l["Jobs.Cron.EveryMinute"].Value,
            [var minutes, "*", "*", "*", "*"] when Step(minutes) is { } m => m == 1 ? l["Jobs.Cron.EveryMinute"].Value : l["Jobs.Cron.EveryMinutes", m].Value,
            [var minute, var hour, "*", "*", "*"] when int.TryParse(minute, out var mm) && int.TryParse(hour, out var hh) && mm is >= 0 and < 60 && hh is >= 0 and < 24 =>
                l["Jobs.Cron.Daily", $"{hh:00}:{mm:00}"].Value,
            _ => null,
        };
    }

    private static int? Step(string field) =>
        field == "*" ? 1 : StepPattern().Match(field) is { Success: true } match && int.TryParse(match.Groups[1].Value, out var n) && n > 0 ? n : null;

    [GeneratedRegex(@"^\*/(\d+)$")]
    private static partial Regex StepPattern();
}
