using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// Evaluation exports (CSV). The API wants the user's bearer token, which only this server holds, so the
/// file is fetched here and passed on as the API wrote it (BOM and all).
/// </summary>
public static class EvaluationFileEndpoints
{
    public static IEndpointRouteBuilder MapEvaluationFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/evaluations/offerings/{id:guid}/csv", OfferingCsvAsync).RequireAuthorization(p => p.RequireRole(CmeRoles.CmeAdmin, CmeRoles.Trainer));
        app.MapGet("/evaluations/courses/{id:guid}/csv", CourseCsvAsync).RequireAuthorization(p => p.RequireRole(CmeRoles.CmeAdmin, CmeRoles.Trainer));
        return app;
    }

    private static async Task<IResult> OfferingCsvAsync(Guid id, HttpContext httpContext, EvaluationsApiClient evaluationsApi) =>
        ApiFileDownload.Send(httpContext, await evaluationsApi.OfferingCsvAsync(id, httpContext.RequestAborted), null, "evaluations.csv");

    private static async Task<IResult> CourseCsvAsync(Guid id, HttpContext httpContext, EvaluationsApiClient evaluationsApi) =>
        ApiFileDownload.Send(httpContext, await evaluationsApi.CourseCsvAsync(id, httpContext.RequestAborted), null, "evaluations.csv");
}
