using System.Globalization;
using System.Text;

namespace Cme.Application.Calendars;

/// <summary>One event of a calendar.</summary>
public sealed record CalendarEvent(
    Guid Uid, int Sequence, DateTimeOffset Start, DateTimeOffset End, string Summary, string? Description, string? Location, string? Url, bool Cancelled);

/// <summary>
/// Writes iCalendar (RFC 5545): CRLF line ends, lines folded at 75 octets without splitting a
/// UTF-8 character, TEXT values escaped, times in UTC.
/// </summary>
public static class IcsCalendar
{
    public static string Write(string name, IEnumerable<CalendarEvent> events, DateTimeOffset now)
    {
        var ics = new StringBuilder();
        void Line(string content) => Fold(ics, content);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Consortium CME//Sessions//ZH");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line($"X-WR-CALNAME:{Escape(name)}");
        foreach (var e in events)
        {
            Line("BEGIN:VEVENT");
            Line($"UID:{e.Uid:D}@cme");
            Line($"SEQUENCE:{e.Sequence.ToString(CultureInfo.InvariantCulture)}");
            Line($"DTSTAMP:{Utc(now)}");
            Line($"DTSTART:{Utc(e.Start)}");
            Line($"DTEND:{Utc(e.End)}");
            Line($"SUMMARY:{Escape(e.Summary)}");
            if (e.Description is { Length: > 0 } description)
                Line($"DESCRIPTION:{Escape(description)}");
            if (e.Location is { Length: > 0 } location)
                Line($"LOCATION:{Escape(location)}");
            if (e.Url is { Length: > 0 } url)
                Line($"URL:{url}");
            Line($"STATUS:{(e.Cancelled ? "CANCELLED" : "CONFIRMED")}");
            Line("END:VEVENT");
        }
        Line("END:VCALENDAR");
        return ics.ToString();
    }

    private static string Utc(DateTimeOffset t) => t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>Content lines are at most 75 octets; continuation lines start with a space.</summary>
    private static void Fold(StringBuilder ics, string line)
    {
        var bytes = 0;
        var limit = 75;
        var i = 0;
        while (i < line.Length)
        {
            var length = char.IsHighSurrogate(line[i]) && i + 1 < line.Length ? 2 : 1;
            var size = Encoding.UTF8.GetByteCount(line.AsSpan(i, length));
            if (bytes + size > limit)
            {
                ics.Append("\r\n ");
                bytes = 0;
                limit = 74; // the leading space counts
            }
            ics.Append(line, i, length);
            bytes += size;
            i += length;
        }
        ics.Append("\r\n");
    }
}
