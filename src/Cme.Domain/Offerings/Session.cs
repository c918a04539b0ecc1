using Cme.Domain.Common;

namespace Cme.Domain.Offerings;

/// <summary>What changed about a session, so the people affected can be told.</summary>
public sealed record SessionChange(
    DateTimeOffset At, Guid By, string Kind, DateTimeOffset? OldStartsAt, DateTimeOffset? OldEndsAt,
    DateTimeOffset? NewStartsAt, DateTimeOffset? NewEndsAt, string? Reason);

/// <summary>A dated part of an offering: a lecture, a workshop, a remote teaching round… with its trainers.</summary>
public sealed class Session : Entity
{
    public const int TitleMaxLength = 200;
    public const int PlaceMaxLength = 300;
    public const int JoinUrlMaxLength = 500;

    private List<SessionChange> _changes = [];
    private readonly List<SessionTrainer> _trainers = [];

    private Session() { }

    public Session(Guid offeringId, SessionDetails details)
    {
        OfferingId = offeringId;
        Status = SessionStatus.Scheduled;
        Describe(details);
        (StartsAt, EndsAt) = CheckTimes(details.StartsAt, details.EndsAt);
        TimeZone = SessionTimes.Zone(details.TimeZone).Id;
    }

    public Guid OfferingId { get; private set; }
    public string Title { get; private set; } = "";
    public SessionType Type { get; private set; }
    public DateTimeOffset StartsAt { get; private set; }
    public DateTimeOffset EndsAt { get; private set; }
    public string TimeZone { get; private set; } = Offering.DefaultTimeZone;
    public Guid InstitutionId { get; private set; }
    public string? Place { get; private set; }
    public string? JoinUrl { get; private set; }
    public SessionStatus Status { get; private set; }

    /// <summary>Bumped on every change that matters to a calendar (iCalendar SEQUENCE).</summary>
    public int Sequence { get; private set; }

    public IReadOnlyList<SessionChange> Changes => _changes;
    public IReadOnlyList<SessionTrainer> Trainers => _trainers;

    public int Minutes => (int)(EndsAt - StartsAt).TotalMinutes;

    public void Describe(SessionDetails d)
    {
        Title = Guard.Required(d.Title, "title", TitleMaxLength);
        if (!Enum.IsDefined(d.Type))
            throw new DomainException("session.type-unknown", new { type = d.Type });
        if (d.InstitutionId == Guid.Empty)
            throw new DomainException("session.institution-required");
        if (string.IsNullOrWhiteSpace(d.Place) && string.IsNullOrWhiteSpace(d.JoinUrl))
            throw new DomainException("session.place-required");
        if (d.JoinUrl is { Length: > 0 } url && !(Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"))
            throw new DomainException("session.join-url");
        Type = d.Type;
        InstitutionId = d.InstitutionId;
        Place = string.IsNullOrWhiteSpace(d.Place) ? null : d.Place.Trim()[..Math.Min(d.Place.Trim().Length, PlaceMaxLength)];
        JoinUrl = string.IsNullOrWhiteSpace(d.JoinUrl) ? null : d.JoinUrl.Trim();
    }

    public void Reschedule(DateTimeOffset startsAt, DateTimeOffset endsAt, Guid by, DateTimeOffset now, string? reason)
    {
        EnsureScheduled();
        var (start, end) = CheckTimes(startsAt, endsAt);
        if (start == StartsAt && end == EndsAt)
            return;
        _changes = [.. _changes, new SessionChange(now, by, "Rescheduled", StartsAt, EndsAt, start, end, reason)];
        (StartsAt, EndsAt) = (start, end);
        Sequence++;
    }

    public void Cancel(Guid by, DateTimeOffset now, string reason)
    {
        EnsureScheduled();
        _changes = [.. _changes, new SessionChange(now, by, "Cancelled", StartsAt, EndsAt, null, null, Guard.Required(reason, "reason", 500))];
        Status = SessionStatus.Cancelled;
        Sequence++;
    }

    public SessionTrainer Assign(Guid trainerId, Guid by, DateTimeOffset now)
    {
        EnsureScheduled();
        if (_trainers.Any(t => t.TrainerId == trainerId))
            throw new DomainException("session.trainer-assigned");
        var assignment = new SessionTrainer(Id, trainerId, by, now);
        _trainers.Add(assignment);
        Sequence++;
        return assignment;
    }

    public SessionTrainer Unassign(Guid trainerId)
    {
        var assignment = _trainers.FirstOrDefault(t => t.TrainerId == trainerId) ?? throw new DomainException("session.trainer-not-assigned");
        _trainers.Remove(assignment);
        Sequence++;
        return assignment;
    }

    private void EnsureScheduled()
    {
        if (Status == SessionStatus.Cancelled)
            throw new DomainException("session.cancelled");
    }

    private static (DateTimeOffset, DateTimeOffset) CheckTimes(DateTimeOffset start, DateTimeOffset end)
    {
        if (end <= start)
            throw new DomainException("session.ends-before-start");
        if (end - start > TimeSpan.FromHours(12))
            throw new DomainException("session.too-long");
        return (start.ToUniversalTime(), end.ToUniversalTime());
    }
}

public sealed record SessionDetails(
    string Title, SessionType Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt, string TimeZone, Guid InstitutionId, string? Place, string? JoinUrl);

/// <summary>A trainer assigned to a session.</summary>
public sealed class SessionTrainer
{
    private SessionTrainer() { }

    internal SessionTrainer(Guid sessionId, Guid trainerId, Guid assignedBy, DateTimeOffset at)
    {
        SessionId = sessionId;
        TrainerId = trainerId;
        AssignedBy = assignedBy;
        AssignedAt = at;
    }

    public Guid SessionId { get; private set; }
    public Guid TrainerId { get; private set; }
    public Guid AssignedBy { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
}
