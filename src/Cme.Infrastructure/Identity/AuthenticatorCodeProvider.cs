using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace Cme.Infrastructure.Identity;

/// <summary>
/// Checks authenticator-app codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits) against the key
/// <see cref="UserManager{TUser}.GetAuthenticatorKeyAsync"/> holds. It takes the place of Identity's own
/// authenticator provider for two reasons: time comes from the injected <see cref="TimeProvider"/>
/// (Identity's reads the system clock), and a code is accepted once: the step it belongs to is stored,
/// and a code of that step or an earlier one is refused afterwards, so an overheard code cannot be replayed.
/// One step of drift either way is allowed.
/// </summary>
public sealed class AuthenticatorCodeProvider(TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    private const string TokenProvider = "[Cme]";
    private const string LastStepToken = "AuthenticatorLastStep";
    private const int StepSeconds = 30;

    public Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user) =>
        Task.FromResult(""); // the code comes from the person's app, never from the server

    public async Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) =>
        !string.IsNullOrWhiteSpace(await manager.GetAuthenticatorKeyAsync(user));

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        if (token is not { Length: 6 } || !token.All(char.IsAsciiDigit))
            return false;
        var key = await manager.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrWhiteSpace(key) || Base32.Decode(key) is not { Length: > 0 } secret)
            return false;

        var step = clock.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var lastUsed = long.TryParse(await manager.GetAuthenticationTokenAsync(user, TokenProvider, LastStepToken),
            NumberStyles.None, CultureInfo.InvariantCulture, out var last) ? last : long.MinValue;
        for (var candidate = step - 1; candidate <= step + 1; candidate++)
        {
            if (candidate <= lastUsed || !CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(Code(secret, candidate)), System.Text.Encoding.ASCII.GetBytes(token)))
                continue;
            // Saving the step also checks the account's concurrency stamp: of two requests racing with one code, one fails.
            var saved = await manager.SetAuthenticationTokenAsync(user, TokenProvider, LastStepToken,
                candidate.ToString(CultureInfo.InvariantCulture));
            return saved.Succeeded;
        }
        return false;
    }

    /// <summary>The 6-digit code of one time step (RFC 4226 dynamic truncation).</summary>
    public static string Code(byte[] secret, long step)
    {
        Span<byte> counter = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(counter, step);
        Span<byte> hash = stackalloc byte[20];
        HMACSHA1.HashData(secret, counter, hash);
        var offset = hash[^1] & 0x0f;
        var binary = (BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7fffffff) % 1_000_000;
        return binary.ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>RFC 4648 base 32, as Identity writes authenticator keys (upper case, no padding).</summary>
    private static class Base32
    {
        private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

        public static byte[]? Decode(string text)
        {
            var output = new List<byte>(text.Length * 5 / 8);
            int buffer = 0, bits = 0;
            foreach (var c in text.TrimEnd('='))
            {
                var value = Alphabet.IndexOf(char.ToUpperInvariant(c));
                if (value < 0)
                    return null;
                buffer = (buffer << 5) | value;
                bits += 5;
                if (bits >= 8)
                {
                    bits -= 8;
                    output.Add((byte)(buffer >> bits));
                    buffer &= (1 << bits) - 1;
                }
            }
            return output.ToArray();
        }
    }
}
