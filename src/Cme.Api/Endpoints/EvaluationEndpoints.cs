using Cme.Application.Common.Messaging;
using Cme.Application.Evaluations;
using Cme.Application.Reports;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>
/// Learners' evaluations read back, per offering and per course: the CME office with names, an
/// offering's trainers anonymously (see <c>EvaluationAccess</c>); CSV exports of the answers.
/// </summary>
public static class EvaluationEndpoints
{
    public static IEndpointRouteBuilder MapEvaluationEndpoints(this IEndpointRouteBuilder app)
    {
        var offerings = app.MapGroup("/api/v1/offerings/{id:guid}").WithTags("Evaluations");
        offerings.MapGet("/evaluations", ForOffering)
            .WithSummary("The offering's evaluations: per rating question the answers, the distribution of scores 1–5 and the mean; the comments newest first (CmeAdmin with names; the offering's trainers anonymously).");
        offerings.MapGet("/evaluations.csv", ExportOffering)
            .WithSummary("The offering's evaluations as CSV (UTF-8 with BOM), one row per answer; headings in the request's language.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        var courses = app.MapGroup("/api/v1/courses/{id:guid}").WithTags("Evaluations");
        courses.MapGet("/evaluations", ForCourse)
            .WithSummary("The evaluations of every offering of the course (a trainer: the offerings they teach), summarised as for one offering.");
        courses.MapGet("/evaluations.csv", ExportCourse)
            .WithSummary("The course's evaluations as CSV (UTF-8 with BOM), one row per answer.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        return app;
    }

    internal static async Task<Ok<EvaluationSummary>> ForOffering(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetOfferingEvaluations(id), ct));

    internal static async Task<Ok<EvaluationSummary>> ForCourse(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCourseEvaluations(id), ct));

    internal static async Task<FileContentHttpResult> ExportOffering(Guid id, ISender sender, CancellationToken ct) =>
        File(await sender.Send(new ExportOfferingEvaluations(id), ct));

    internal static async Task<FileContentHttpResult> ExportCourse(Guid id, ISender sender, CancellationToken ct) =>
        File(await sender.Send(new ExportCourseEvaluations(id), ct));

    private static FileContentHttpResult File(ReportFile file) => TypedResults.File(file.Content, file.ContentType, file.FileName);
}
