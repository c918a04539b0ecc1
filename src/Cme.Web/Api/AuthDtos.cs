namespace Cme.Web.Api;

public sealed record LoginRequest(string Email, string Password);

public sealed record RefreshRequest(string RefreshToken);

public sealed record TwoFactorLoginRequest(string TwoFactorToken, string? Code, string? RecoveryCode);

public sealed record TwoFactorCodeRequest(string Code);

public sealed record TwoFactorStatus(bool Enabled, bool Required, int RecoveryCodesLeft);

public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri);

public sealed record TwoFactorEnabled(IReadOnlyList<string> RecoveryCodes, TokenResponse Tokens);

public sealed record RecoveryCodeSet(IReadOnlyList<string> Codes);

public sealed record TwoFactorDisabled(TokenResponse Tokens);

public sealed record TokenResponse(string TokenType, string AccessToken, long ExpiresIn, string RefreshToken);

public sealed record MeResponse(
    string UserId,
    string? Email,
    Guid? ProfessionalId,
    string? NameZh,
    string? NameLatin,
    Guid? InstitutionId,
    string? InstitutionName,
    string? InstitutionNameEn,
    Profession? Profession,
    TitleLevel? TitleLevel,
    IReadOnlyList<string>? Roles,
    string? PreferredLanguage,
    IReadOnlyList<string>? Gates = null);

public sealed record SetLanguageRequest(string Language);

/// <summary>One of the signed-in person's live sign-ins (<c>GET /api/v1/auth/sessions</c>).</summary>
public sealed record SignInSessionResponse(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, string? ClientAddress, string? UserAgent, bool Current);

public sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

public sealed record ForgotPasswordRequest(string Email);

public sealed record ResetLinkRequested(int LinkValidMinutes);

public sealed record ResetPasswordRequest(string Email, string Token, string NewPassword);
