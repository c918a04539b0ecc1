using Cme.Application.Common.Messaging;
using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Notifications: my inbox and channel choices; the outbox for the CME office.</summary>
public static class NotificationEndpoints
{
    public sealed record PreferencesRequest(IReadOnlyList<NotificationPreferenceView> Preferences);

    public static IEndpointRouteBuilder MapNotificationEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me/notifications").WithTags("Notifications");
        me.MapGet("/", GetInbox).WithSummary("My inbox (in-app notifications), newest first, with the unread count.");
        me.MapGet("/unread-count", GetUnreadCount).WithSummary("The number on the bell.");
        me.MapPost("/{id:guid}/read", MarkRead).WithSummary("Mark one inbox message as read.");
        me.MapPost("/read-all", MarkAllRead).WithSummary("Mark every inbox message as read.");
        me.MapGet("/preferences", GetPreferences).WithSummary("My channels (in-app, e-mail) per kind of notification.");
        me.MapPut("/preferences", SetPreferences).WithSummary("Choose my channels per kind of notification.");

        var outbox = app.MapGroup("/api/v1/notifications").WithTags("Notifications");
        outbox.MapGet("/outbox", GetOutbox).WithSummary("Counts by status and the latest notifications of one status, failed by default (CmeAdmin).");
        outbox.MapPost("/{id:guid}/retry", Retry).WithSummary("Send a failed notification again now (CmeAdmin).");
        return app;
    }

    internal static async Task<Ok<Inbox>> GetInbox(ISender sender, CancellationToken ct, bool unreadOnly = false, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new GetMyInbox(unreadOnly, page, pageSize), ct));

    internal static async Task<Ok<UnreadCount>> GetUnreadCount(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyUnreadCount(), ct));

    internal static async Task<NoContent> MarkRead(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new MarkNotificationRead(id), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> MarkAllRead(ISender sender, CancellationToken ct)
    {
        await sender.Send(new MarkAllNotificationsRead(), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<NotificationPreferenceView>>> GetPreferences(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyNotificationPreferences(), ct));

    internal static async Task<NoContent> SetPreferences(PreferencesRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetMyNotificationPreferences(body.Preferences ?? []), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<OutboxPage>> GetOutbox(ISender sender, CancellationToken ct, NotificationStatus status = NotificationStatus.Failed, int take = 50) =>
        TypedResults.Ok(await sender.Send(new ListOutbox(status, take), ct));

    internal static async Task<NoContent> Retry(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RetryNotification(id), ct);
        return TypedResults.NoContent();
    }
}
