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
        return ApiFileDownload.Send(httpContext, result, "text/calendar; charset=utf-8", $"session-{id:N}.ics");
    }
}
