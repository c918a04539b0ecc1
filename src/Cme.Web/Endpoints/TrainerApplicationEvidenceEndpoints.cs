using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>A trainer application's evidence file for its applicant and the CME office, passed on from the API (which wants the bearer token).</summary>
public static class TrainerApplicationEvidenceEndpoints
{
    public static IEndpointRouteBuilder MapTrainerApplicationEvidenceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/become-trainer/{id:guid}/evidence", GetEvidenceAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetEvidenceAsync(Guid id, HttpContext httpContext, TrainersApiClient trainersApi)
    {
        // Always a download: the file is the applicant's, never rendered inside this site.
        var result = await trainersApi.ApplicationEvidenceAsync(id, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, null, $"evidence-{id:N}");
    }
}
