using System.Net;
using System.Net.Http.Json;

namespace Cme.Web.Api;

/// <summary>Sends a request to Cme.Api and turns the answer into an <see cref="ApiResult{T}"/>.</summary>
public abstract class ApiClientBase(HttpClient http)
{
    protected HttpClient Http { get; } = http;

    /// <summary>
    /// Whether a 401 or 403 is the signed-in user's problem (throw, so the middleware redirects)
    /// rather than an answer the caller reads, as for sign-in.
    /// </summary>
    protected virtual bool ThrowsOnAccessFailure => true;

    protected Task<ApiResult<T>> GetAsync<T>(string uri, CancellationToken cancellationToken)
        where T : class =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);

    protected Task<ApiResult<T>> PostAsync<T>(string uri, object body, CancellationToken cancellationToken)
        where T : class =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, uri) { Content = Json(body) }, cancellationToken);

    protected Task<ApiResult> PutAsync(string uri, object body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, uri) { Content = Json(body) }, cancellationToken);

    protected async Task<ApiResult<T>> SendAsync<T>(HttpRequestMessage request, CancellationToken cancellationToken)
        where T : class
    {
        using (request)
        using (var response = await Http.SendAsync(request, cancellationToken))
        {
            if (!response.IsSuccessStatusCode)
                return ApiResult<T>.Failure(await FailureAsync(response, cancellationToken));

            var value = await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken);
            return value is null
                ? ApiResult<T>.Failure(new ApiProblem((int)HttpStatusCode.BadGateway))
                : ApiResult<T>.Success(value);
        }
    }

    protected async Task<ApiResult> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        using (var response = await Http.SendAsync(request, cancellationToken))
        {
            return response.IsSuccessStatusCode
                ? ApiResult.Success()
                : ApiResult.Failure(await FailureAsync(response, cancellationToken));
        }
    }

    protected static string Query(string path, params (string Name, string? Value)[] parameters)
    {
        var pairs = parameters
            .Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}")
            .ToArray();
        return pairs.Length == 0 ? path : $"{path}?{string.Join('&', pairs)}";
    }

    private static JsonContent Json(object body) => JsonContent.Create(body, body.GetType(), options: ApiJson.Options);

    private async Task<ApiProblem> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (ThrowsOnAccessFailure && response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            throw new ApiAccessException((int)response.StatusCode);
        return await ApiProblem.ReadAsync(response, cancellationToken);
    }
}
