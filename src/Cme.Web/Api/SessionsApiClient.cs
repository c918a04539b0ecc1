namespace Cme.Web.Api;

/// <summary>The signed-in person's sign-in sessions, for the profile page.</summary>
public sealed class SessionsApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult<List<SignInSessionResponse>>> ListAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<SignInSessionResponse>>("api/v1/auth/sessions", cancellationToken);
}
