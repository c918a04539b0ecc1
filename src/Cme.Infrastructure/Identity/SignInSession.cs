namespace Cme.Infrastructure.Identity;

/// <summary>
/// One sign-in: the tokens issued at a login and every refresh after it belong to it. Revoking it
/// (sign-out, sign-out everywhere, a spent refresh token used again) makes all of them stop working.
/// Each refresh token works once: it carries <see cref="RefreshGeneration"/>, and a refresh moves
/// the session to the next generation.
/// </summary>
public sealed class SignInSession
{
    public const int MaxUserAgentLength = 300;

    private SignInSession() { }

    public SignInSession(Guid userId, string? securityStamp, string? clientAddress, string? userAgent, DateTimeOffset now)
    {
        Id = Guid.CreateVersion7();
        UserId = userId;
        SecurityStamp = securityStamp;
        ClientAddress = clientAddress is { Length: > 64 } ? clientAddress[..64] : clientAddress;
        UserAgent = userAgent is { Length: > MaxUserAgentLength } ? userAgent[..MaxUserAgentLength] : userAgent;
        CreatedAt = now;
        RefreshedAt = now;
        LastSeenAt = now;
    }

    public Guid Id { get; private set; }
    public Guid UserId { get; private set; }

    /// <summary>The account's security stamp when tokens were last issued; a newer stamp ends the session.</summary>
    public string? SecurityStamp { get; private set; }

    public int RefreshGeneration { get; private set; }
    public string? ClientAddress { get; private set; }
    public string? UserAgent { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset RefreshedAt { get; private set; }
    public DateTimeOffset LastSeenAt { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public string? RevokedReason { get; private set; }

    public bool IsRevoked => RevokedAt is not null;

    /// <summary>New tokens for this session: the next refresh generation, the account's current stamp.</summary>
    public void Renew(string? securityStamp, DateTimeOffset now)
    {
        RefreshGeneration++;
        SecurityStamp = securityStamp;
        RefreshedAt = now;
        LastSeenAt = now;
    }

    public void Revoke(string reason, DateTimeOffset now)
    {
        if (RevokedAt is not null)
            return;
        RevokedAt = now;
        RevokedReason = reason;
    }
}
