using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// A session as an iCalendar file for the signed-in person. The API wants their bearer token,
/// which only this server holds (in the auth cookie), so it passes the file on. And a person's
/// private feed at this server's public address (<c>/calendar/{token}.ics</c>, what the schedule page's
/// link and QR code name), passed on from the API for calendar apps that can reach only this site.
/// </summary>
public static class CalendarFileEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sessions/{id:guid}/calendar.ics", GetSessionCalendarAsync).RequireAuthorization();
        app.MapGet("/calendar/{token}.ics", GetFeedAsync).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> GetFeedAsync(string token, HttpContext httpContext, CalendarFeedClient feeds)
    {
        var result = await feeds.FeedAsync(token, httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status502BadGateway);
        var headers = httpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        // Inline, not an attachment: calendar apps subscribe to it rather than download it.
        return TypedResults.File(result.Value.Content, "text/calendar; charset=utf-8");
    }

    private static async Task<IResult> GetSessionCalendarAsync(Guid id, HttpContext httpContext, ScheduleApiClient scheduleApi)
    {
        var result = await scheduleApi.SessionCalendarAsync(id, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, "text/calendar; charset=utf-8", $"session-{id:N}.ics");
    }
}
