using Cme.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;

namespace Cme.Api.Http;

/// <summary>
/// Checks an e-mail and password so that the answer and the work are the same whatever is wrong: an unknown
/// e-mail, an account without a password, a wrong password, and a disabled (locked out) account each cost
/// exactly one password-hash verification and give null. Identity's own <c>CheckPasswordSignInAsync</c>
/// answers a locked-out account before hashing, which told a locked account apart by its speed.
/// </summary>
internal static class PasswordCheck
{
    private static string? _dummyHash;

    /// <summary>The account, when the password is right and the account may sign in; otherwise null.</summary>
    public static async Task<AppUser?> VerifyAsync(SignInManager<AppUser> signIn, string? email, string? password)
    {
        var users = signIn.UserManager;
        password ??= "";
        var user = string.IsNullOrWhiteSpace(email) ? null : await users.FindByEmailAsync(email.Trim());
        if (user?.PasswordHash is null)
        {
            // The same hasher and settings as a real account's hash, so the verification costs the same.
            var dummy = _dummyHash ??= users.PasswordHasher.HashPassword(new AppUser(), Guid.NewGuid().ToString());
            users.PasswordHasher.VerifyHashedPassword(new AppUser(), dummy, password);
            return null;
        }
        if (!await users.CheckPasswordAsync(user, password))
            return null;
        // Checked after the hash, not before: a disabled account answers like a wrong password, in the same time.
        if (await users.IsLockedOutAsync(user) || !await signIn.CanSignInAsync(user))
            return null;
        return user;
    }
}
