using Cme.Application.Calendars;
using Cme.Application.Common.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Private iCalendar feeds: a secret link per person, revocable, readable by any calendar app.</summary>
public static class CalendarEndpoints
{
    public sealed record FeedLink(string Url, DateTimeOffset CreatedAt);

    public static IEndpointRouteBuilder MapCalendarEndpoints(this IEndpointRouteBuilder app)
    {
        var mine = app.MapGroup("/api/v1/me/calendar-feed").WithTags("Calendars");
        mine.MapGet("/", Status).WithSummary("Whether I have a feed link, and since when (the secret itself is shown only when created).");
        mine.MapPost("/", Create).WithSummary("Create my feed link (revoking any earlier one); the answer holds the secret URL.");
        mine.MapDelete("/", Revoke).WithSummary("Revoke my feed link.");
        app.MapGet("/api/v1/calendar/{token}.ics", Feed).WithTags("Calendars").WithSummary("A feed (no sign-in: the token is the key).");
        return app;
    }

    internal static async Task<Ok<CalendarFeedStatus>> Status(ISender sender, CancellationToken ct) => TypedResults.Ok(await sender.Send(new GetMyCalendarFeed(), ct));

    /// <summary>
    /// The link names the web front end's public address (<c>Cme:PublicBaseUrl</c>), which passes the feed on:
    /// a phone's calendar app can reach the public site, not necessarily this API. Without that setting, the API's own address.
    /// </summary>
    internal static async Task<Ok<FeedLink>> Create(HttpRequest request, IConfiguration configuration, ISender sender, CancellationToken ct)
    {
        var feed = await sender.Send(new CreateCalendarFeed(), ct);
        var publicBase = configuration["Cme:PublicBaseUrl"];
        var url = string.IsNullOrWhiteSpace(publicBase)
            ? $"{request.Scheme}://{request.Host}/api/v1/calendar/{feed.Token}.ics"
            : $"{publicBase.TrimEnd('/')}/calendar/{feed.Token}.ics";
        return TypedResults.Ok(new FeedLink(url, feed.CreatedAt));
    }

    internal static async Task<NoContent> Revoke(ISender sender, CancellationToken ct)
    {
        await sender.Send(new RevokeCalendarFeed(), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<FileContentHttpResult> Feed(string token, HttpContext http, ISender sender, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "private, no-store";
        return TypedResults.File(System.Text.Encoding.UTF8.GetBytes(await sender.Send(new GetCalendarByToken(token), ct)), "text/calendar; charset=utf-8");
    }
}
