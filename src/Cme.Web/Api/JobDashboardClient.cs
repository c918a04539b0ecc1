namespace Cme.Web.Api;

/// <summary>
/// Hangfire's dashboard on the API, for the Web's pass-through at the same path: the request goes as the
/// browser made it (with the user's token added), the answer comes back as the API wrote it, unread.
/// </summary>
public sealed class JobDashboardClient(HttpClient http)
{
    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
}
