namespace Cme.Web.Api;

/// <summary>
/// A private calendar feed as a calendar app fetches it: no one signed in, the secret token in the
/// path is the key. The Web passes it on so that a phone reaching only the public site can subscribe.
/// </summary>
public sealed class CalendarFeedClient(HttpClient http) : ApiClientBase(http)
{
    /// <summary>No sign-in here: a 401 or 403 is an answer to pass on, not a reason to redirect.</summary>
    protected override bool ThrowsOnAccessFailure => false;

    public Task<ApiResult<ApiFile>> FeedAsync(string token, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/calendar/{Uri.EscapeDataString(token)}.ics", cancellationToken);
}
