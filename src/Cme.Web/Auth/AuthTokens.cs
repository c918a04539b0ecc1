using System.Globalization;
using Cme.Web.Api;
using Microsoft.AspNetCore.Authentication;

namespace Cme.Web.Auth;

/// <summary>The API tokens, kept only inside the encrypted auth cookie's properties.</summary>
public static class AuthTokens
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string ExpiresAt = "expires_at";

    public static void Store(AuthenticationProperties properties, TokenResponse tokens, DateTimeOffset now) =>
        properties.StoreTokens(
        [
            new AuthenticationToken { Name = AccessToken, Value = tokens.AccessToken },
            new AuthenticationToken { Name = RefreshToken, Value = tokens.RefreshToken },
            new AuthenticationToken
            {
                Name = ExpiresAt,
                Value = now.AddSeconds(tokens.ExpiresIn).ToString("o", CultureInfo.InvariantCulture),
            },
        ]);

    public static DateTimeOffset? ReadExpiry(AuthenticationProperties properties) =>
        DateTimeOffset.TryParse(properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var expiresAt)
            ? expiresAt
            : null;
}
