namespace Cme.Web.Api;

public sealed record InboxItemDto(Guid Id, string Kind, string Title, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt, Guid SubjectId, string? Path = null);

public sealed record InboxDto(int Unread, int Total, List<InboxItemDto> Items);

public sealed record UnreadCountDto(int Unread);

public sealed record NotificationPreferenceDto(string Kind, bool InApp, bool Email);

public sealed record JobTriggerDto(string Name, string Schedule, string State, DateTimeOffset? NextFireAt, DateTimeOffset? PreviousFireAt, Dictionary<string, string> Data);

public sealed record JobRunDto(long Id, string JobName, string TriggerName, DateTimeOffset? ScheduledAt, DateTimeOffset StartedAt, long DurationMs,
    bool Succeeded, string? Result, string? Error, string Instance, bool Recovering);

public sealed record JobSummaryDto(string Name, string? Description, bool Recurring, List<JobTriggerDto> Triggers, DateTimeOffset? NextFireAt,
    JobRunDto? LastRun, int FailuresLast24h);

public sealed record OutboxItemDto(Guid Id, Guid RecipientId, string RecipientName, string Kind, string Channel, string Status, DateTimeOffset DueAt,
    int Attempts, string? LastError, DateTimeOffset? SentAt, string DedupKey);

public sealed record OutboxCountsDto(int Pending, int Sent, int Failed, int Cancelled);

public sealed record OutboxPageDto(OutboxCountsDto Counts, List<OutboxItemDto> Items);

/// <summary>The inbox, notification preferences, the outbox and the jobs of the scheduler.</summary>
public sealed class NotificationsApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult<InboxDto>> InboxAsync(int page = 1, CancellationToken cancellationToken = default) =>
        GetAsync<InboxDto>($"api/v1/me/notifications?page={page}", cancellationToken);

    public Task<ApiResult<UnreadCountDto>> UnreadCountAsync(CancellationToken cancellationToken = default) =>
        GetAsync<UnreadCountDto>("api/v1/me/notifications/unread-count", cancellationToken);

    public Task<ApiResult> MarkReadAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/me/notifications/{id}/read", null, cancellationToken);

    public Task<ApiResult> MarkAllReadAsync(CancellationToken cancellationToken = default) =>
        PostAsync("api/v1/me/notifications/read-all", null, cancellationToken);

    public Task<ApiResult<List<NotificationPreferenceDto>>> PreferencesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<NotificationPreferenceDto>>("api/v1/me/notifications/preferences", cancellationToken);

    public Task<ApiResult> SetPreferencesAsync(IReadOnlyList<NotificationPreferenceDto> preferences, CancellationToken cancellationToken = default) =>
        PutAsync("api/v1/me/notifications/preferences", new { preferences }, cancellationToken);

    public Task<ApiResult<List<JobSummaryDto>>> JobsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<JobSummaryDto>>("api/v1/jobs", cancellationToken);

    public Task<ApiResult<List<JobRunDto>>> JobRunsAsync(bool failedOnly, CancellationToken cancellationToken = default) =>
        GetAsync<List<JobRunDto>>($"api/v1/jobs/runs?failedOnly={(failedOnly ? "true" : "false")}&take=30", cancellationToken);

    public Task<ApiResult> TriggerJobAsync(string name, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/jobs/{Uri.EscapeDataString(name)}/trigger", new { }, cancellationToken);

    public Task<ApiResult<OutboxPageDto>> FailedNotificationsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<OutboxPageDto>("api/v1/notifications/outbox?status=Failed&take=30", cancellationToken);

    public Task<ApiResult> RetryNotificationAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/notifications/{id}/retry", null, cancellationToken);
}
