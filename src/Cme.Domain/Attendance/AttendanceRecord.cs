using Cme.Domain.Common;

namespace Cme.Domain.Attendance;

public enum AttendanceStatus
{
    /// <summary>出席</summary>
    Present,
    /// <summary>迟到</summary>
    Late,
    /// <summary>缺席</summary>
    Absent,
    /// <summary>请假 (does not count against attendance)</summary>
    Excused,
}

public enum AttendanceSource
{
    QrCode,
    NumericCode,
    Roster,
    CsvImport,
    RemoteLog,
}

/// <summary>A stretch of time a learner was in a remote session.</summary>
public sealed record PresenceInterval(DateTimeOffset From, DateTimeOffset To);

/// <summary>One learner at one session: status and minutes present, however they were captured.</summary>
public sealed class AttendanceRecord : Entity
{
    /// <summary>Checking in later than this after the start counts as late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(10);

    /// <summary>The check-in window opens this long before the session starts.</summary>
    public static readonly TimeSpan WindowOpensBefore = TimeSpan.FromMinutes(30);

    private List<PresenceInterval> _intervals = [];

    private AttendanceRecord() { }

    public AttendanceRecord(Guid sessionId, Guid learnerId)
    {
        SessionId = sessionId;
        LearnerId = learnerId;
        Status = AttendanceStatus.Absent;
    }

    public Guid SessionId { get; private set; }
    public Guid LearnerId { get; private set; }
    public AttendanceStatus Status { get; private set; }
    public int MinutesPresent { get; private set; }
    public DateTimeOffset? CheckedInAt { get; private set; }
    public AttendanceSource? Source { get; private set; }
    public IReadOnlyList<PresenceInterval> Intervals => _intervals;
    public DateTimeOffset? UpdatedAt { get; private set; }
    public Guid? UpdatedBy { get; private set; }

    /// <summary>Checks the learner in (by code); checking in again changes nothing.</summary>
    public bool CheckIn(DateTimeOffset start, DateTimeOffset end, DateTimeOffset now, AttendanceSource source, Guid by)
    {
        if (now < start - WindowOpensBefore || now > end)
            throw new DomainException("checkin.window");
        if (CheckedInAt is not null)
            return false;
        CheckedInAt = now.ToUniversalTime();
        Status = now > start + LateAfter ? AttendanceStatus.Late : AttendanceStatus.Present;
        MinutesPresent = Minutes(now > start ? now : start, end);
        Touch(source, by, now);
        return true;
    }

    /// <summary>The trainer's word from the roster.</summary>
    public void Mark(AttendanceStatus status, DateTimeOffset start, DateTimeOffset end, Guid by, DateTimeOffset now)
    {
        if (!Enum.IsDefined(status))
            throw new DomainException("attendance.status-unknown", new { status });
        Status = status;
        MinutesPresent = status switch
        {
            AttendanceStatus.Present => Minutes(start, end),
            AttendanceStatus.Late => MinutesPresent > 0 ? MinutesPresent : Minutes(start + LateAfter, end),
            _ => 0,
        };
        Touch(AttendanceSource.Roster, by, now);
    }

    /// <summary>Join and leave times from a video platform: overlapping stretches merged, clipped to the session.</summary>
    public void RecordPresence(IEnumerable<PresenceInterval> intervals, DateTimeOffset start, DateTimeOffset end, AttendanceSource source, Guid by, DateTimeOffset now)
    {
        _intervals = Merge(_intervals.Concat(intervals), start, end);
        MinutesPresent = _intervals.Sum(i => Minutes(i.From, i.To));
        var firstJoin = _intervals.Count > 0 ? _intervals[0].From : (DateTimeOffset?)null;
        Status = MinutesPresent == 0 ? AttendanceStatus.Absent : firstJoin > start + LateAfter ? AttendanceStatus.Late : AttendanceStatus.Present;
        CheckedInAt ??= firstJoin;
        Touch(source, by, now);
    }

    public static List<PresenceInterval> Merge(IEnumerable<PresenceInterval> intervals, DateTimeOffset start, DateTimeOffset end)
    {
        var merged = new List<PresenceInterval>();
        // Times are kept in UTC, whatever offset the platform's report used.
        foreach (var i in intervals.Select(i => new PresenceInterval((i.From < start ? start : i.From).ToUniversalTime(), (i.To > end ? end : i.To).ToUniversalTime()))
                     .Where(i => i.To > i.From).OrderBy(i => i.From))
        {
            if (merged.Count > 0 && i.From <= merged[^1].To)
                merged[^1] = merged[^1] with { To = i.To > merged[^1].To ? i.To : merged[^1].To };
            else
                merged.Add(i);
        }
        return merged;
    }

    private static int Minutes(DateTimeOffset from, DateTimeOffset to) => to > from ? (int)Math.Round((to - from).TotalMinutes) : 0;

    private void Touch(AttendanceSource source, Guid by, DateTimeOffset now) => (Source, UpdatedBy, UpdatedAt) = (source, by, now);
}
