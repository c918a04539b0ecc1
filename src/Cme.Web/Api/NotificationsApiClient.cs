namespace Cme.Web.Api;

public sealed record InboxItemDto(Guid Id, string Kind, string Title, string Body, DateTimeOffset SentAt, DateTimeOffset? ReadAt, Guid SubjectId, string? Path = null);

public sealed record InboxDto(int Unread, int Total, List<InboxItemDto> Items);

public sealed record UnreadCountDto(int Unread);

public sealed record NotificationPreferenceDto(string Kind, bool InApp, bool Email);

/// <summary>A recurring job as Hangfire holds it: cron schedule (UTC), queue, next and last run, the last run's state.</summary>
public sealed record JobDto(string Name, string Cron, string Queue, DateTimeOffset? NextRunAt, DateTimeOffset? LastRunAt, string? LastRunId,
    string? LastState, string? Error);

/// <summary>One run of a job (a Hangfire background job) in its current state.</summary>
public sealed record JobRunDto(string Id, string JobName, string State, DateTimeOffset? At, long? DurationMs, string? Result, string? Error, string? Server);

/// <summary>A Hangfire server at work (two per API instance with the scheduler on).</summary>
public sealed record JobServerDto(string Name, int Workers, List<string> Queues, DateTimeOffset StartedAt, DateTimeOffset? HeartbeatAt);

public sealed record JobTriggeredDto(string JobName, string RunId);

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

    public Task<ApiResult<List<JobDto>>> JobsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<JobDto>>("api/v1/jobs", cancellationToken);

    /// <summary>Recent runs in one state (Succeeded, Failed, Processing, Enqueued), newest first.</summary>
    public Task<ApiResult<List<JobRunDto>>> JobRunsAsync(string state, int take, CancellationToken cancellationToken = default) =>
        GetAsync<List<JobRunDto>>($"api/v1/jobs/runs?state={Uri.EscapeDataString(state)}&take={take}", cancellationToken);

    public Task<ApiResult<List<JobServerDto>>> JobServersAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<JobServerDto>>("api/v1/jobs/servers", cancellationToken);

    public Task<ApiResult> TriggerJobAsync(string name, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/jobs/{Uri.EscapeDataString(name)}/trigger", null, cancellationToken);

    public Task<ApiResult<OutboxPageDto>> FailedNotificationsAsync(CancellationToken cancellationToken = default) =>
        GetAsync<OutboxPageDto>("api/v1/notifications/outbox?status=Failed&take=30", cancellationToken);

    public Task<ApiResult> RetryNotificationAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/notifications/{id}/retry", null, cancellationToken);
}
