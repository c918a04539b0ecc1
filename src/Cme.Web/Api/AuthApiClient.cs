namespace Cme.Web.Api;

/// <summary>Sign-in and token refresh. Its requests carry no bearer token, and a 401 is an answer, not an error.</summary>
public sealed class AuthApiClient(HttpClient http) : ApiClientBase(http)
{
    protected override bool ThrowsOnAccessFailure => false;

    public Task<ApiResult<TokenResponse>> LoginAsync(string email, string password, CancellationToken cancellationToken = default) =>
        PostAsync<TokenResponse>("api/v1/auth/login", new LoginRequest(email, password), cancellationToken);

    public Task<ApiResult<TokenResponse>> RefreshAsync(string refreshToken, CancellationToken cancellationToken = default) =>
        PostAsync<TokenResponse>("api/v1/auth/refresh", new RefreshRequest(refreshToken), cancellationToken);

    /// <summary>Reads the profile with a token just issued, before the auth cookie exists.</summary>
    public Task<ApiResult<MeResponse>> GetMeAsync(string accessToken, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/me");
        request.Headers.Authorization = new("Bearer", accessToken);
        return SendAsync<MeResponse>(request, cancellationToken);
    }
}
