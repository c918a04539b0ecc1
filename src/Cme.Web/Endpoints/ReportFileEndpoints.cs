using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// Report downloads (CSV, PDF). The API wants the user's bearer token, which only this server holds,
/// so the file is fetched here and passed on as the API wrote it (BOM and all).
/// </summary>
public static class ReportFileEndpoints
{
    private static readonly string[] Exports = ["completion-summary", "completion-people", "registry", "annual-summary"];

    public static IEndpointRouteBuilder MapReportFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/reports/export/{export}", ExportAsync).RequireAuthorization(p => p.RequireRole(CmeRoles.CmeAdmin, CmeRoles.InstitutionAdmin));
        return app;
    }

    private static async Task<IResult> ExportAsync(string export, HttpContext httpContext, ReportsApiClient reportsApi, TimeProvider clock,
        int? year = null, Guid? institutionId = null, string? region = null, InstitutionTier? tier = null, Profession? profession = null,
        TitleLevel? titleLevel = null, ComplianceStatus? status = null)
    {
        if (!Exports.Contains(export))
            return TypedResults.NotFound();
        var filter = new ReportFilter(year ?? clock.GetUtcNow().Year, institutionId, region, tier, profession, titleLevel);
        var result = await reportsApi.ExportAsync(export, filter, status, httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status is 404 or 400 ? result.Problem.Status : 502);
        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(result.Value.Content, result.Value.ContentType, result.Value.FileName ?? export);
    }
}
