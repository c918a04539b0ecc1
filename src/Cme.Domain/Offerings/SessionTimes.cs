using Cme.Domain.Common;

namespace Cme.Domain.Offerings;

/// <summary>Local wall-clock times in a named time zone (Asia/Shanghai by default) to and from UTC.</summary>
public static class SessionTimes
{
    public static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (TimeZoneNotFoundException)
        {
            throw new DomainException("time-zone.unknown", new { zone = id });
        }
    }

    public static DateTimeOffset ToUtc(DateTime local, string zone)
    {
        var tz = Zone(zone);
        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (tz.IsInvalidTime(unspecified))
            throw new DomainException("time-zone.gap", new { time = local, zone });
        return new DateTimeOffset(unspecified, tz.GetUtcOffset(unspecified)).ToUniversalTime();
    }

    public static DateTime ToLocal(DateTimeOffset utc, string zone) => TimeZoneInfo.ConvertTime(utc, Zone(zone)).DateTime;
}
