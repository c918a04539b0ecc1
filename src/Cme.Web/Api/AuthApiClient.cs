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
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/auth/password") { Content = Json(new ChangePasswordRequest(currentPassword, newPassword)) };
        request.Headers.Authorization = new("Bearer", accessToken);
        return SendAsync<TokenResponse>(request, cancellationToken);
    }

    /// <summary>Asks for a reset link by e-mail; the answer is the same whether or not the account exists.</summary>
    public Task<ApiResult<ResetLinkRequested>> ForgotPasswordAsync(string email, CancellationToken cancellationToken = default) =>
        PostAsync<ResetLinkRequested>("api/v1/auth/password/forgot", new ForgotPasswordRequest(email), cancellationToken);

    /// <summary>Sets a new password with the token of a reset link.</summary>
    public Task<ApiResult> ResetPasswordAsync(string email, string token, string newPassword, CancellationToken cancellationToken = default) =>
        PostAsync("api/v1/auth/password/reset", new ResetPasswordRequest(email, token, newPassword), cancellationToken);
}
