namespace Cme.Web.Api;

/// <summary>My sessions as learner and trainer, their calendar files and my private calendar feed.</summary>
public sealed class ScheduleApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Feed = "api/v1/me/calendar-feed";

    public Task<ApiResult<List<ScheduleItem>>> MineAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ScheduleItem>>("api/v1/me/schedule", cancellationToken);

    public Task<ApiResult<ApiFile>> SessionCalendarAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/sessions/{sessionId}/calendar.ics", cancellationToken);

    public Task<ApiResult<CalendarFeedStatus>> FeedStatusAsync(CancellationToken cancellationToken = default) =>
        GetAsync<CalendarFeedStatus>(Feed, cancellationToken);

    /// <summary>A new secret feed URL; any earlier one stops working.</summary>
    public Task<ApiResult<CalendarFeedLink>> CreateFeedAsync(CancellationToken cancellationToken = default) =>
        SendAsync<CalendarFeedLink>(new HttpRequestMessage(HttpMethod.Post, Feed), cancellationToken);

    public Task<ApiResult> RevokeFeedAsync(CancellationToken cancellationToken = default) =>
        DeleteAsync(Feed, cancellationToken);
}
