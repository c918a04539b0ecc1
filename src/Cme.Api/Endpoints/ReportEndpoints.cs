using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Reports;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Cme.Api.Endpoints;

/// <summary>
/// Reports for consortium and institution administrators: credit completion, training delivery,
/// course effectiveness and exports. An InstitutionAdmin always gets their own institution's figures
/// (asking for another institution is 404).
/// </summary>
public static class ReportEndpoints
{
    /// <summary>The filters every report takes from the query string.</summary>
    public sealed class ReportQuery
    {
        /// <summary>The calendar year; this year when left out.</summary>
        [FromQuery(Name = "year")] public int? Year { get; init; }
        [FromQuery(Name = "institutionId")] public Guid? InstitutionId { get; init; }
        [FromQuery(Name = "region")] public string? Region { get; init; }
        [FromQuery(Name = "tier")] public InstitutionTier? Tier { get; init; }
        [FromQuery(Name = "profession")] public Profession? Profession { get; init; }
        [FromQuery(Name = "titleLevel")] public TitleLevel? TitleLevel { get; init; }

        internal StaffFilter Filter => new(InstitutionId, string.IsNullOrWhiteSpace(Region) ? null : Region.Trim(), Tier, Profession, TitleLevel);

        internal int YearOr(TimeProvider clock) => Year ?? clock.GetUtcNow().Year;
    }

    public static IEndpointRouteBuilder MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        var reports = app.MapGroup("/api/v1/reports").WithTags("Reports");
        reports.MapGet("/completion", Completion)
            .WithSummary("Credit completion for a year against the active policy, by institution, tier, region, profession and title level.");
        reports.MapGet("/completion/trend", Trend).WithSummary("Cumulative share meeting the requirement at the end of each month of the year.");
        reports.MapGet("/completion/people", People)
            .WithSummary("The people behind the numbers: by default those at risk or not met, with what each is missing.");
        reports.MapGet("/completion/export", ExportCompletion)
            .WithSummary("CSV (UTF-8 with BOM): kind=Summary (every breakdown) or People (the drill-down, all pages).")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        reports.MapGet("/registry-export", ExportRegistry)
            .WithSummary("CSV for the provincial CME registry: per professional, credits of the year by class and source.")
            .Produces(StatusCodes.Status200OK, typeof(string), "text/csv");
        reports.MapGet("/annual-summary", AnnualSummary)
            .WithSummary("The year's summary as a PDF: completion by institution, region, tier and profession, the trend, seat-hours per GP.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), "application/pdf");
        reports.MapGet("/delivery", Delivery)
            .WithSummary("Sessions and teaching hours per institution and region, seat-hours per GP by region, trainer load, trainer shortage by specialty.");
        reports.MapGet("/effectiveness", Effectiveness).WithSummary("Pre/post-test gains per course.");
        reports.MapGet("/effectiveness/courses/{courseId:guid}/scenarios", Scenarios)
            .WithSummary("Per decision node of a course's scenarios the share choosing each option, and the most frequent critical errors.");
        return app;
    }

    internal static async Task<Ok<CompletionReport>> Completion([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCompletionReport(query.YearOr(clock), query.Filter), ct));

    internal static async Task<Ok<CompletionTrend>> Trend([AsParameters] ReportQuery query, ISender sender, TimeProvider clock, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCompletionTrend(query.YearOr(clock), query.Filter), ct));

    internal static async Task<Ok<PagedList<CompletionPerson>>> People([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct, ComplianceStatus? status = null, int page = 1, int pageSize = 50) =>
        TypedResults.Ok(await sender.Send(new GetCompletionPeople(query.YearOr(clock), query.Filter, status, page, pageSize), ct));

    internal static async Task<FileContentHttpResult> ExportCompletion([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct, CompletionExportKind kind = CompletionExportKind.Summary, ComplianceStatus? status = null) =>
        File(await sender.Send(new Application.Reports.ExportCompletion(query.YearOr(clock), query.Filter, kind, status), ct));

    internal static async Task<FileContentHttpResult> ExportRegistry([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        File(await sender.Send(new ExportRegistryCredits(query.YearOr(clock), query.Filter), ct));

    internal static async Task<FileContentHttpResult> AnnualSummary([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        File(await sender.Send(new ExportAnnualSummary(query.YearOr(clock), query.Filter), ct));

    internal static async Task<Ok<TrainingDeliveryReport>> Delivery([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetTrainingDelivery(query.YearOr(clock), query.Filter), ct));

    internal static async Task<Ok<CourseEffectivenessReport>> Effectiveness([AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetCourseEffectiveness(query.YearOr(clock), query.Filter), ct));

    internal static async Task<Ok<ScenarioInsights>> Scenarios(Guid courseId, [AsParameters] ReportQuery query, ISender sender, TimeProvider clock,
        CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetScenarioInsights(courseId, query.YearOr(clock), query.Filter), ct));

    private static FileContentHttpResult File(ReportFile file) => TypedResults.File(file.Content, file.ContentType, file.FileName);
}
