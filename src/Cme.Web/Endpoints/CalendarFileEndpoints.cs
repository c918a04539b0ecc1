using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// A session as an iCalendar file for the signed-in person. The API wants their bearer token,
/// which only this server holds (in the auth cookie), so it passes the file on.
/// </summary>
public static class CalendarFileEndpoints
{
    public static IEndpointRouteBuilder MapCalendarFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/sessions/{id:guid}/calendar.ics", GetSessionCalendarAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetSessionCalendarAsync(Guid id, HttpContext httpContext, ScheduleApiClient scheduleApi)
    {
        var result = await scheduleApi.SessionCalendarAsync(id, httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? 404 : 502);

        var headers = httpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var fileName = string.IsNullOrWhiteSpace(result.Value.FileName) ? $"session-{id:N}.ics" : result.Value.FileName;
        return TypedResults.File(result.Value.Content, "text/calendar; charset=utf-8", fileName);
    }
}
