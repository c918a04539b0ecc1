using Cme.Application.Certificates;
using Cme.Application.Common.Messaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Certificates: issue, download, revoke, re-issue, bulk issue with progress, public verification; annual transcript PDF.</summary>
public static class CertificateEndpoints
{
    public const string VerificationRateLimit = "public-verification";

    public sealed record IssueRequest(Guid? LearnerId);

    public sealed record ReasonRequest(string Reason);

    public static IEndpointRouteBuilder MapCertificateEndpoints(this IEndpointRouteBuilder app)
    {
        var certificates = app.MapGroup("/api/v1/certificates").WithTags("Certificates");
        certificates.MapGet("", List).WithSummary("Certificates: mine by default; a learner's (learnerId); an offering's (offeringId, CmeAdmin).");
        certificates.MapGet("/search", Search)
            .WithSummary("Search every certificate by number, holder's name or offering/course title, newest first, paged (CmeAdmin; InstitutionAdmin: own staff's).");
        certificates.MapGet("/{id:guid}", Get).WithSummary("One certificate (its holder; CmeAdmin; the holder's InstitutionAdmin).");
        certificates.MapGet("/{id:guid}/pdf", Pdf).Produces(200, contentType: "application/pdf").WithSummary("The PDF exactly as issued.");
        certificates.MapPost("/{id:guid}/revoke", Revoke).WithSummary("Revoke with a reason (CmeAdmin); verification shows it at once.");
        certificates.MapPost("/{id:guid}/reissue", Reissue).WithSummary("Re-issue with a reason (CmeAdmin): a new certificate supersedes this one.");
        certificates.MapGet("/verify/{code}", Verify).AllowAnonymous().RequireRateLimiting(VerificationRateLimit)
            .WithSummary("Public verification by the code on the certificate: valid, revoked or superseded. No sign-in; rate-limited per client.");
        app.MapPost("/api/v1/offerings/{id:guid}/certificate", Issue).WithTags("Certificates")
            .WithSummary("The certificate of a completed offering, issued on first request (own; or learnerId for admins).");
        app.MapPost("/api/v1/offerings/{id:guid}/certificate-batches", StartBatch).WithTags("Certificates")
            .WithSummary("Issue every missing certificate of the offering in the background (CmeAdmin).");
        app.MapGet("/api/v1/offerings/{id:guid}/certificate-batches", Batches).WithTags("Certificates");
        app.MapGet("/api/v1/certificate-batches/{id:guid}", Batch).WithTags("Certificates").WithSummary("A batch's progress: done, total, percent.");
        app.MapPost("/api/v1/certificate-batches/{id:guid}/retry", RetryBatch).WithTags("Certificates");
        app.MapGet("/api/v1/credits/transcript.pdf", TranscriptPdf).WithTags("Credits").Produces(200, contentType: "application/pdf")
            .WithSummary("The annual transcript as a PDF: credits by class and source against the policy (same access as the transcript).");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<CertificateView>>> List(ISender sender, CancellationToken ct, Guid? learnerId = null, Guid? offeringId = null) =>
        TypedResults.Ok(await sender.Send(new ListCertificates(learnerId, offeringId), ct));

    internal static async Task<Ok<Application.Common.Models.PagedList<CertificateSearchRow>>> Search(ISender sender, CancellationToken ct,
        string? search = null, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new SearchCertificates(search, page, pageSize), ct));

    internal static async Task<Ok<CertificateView>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCertificate(id), ct));

    internal static async Task<FileContentHttpResult> Pdf(Guid id, ISender sender, CancellationToken ct)
    {
        var file = await sender.Send(new GetCertificatePdf(id), ct);
        return TypedResults.File(file.Content, "application/pdf", file.FileName);
    }

    internal static async Task<Ok<CertificateView>> Issue(Guid id, IssueRequest? body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new IssueCertificate(id, body?.LearnerId), ct));

    internal static async Task<Ok<CertificateView>> Revoke(Guid id, ReasonRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevokeCertificate(id, body.Reason ?? ""), ct));

    internal static async Task<Ok<CertificateView>> Reissue(Guid id, ReasonRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ReissueCertificate(id, body.Reason ?? ""), ct));

    internal static async Task<Ok<CertificateVerification>> Verify(string code, HttpContext http, ISender sender, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await sender.Send(new VerifyCertificate(code), ct));
    }

    internal static async Task<Ok<CertificateBatchView>> StartBatch(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new StartCertificateBatch(id), ct));

    internal static async Task<Ok<IReadOnlyList<CertificateBatchView>>> Batches(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCertificateBatches(id), ct));

    internal static async Task<Ok<CertificateBatchView>> Batch(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCertificateBatch(id), ct));

    internal static async Task<Ok<CertificateBatchView>> RetryBatch(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RetryCertificateBatch(id), ct));

    internal static async Task<FileContentHttpResult> TranscriptPdf(ISender sender, TimeProvider clock, CancellationToken ct,
        Guid? professionalId = null, int? year = null)
    {
        var file = await sender.Send(new GetAnnualTranscriptPdf(professionalId, year ?? clock.GetUtcNow().Year), ct);
        return TypedResults.File(file.Content, "application/pdf", file.FileName);
    }
}
