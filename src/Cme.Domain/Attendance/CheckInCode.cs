using System.Security.Cryptography;
using System.Text;

namespace Cme.Domain.Attendance;

/// <summary>
/// The rotating check-in code of a session: a new one every 30 seconds, bound to the session by an
/// HMAC with the server's key, accepted for the current and the previous period. The QR code
/// carries a long token; the 6-digit number is the fallback to type in.
/// </summary>
public static class CheckInCode
{
    public const int PeriodSeconds = 30;

    public static long Period(DateTimeOffset at) => at.ToUnixTimeSeconds() / PeriodSeconds;

    public static string Token(byte[] key, Guid sessionId, long period) =>
        Convert.ToBase64String(Mac(key, sessionId, period), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Number(byte[] key, Guid sessionId, long period)
    {
        var mac = Mac(key, sessionId, period);
        var offset = mac[^1] & 0x0f;
        var value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (value % 1_000_000).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Which kind of code this is, if it is valid for the session now (this period or the one before).</summary>
    public static AttendanceSource? Verify(byte[] key, Guid sessionId, string code, DateTimeOffset now)
    {
        var period = Period(now);
        foreach (var p in new[] { period, period - 1 })
        {
            if (FixedEquals(code, Token(key, sessionId, p)))
                return AttendanceSource.QrCode;
            if (FixedEquals(code, Number(key, sessionId, p)))
                return AttendanceSource.NumericCode;
        }
        return null;
    }

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static byte[] Mac(byte[] key, Guid sessionId, long period) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{sessionId:N}:{period}"));
}
