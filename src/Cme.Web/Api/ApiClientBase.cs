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

    /// <summary>Whether this status is thrown as an <see cref="ApiAccessException"/> rather than returned.</summary>
    protected virtual bool Throws(HttpStatusCode status) =>
        ThrowsOnAccessFailure && status is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden;

    protected Task<ApiResult<T>> GetAsync<T>(string uri, CancellationToken cancellationToken)
        where T : class =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Get, uri), cancellationToken);

    protected Task<ApiResult<T>> PostAsync<T>(string uri, object body, CancellationToken cancellationToken)
        where T : class =>
        SendAsync<T>(new HttpRequestMessage(HttpMethod.Post, uri) { Content = Json(body) }, cancellationToken);

    protected Task<ApiResult> PutAsync(string uri, object body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Put, uri) { Content = Json(body) }, cancellationToken);

    /// <summary>A post whose answer has no body (204); <paramref name="body"/> may be null for a bare command.</summary>
    protected Task<ApiResult> PostAsync(string uri, object? body, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, uri) { Content = body is null ? null : Json(body) }, cancellationToken);

    protected Task<ApiResult> DeleteAsync(string uri, CancellationToken cancellationToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Delete, uri), cancellationToken);

    /// <summary>An answer read as text, such as a generated SVG drawing.</summary>
    protected async Task<ApiResult<string>> GetTextAsync(string uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await Http.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode
            ? ApiResult<string>.Success(await response.Content.ReadAsStringAsync(cancellationToken))
            : ApiResult<string>.Failure(await FailureAsync(response, cancellationToken));
    }

    /// <summary>A file (an image, an export) with its content type and suggested name; small enough to buffer.</summary>
    protected async Task<ApiResult<ApiFile>> GetFileAsync(string uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await Http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
            return ApiResult<ApiFile>.Failure(await FailureAsync(response, cancellationToken));
        var headers = response.Content.Headers;
        var fileName = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"');
        return ApiResult<ApiFile>.Success(new ApiFile(
            await response.Content.ReadAsByteArrayAsync(cancellationToken),
            headers.ContentType?.ToString() ?? "application/octet-stream",
            fileName));
    }

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

    protected static JsonContent Json(object body) => JsonContent.Create(body, body.GetType(), options: ApiJson.Options);

    private async Task<ApiProblem> FailureAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (Throws(response.StatusCode))
            throw new ApiAccessException((int)response.StatusCode);
        return await ApiProblem.ReadAsync(response, cancellationToken);
    }
}
