using OtpNet;

namespace Cme.Testing;

/// <summary>
/// What a person's authenticator app does with the key the enrolment page shows: a 6-digit code per
/// 30-second step (RFC 6238, by Otp.NET, not by the code under test), at the time a test clock says.
/// </summary>
public static class Authenticator
{
    /// <summary>The code for <paramref name="sharedKey"/> (as shown, in groups, any case) at <paramref name="at"/>.</summary>
    public static string Code(string sharedKey, DateTimeOffset at) =>
        new Totp(Base32Encoding.ToBytes(sharedKey.Replace(" ", "").ToUpperInvariant())).ComputeTotp(at.UtcDateTime);

    /// <summary>The key as an app reads it from the <c>otpauth://</c> URI's <c>secret</c> parameter.</summary>
    public static string SecretOf(string otpauthUri) =>
        Uri.UnescapeDataString(new Uri(otpauthUri).Query.TrimStart('?').Split('&')
            .Single(p => p.StartsWith("secret=", StringComparison.Ordinal))["secret=".Length..]);
}
