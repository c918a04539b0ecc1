using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Cme.Api.Http;

/// <summary>
/// The ticket between the two steps of a two-factor sign-in: after the right password the API hands it out
/// instead of tokens, and the second step must bring it back with a code. It is encrypted and signed by data
/// protection and names the account, the account's security stamp (a changed password or second factor voids it)
/// and when it expires, <see cref="Lifetime"/> after it was issued by the injected clock.
/// </summary>
internal sealed class TwoFactorSignInTickets(IDataProtectionProvider protection, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    private readonly IDataProtector _protector = protection.CreateProtector("Cme.Api.TwoFactorSignIn.v1");

    public string Issue(Guid userId, string? securityStamp)
    {
        var expires = (clock.GetUtcNow() + Lifetime).ToUnixTimeMilliseconds();
        return _protector.Protect(string.Join('|', userId.ToString("N"), expires.ToString(CultureInfo.InvariantCulture), securityStamp ?? ""));
    }

    /// <summary>The account and stamp of a ticket still valid now; null for a forged, garbled or expired one.</summary>
    public (Guid UserId, string SecurityStamp)? Read(string? ticket)
    {
        if (string.IsNullOrWhiteSpace(ticket))
            return null;
        string payload;
        try
        {
            payload = _protector.Unprotect(ticket);
        }
        catch (CryptographicException)
        {
            return null;
        }
        var parts = payload.Split('|', 3);
        if (parts.Length != 3 || !Guid.TryParseExact(parts[0], "N", out var userId)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || clock.GetUtcNow().ToUnixTimeMilliseconds() >= expires)
            return null;
        return (userId, parts[2]);
    }
}
