namespace Cme.Web.Api;

public sealed class MeApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult<MeResponse>> GetAsync(CancellationToken cancellationToken = default) =>
        GetAsync<MeResponse>("api/v1/me", cancellationToken);

    public Task<ApiResult> SetLanguageAsync(string language, CancellationToken cancellationToken = default) =>
        PutAsync("api/v1/me/language", new SetLanguageRequest(language), cancellationToken);
}
