using Cme.Web.Api;
using Cme.Web.Attendance;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Endpoints;

/// <summary>
/// The trainer's session page polls this for the code of the current period (the API changes it
/// every 30 s): the QR code as SVG, the link it encodes and the 8-digit number (grouped), as JSON.
/// </summary>
public static class CheckInCodeEndpoints
{
    public static IEndpointRouteBuilder MapCheckInCodeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/teaching/sessions/{id:guid}/check-in-code", GetCodeAsync)
            .RequireAuthorization(policy => policy.RequireRole(CmeRoles.Trainer, CmeRoles.CmeAdmin));
        return app;
    }

    private static async Task<IResult> GetCodeAsync(Guid id, HttpContext httpContext, AttendanceApiClient attendanceApi, CheckInQrCode qr,
        IStringLocalizer<SharedResource> localizer)
    {
        var result = await attendanceApi.CodeAsync(id, httpContext.RequestAborted);
        httpContext.Response.Headers.CacheControl = "no-store";
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? 404 : 502);
        var display = qr.Display(httpContext.Request, result.Value, localizer["CheckIn.QrLabel"]);
        return TypedResults.Json(new
        {
            url = display.Url,
            svg = display.Svg,
            number = display.Number,
            validUntil = display.ValidUntil,
            periodSeconds = display.PeriodSeconds,
            now = display.Now,
        });
    }
}
