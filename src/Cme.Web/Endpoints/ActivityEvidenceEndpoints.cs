using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// An external activity's evidence file for its learner and the administrators who decide it. The
/// API wants the user's bearer token, which only this server holds (in the auth cookie), so it passes the file on.
/// </summary>
public static class ActivityEvidenceEndpoints
{
    public static IEndpointRouteBuilder MapActivityEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/credits/activities/{id:guid}/evidence", GetEvidenceAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetEvidenceAsync(Guid id, HttpContext httpContext, ActivitiesApiClient activitiesApi)
    {
        // Always a download: the file is the learner's, never rendered inside this site.
        var result = await activitiesApi.EvidenceAsync(id, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, null, $"evidence-{id:N}");
    }
}
