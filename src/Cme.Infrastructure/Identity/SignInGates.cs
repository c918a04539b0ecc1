namespace Cme.Infrastructure.Identity;

/// <summary>
/// Steps a person must take before using the system: a temporary password to replace, or a second
/// factor their role requires and they have not yet set up. Each open step is a <see cref="ClaimType"/>
/// claim in the token; while one is open, the API answers only the sign-in and profile endpoints
/// (403 with <c>auth.gate.*</c>) and the Web sends the person to the page that closes it.
/// </summary>
public static class SignInGates
{
    public const string ClaimType = "cme:gate";
    public const string PasswordChange = "password-change";
    public const string TwoFactorSetup = "two-factor-setup";
}
