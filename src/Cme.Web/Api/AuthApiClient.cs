namespace Cme.Web.Api;

/// <summary>Sign-in and token refresh. Its requests carry no bearer token, and a 401 is an answer, not an error.</summary>
public sealed class AuthApiClient(HttpClient http) : ApiClientBase(http)
{
    protected override bool ThrowsOnAccessFailure => false;

    public Task<ApiResult<TokenResponse>> LoginAsync(string email, string password, CancellationToken cancellationToken = default) =>
        PostAsync<TokenResponse>("api/v1/auth/login", new LoginRequest(email, password), cancellationToken);

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        PostAsync<TokenResponse>("api/v1/auth/refresh", new RefreshRequest(refreshToken), cancellationToken);

    /// <summary>
    /// Whether the sign-in session behind this access token is still live (204), or has ended (401):
    /// signed out, signed out everywhere, password or roles changed. Used while validating the cookie,
    /// so the token is passed explicitly.
    /// </summary>
    public Task<ApiResult> CheckSessionAsync(string accessToken, CancellationToken cancellationToken = default) =>
        WithToken(HttpMethod.Get, "api/v1/auth/session", accessToken, cancellationToken);

    /// <summary>Ends the sign-in session of this access token at the API.</summary>
    public Task<ApiResult> LogoutAsync(string accessToken, CancellationToken cancellationToken = default) =>
        WithToken(HttpMethod.Post, "api/v1/auth/logout", accessToken, cancellationToken);

    /// <summary>Ends every sign-in session of the person this access token belongs to.</summary>
    public Task<ApiResult> LogoutEverywhereAsync(string accessToken, CancellationToken cancellationToken = default) =>
        WithToken(HttpMethod.Post, "api/v1/auth/logout-everywhere", accessToken, cancellationToken);

    private Task<ApiResult> WithToken(HttpMethod method, string uri, string accessToken, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new("Bearer", accessToken);
        return SendAsync(request, cancellationToken);
    }

    /// <summary>Reads the profile with a token just issued, before the auth cookie exists.</summary>
    public Task<ApiResult<MeResponse>> GetMeAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        return SendAsync<MeResponse>(request, cancellationToken);
    }

    /// <summary>Changes the signed-in person's password (token from the auth cookie); the answer carries new tokens without the password gate.</summary>
    public Task<ApiResult<TokenResponse>> ChangePasswordAsync(string accessToken, string currentPassword, string newPassword,
        CancellationToken cancellationToken = default)
        => SendAsync<TokenResponse>(WithToken(HttpMethod.Post, "api/v1/auth/password", accessToken, new ChangePasswordRequest(currentPassword, newPassword)), cancellationToken);

    /// <summary>Asks for a reset link by e-mail; the answer is the same whether or not the account exists.</summary>
    public Task<ApiResult<ResetLinkRequested>> ForgotPasswordAsync(string email, CancellationToken cancellationToken = default) =>
        PostAsync<ResetLinkRequested>("api/v1/auth/password/forgot", new ForgotPasswordRequest(email), cancellationToken);

    /// <summary>Sets a new password with the token of a reset link.</summary>
    public Task<ApiResult> ResetPasswordAsync(string email, string token, string newPassword, CancellationToken cancellationToken = default) =>
        PostAsync("api/v1/auth/password/reset", new ResetPasswordRequest(email, token, newPassword), cancellationToken);

    /// <summary>The second step of signing in: the ticket from the first and a code from the app, or a recovery code.</summary>
    public Task<ApiResult<TokenResponse>> LoginTwoFactorAsync(string ticket, string? code, string? recoveryCode, CancellationToken cancellationToken = default) =>
        PostAsync<TokenResponse>("api/v1/auth/login/two-factor", new TwoFactorLoginRequest(ticket, code, recoveryCode), cancellationToken);

    public Task<ApiResult<TwoFactorStatus>> GetTwoFactorStatusAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<TwoFactorStatus>(WithToken(HttpMethod.Get, "api/v1/auth/two-factor", accessToken, null), cancellationToken);

    public Task<ApiResult<AuthenticatorSetup>> SetUpAuthenticatorAsync(string accessToken, CancellationToken cancellationToken = default) =>
        SendAsync<AuthenticatorSetup>(WithToken(HttpMethod.Post, "api/v1/auth/two-factor/setup", accessToken, null), cancellationToken);

    public Task<ApiResult<TwoFactorEnabled>> EnableTwoFactorAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
        SendAsync<TwoFactorEnabled>(WithToken(HttpMethod.Post, "api/v1/auth/two-factor/enable", accessToken, new TwoFactorCodeRequest(code)), cancellationToken);

    public Task<ApiResult<RecoveryCodeSet>> RegenerateRecoveryCodesAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
        SendAsync<RecoveryCodeSet>(WithToken(HttpMethod.Post, "api/v1/auth/two-factor/recovery-codes", accessToken, new TwoFactorCodeRequest(code)), cancellationToken);

    public Task<ApiResult<TwoFactorDisabled>> DisableTwoFactorAsync(string accessToken, string code, CancellationToken cancellationToken = default) =>
        SendAsync<TwoFactorDisabled>(WithToken(HttpMethod.Post, "api/v1/auth/two-factor/disable", accessToken, new TwoFactorCodeRequest(code)), cancellationToken);

    /// <summary>
    /// The two-factor settings answer the signed-in person with their own token, given here: a refusal (403 when
    /// their role requires it) is an answer for the page, not a redirect.
    /// </summary>
    private static HttpRequestMessage WithToken(HttpMethod method, string uri, string accessToken, object? body)
    {
        var request = new HttpRequestMessage(method, uri) { Content = body is null ? null : Json(body) };
        request.Headers.Authorization = new("Bearer", accessToken);
        return request;
    }
}
