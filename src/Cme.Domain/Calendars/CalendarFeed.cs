using System.Security.Cryptography;
using Cme.Domain.Common;

namespace Cme.Domain.Calendars;

/// <summary>
/// A person's private iCalendar feed. The secret token is shown to them once per creation; only
/// its hash is stored. Revoking it makes every old URL stop working.
/// </summary>
public sealed class CalendarFeed : Entity
{
    private CalendarFeed() { }

    private CalendarFeed(Guid professionalId, string tokenHash, DateTimeOffset now)
    {
        ProfessionalId = professionalId;
        TokenHash = tokenHash;
        CreatedAt = now;
    }

    public Guid ProfessionalId { get; private set; }
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }

    public bool IsActive => RevokedAt is null;

    public static (CalendarFeed Feed, string Token) Create(Guid professionalId, DateTimeOffset now)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        return (new CalendarFeed(professionalId, Hash(token), now), token);
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    public void Revoke(DateTimeOffset now)
    {
        if (RevokedAt is not null)
            throw new DomainException("calendar.already-revoked");
        RevokedAt = now;
    }
}
