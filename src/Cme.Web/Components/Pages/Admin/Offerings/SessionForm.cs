using Cme.Web.Api;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Admin.Offerings;

/// <summary>A session as posted: a date and start and end times on that day, in the session's time zone.</summary>
public sealed class SessionForm
{
    public string? Title { get; set; }

    public SessionType Type { get; set; }

    public string? Date { get; set; }

    public string? Start { get; set; }

    public string? End { get; set; }

    public string? InstitutionId { get; set; }

    public string? Place { get; set; }

    public string? JoinUrl { get; set; }

    /// <summary>Why a session is moved; recorded with the reschedule.</summary>
    public string? Reason { get; set; }

    public string? TimeZone { get; set; }

    public static SessionForm ForNew(Guid hostInstitutionId, SessionType type, string? timeZone) => new()
    {
        Type = type,
        TimeZone = timeZone,
        Start = "14:00",
        End = "16:00",
        InstitutionId = hostInstitutionId.ToString(),
    };

    public static SessionForm From(SessionView session) => new()
    {
        Title = session.Title,
        Type = session.Type,
        Date = ZonedTime.Date(session.StartsAtLocal),
        Start = ZonedTime.Clock(session.StartsAtLocal),
        End = ZonedTime.Clock(session.EndsAtLocal),
        InstitutionId = session.InstitutionId.ToString(),
        Place = session.Place,
        JoinUrl = session.JoinUrl,
        TimeZone = session.TimeZone,
    };

    /// <summary>The API's input, or the field (as the API names it) that cannot be read here.</summary>
    public (SessionInput? Input, string? BadField) ToInput()
    {
        if (!ZonedTime.TryParseDate(Date, out var date))
            return (null, "startsAtLocal");
        if (!ZonedTime.TryParseTime(Start, out var start))
            return (null, "startsAtLocal");
        if (!ZonedTime.TryParseTime(End, out var end))
            return (null, "endsAtLocal");
        Guid? institution = Guid.TryParse(InstitutionId, out var id) ? id : null;
        return (new SessionInput(Title?.Trim() ?? "", Type, date.ToDateTime(start), date.ToDateTime(end),
            string.IsNullOrWhiteSpace(TimeZone) ? null : TimeZone.Trim(), institution, Blank(Place), Blank(JoinUrl)), null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
