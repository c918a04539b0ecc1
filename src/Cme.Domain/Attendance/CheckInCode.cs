using System.Security.Cryptography;
using System.Text;

namespace Cme.Domain.Attendance;

/// <summary>
/// The rotating check-in code of a session: a new one every 30 seconds, bound to the session by an
/// HMAC with the server's key, accepted for the current and the previous period. The QR code
/// carries a long token; the 8-digit number is the fallback to type in (shown as "1234 5678"; spaces and
/// hyphens in what is typed are ignored). Why 8 digits: docs/operations.md, "Check-in codes".
/// </summary>
public static class CheckInCode
{
    public const int PeriodSeconds = 30;

    /// <summary>Digits of the number code: 10^8 possibilities, two of them valid at a time.</summary>
    public const int Digits = 8;

    public static long Period(DateTimeOffset at) => at.ToUnixTimeSeconds() / PeriodSeconds;

    public static string Token(byte[] key, Guid sessionId, long period) =>
        Convert.ToBase64String(Mac(key, sessionId, period), 0, 16).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Number(byte[] key, Guid sessionId, long period)
    {
        var mac = Mac(key, sessionId, period);
        var offset = mac[^1] & 0x0f;
        var value = ((mac[offset] & 0x7f) << 24) | (mac[offset + 1] << 16) | (mac[offset + 2] << 8) | mac[offset + 3];
        return (value % 100_000_000).ToString("00000000", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Which kind of code this is, if it is valid for the session now (this period or the one before).</summary>
    public static AttendanceSource? Verify(byte[] key, Guid sessionId, string code, DateTimeOffset now)
    {
        var token = code.Trim();
        var number = NormaliseNumber(code);
        var period = Period(now);
        foreach (var p in new[] { period, period - 1 })
        {
            if (FixedEquals(token, Token(key, sessionId, p)))
                return AttendanceSource.QrCode;
            if (FixedEquals(number, Number(key, sessionId, p)))
                return AttendanceSource.NumericCode;
        }
        return null;
    }

    /// <summary>The number as typed without the spaces and hyphens people put in ("1234 5678", "1234-5678").</summary>
    public static string NormaliseNumber(string typed) =>
        string.Concat(typed.Where(c => !char.IsWhiteSpace(c) && c != '-'));

    private static bool FixedEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));

    private static byte[] Mac(byte[] key, Guid sessionId, long period) =>
        HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{sessionId:N}:{period}"));
}
