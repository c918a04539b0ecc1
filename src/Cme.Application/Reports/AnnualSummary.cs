using Cme.Application.Common.Csv;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reports;

/// <summary>What the annual summary PDF shows: completion with its breakdowns and trend, and training delivery.</summary>
public sealed record AnnualSummaryContent(string ConsortiumName, string ScopeName, CompletionReport Completion, CompletionTrend Trend,
    TrainingDeliveryReport Delivery, DateTimeOffset PrintedAt);

/// <summary>Draws the annual summary (a port: PDFsharp in Infrastructure).</summary>
public interface IAnnualSummaryRenderer
{
    byte[] Render(AnnualSummaryContent content);
}

/// <summary>
/// The year's summary as a PDF for the consortium (or, for an InstitutionAdmin, their institution):
/// completion by institution, region, tier and profession, the monthly trend, sessions and seat-hours per GP by region.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ExportAnnualSummary(int Year, StaffFilter Filter) : IQuery<ReportFile>;

internal sealed class ExportAnnualSummaryValidator : AbstractValidator<ExportAnnualSummary>
{
    public ExportAnnualSummaryValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class ExportAnnualSummaryHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, IAnnualSummaryRenderer renderer)
    : IRequestHandler<ExportAnnualSummary, ReportFile>
{
    public async ValueTask<ReportFile> Handle(ExportAnnualSummary request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var filter = ReportScope.Narrow(request.Filter, user);
        var data = await CompletionStandings.EvaluateAsync(db, filter, request.Year, now, ct);
        var completion = CompletionGroups.Report(data, now);
        var trend = await new GetCompletionTrendHandler(db, user, clock).Handle(new GetCompletionTrend(request.Year, filter), ct);
        var delivery = await new GetTrainingDeliveryHandler(db, user, clock).Handle(new GetTrainingDelivery(request.Year, filter), ct);
        var consortium = await db.Consortia.OrderBy(c => c.Id).Select(c => c.Name).FirstOrDefaultAsync(ct) ?? "";
        var scope = filter.InstitutionId is { } id && data.Institutions.TryGetValue(id, out var own) ? own : null;
        var pdf = renderer.Render(new AnnualSummaryContent(consortium, scope?.Name ?? consortium, completion, trend, delivery, now));
        return new ReportFile(CsvDocument.FileName($"cme-annual-summary-{request.Year}-{scope?.Code ?? "consortium"}", "pdf"), ReportFile.Pdf, pdf);
    }
}
