using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Cme.Infrastructure.Identity;

/// <summary>
/// Password-reset tokens: the account, the purpose, the security stamp and the time it was made,
/// protected by Data Protection, valid for <see cref="Lifespan"/> by the injected clock. Single use
/// comes from the stamp: a reset changes it, so the same link no longer verifies. Its own provider,
/// so this lifespan applies to reset links only and not to other Data Protection tokens.
/// </summary>
public sealed class PasswordResetTokenProvider(IDataProtectionProvider protection, TimeProvider clock) : IUserTwoFactorTokenProvider<AppUser>
{
    public const string ProviderName = "CmePasswordReset";
    public static readonly TimeSpan Lifespan = TimeSpan.FromMinutes(30);

    private readonly IDataProtector _protector = protection.CreateProtector("Cme.Identity.PasswordReset.v1");

    public Task<bool> CanGenerateTwoFactorTokenAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(false);

    public async Task<string> GenerateAsync(string purpose, UserManager<AppUser> manager, AppUser user)
    {
        var stamp = await manager.GetSecurityStampAsync(user);
        var payload = string.Join('\n', clock.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
            await manager.GetUserIdAsync(user), purpose, stamp);
        return WebEncoders.Base64UrlEncode(_protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    public async Task<bool> ValidateAsync(string purpose, string token, UserManager<AppUser> manager, AppUser user)
    {
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(_protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return false;
        }
        if (parts.Length != 4 || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var made))
            return false;
        var age = clock.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(made);
        return age >= TimeSpan.Zero && age <= Lifespan
            && parts[1] == await manager.GetUserIdAsync(user)
            && parts[2] == purpose
            && parts[3] == await manager.GetSecurityStampAsync(user);
    }
}
