using System.Globalization;

namespace Cme.Web.Components.Shared;

/// <summary>
/// Wall-clock times in a session's time zone (IANA id; Asia/Shanghai, the consortium's, unless said),
/// and the <c>datetime-local</c>, <c>date</c> and <c>time</c> input values the forms use.
/// </summary>
public static class ZonedTime
{
    public const string Consortium = "Asia/Shanghai";

    private static readonly TimeZoneInfo ChinaStandardTime =
        TimeZoneInfo.CreateCustomTimeZone(Consortium, TimeSpan.FromHours(8), Consortium, Consortium);

    /// <summary>The zone; China Standard Time when the id is empty or unknown here (it has no daylight saving).</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
            id = Consortium;
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : ChinaStandardTime;
    }

    public static DateTime ToLocal(DateTimeOffset at, string? zone) => TimeZoneInfo.ConvertTime(at, Zone(zone)).DateTime;

    /// <summary>A wall-clock time in the zone as a UTC instant.</summary>
    public static DateTimeOffset ToUtc(DateTime local, string? zone)
    {
        var tz = Zone(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(unspecified, tz.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    /// <summary>"2026-11-01T08:00" for a datetime-local input.</summary>
    public static string ToInput(DateTimeOffset at, string? zone) =>
        ToLocal(at, zone).ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture);

    private static readonly string[] DateTimeFormats =
        ["yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd"];

    /// <summary>Reads a datetime-local value (or "2026-12-20 08:00", or a bare date) as wall-clock time.</summary>
    public static bool TryParseLocal(string? value, out DateTime local) =>
        DateTime.TryParseExact(value?.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out local);

    public static bool TryParseDate(string? value, out DateOnly date) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    public static bool TryParseTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value?.Trim(), ["HH:mm", "HH:mm:ss", "H:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    public static string Date(DateTime local) => local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Clock(DateTime local) => local.ToString("HH:mm", CultureInfo.InvariantCulture);

    /// <summary>"2026-12-05 周六" / "2026-12-05 Sat", in the page's language.</summary>
    public static string DateWithDay(DateTime local) =>
        $"{Date(local)} {local.ToString("ddd", CultureInfo.CurrentCulture)}";

    /// <summary>"2026-12-05 周六 14:00–16:00"; an end on another day shows its date too.</summary>
    public static string Span(DateTime start, DateTime end) =>
        start.Date == end.Date
            ? $"{DateWithDay(start)} {Clock(start)}–{Clock(end)}"
            : $"{DateWithDay(start)} {Clock(start)} – {Date(end)} {Clock(end)}";

    /// <summary>An instant as "2026-11-01 08:00" in the zone.</summary>
    public static string Instant(DateTimeOffset? at, string? zone) =>
        at is { } value ? ToLocal(value, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) : "";
}
