using Cme.Web.Api;
using Microsoft.AspNetCore.Authorization;

namespace Cme.Web.Endpoints;

/// <summary>
/// Certificate and transcript files, and a bulk issue's progress for the page's script. The API wants
/// the user's bearer token, which only this server holds (in the auth cookie), so it passes them on.
/// </summary>
public static class CertificateFileEndpoints
{
    public static IEndpointRouteBuilder MapCertificateFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/certificates/{id:guid}/pdf", GetCertificatePdfAsync).RequireAuthorization();
        app.MapGet("/credits/transcript.pdf", GetTranscriptPdfAsync).RequireAuthorization();
        app.MapGet("/credits/transcript.csv", GetTranscriptCsvAsync).RequireAuthorization();
        app.MapGet("/admin/certificate-batches/{id:guid}/progress", GetBatchProgressAsync)
            .RequireAuthorization(new AuthorizeAttribute { Roles = CmeRoles.CmeAdmin });
        return app;
    }

    private static async Task<IResult> GetCertificatePdfAsync(Guid id, HttpContext httpContext, CertificatesApiClient certificatesApi)
    {
        var result = await certificatesApi.PdfAsync(id, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, "application/pdf", $"certificate-{id:N}.pdf");
    }

    private static async Task<IResult> GetTranscriptPdfAsync(HttpContext httpContext, CreditsApiClient creditsApi, TimeProvider clock,
        Guid? professionalId = null, int? year = null)
    {
        var thisYear = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var result = await creditsApi.TranscriptPdfAsync(professionalId, year ?? thisYear, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, "application/pdf", $"transcript-{year ?? thisYear}.pdf");
    }

    private static async Task<IResult> GetTranscriptCsvAsync(HttpContext httpContext, CreditsApiClient creditsApi, TimeProvider clock,
        Guid? professionalId = null, int? from = null, int? to = null)
    {
        var thisYear = clock.GetUtcNow().ToOffset(TimeSpan.FromHours(8)).Year;
        var result = await creditsApi.TranscriptCsvAsync(professionalId, from ?? to ?? thisYear, to ?? from ?? thisYear, httpContext.RequestAborted);
        return ApiFileDownload.Send(httpContext, result, "text/csv; charset=utf-8", "transcript.csv");
    }

    /// <summary>The few figures the progress bar needs; never cached, since it changes every second.</summary>
    private static async Task<IResult> GetBatchProgressAsync(Guid id, HttpContext httpContext, CertificatesApiClient certificatesApi)
    {
        httpContext.Response.Headers.CacheControl = "no-store";
        var result = await certificatesApi.BatchAsync(id, httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? 404 : 502);
        var batch = result.Value;
        return TypedResults.Json(new
        {
            batch.Id,
            Status = batch.Status.ToString(),
            batch.Done,
            batch.Total,
            batch.Percent,
            Active = batch.IsActive,
        }, ApiJson.Options);
    }
}
