using Cme.Application.Common.Csv;
using Cme.Application.Credits;
using System.Globalization;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reports;

/// <summary>What a completion export holds: the breakdown tables, or the people with what each is missing.</summary>
public enum CompletionExportKind
{
    Summary,
    People,
}

/// <summary>
/// The completion report as CSV for a spreadsheet: <c>Summary</c> is every breakdown (one row per
/// group), <c>People</c> is everyone not meeting the requirement (or those of one status) with their
/// shortfalls. Same scope as the report: an InstitutionAdmin exports their own institution only.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ExportCompletion(int Year, StaffFilter Filter, CompletionExportKind Kind, ComplianceStatus? Status = null) : IQuery<ReportFile>;

internal sealed class ExportCompletionValidator : AbstractValidator<ExportCompletion>
{
    public ExportCompletionValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Status).IsInEnum();
    }
}

internal sealed class ExportCompletionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ExportCompletion, ReportFile>
{
    public async ValueTask<ReportFile> Handle(ExportCompletion request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var filter = ReportScope.Narrow(request.Filter, user);
        var data = await CompletionStandings.EvaluateAsync(db, filter, request.Year, now, cancellationToken);
        var scopeName = filter.InstitutionId is { } id && data.Institutions.TryGetValue(id, out var own) ? own.Code : "consortium";
        if (request.Kind == CompletionExportKind.Summary)
            return new ReportFile(CsvDocument.FileName($"completion-{request.Year}-{scopeName}", "csv"), ReportFile.Csv, Summary(CompletionGroups.Report(data, now)));
        var people = await CompletionPeople.WithNamesAsync(db, data, CompletionPeople.Select(data, request.Status), cancellationToken);
        return new ReportFile(CsvDocument.FileName($"completion-people-{request.Year}-{scopeName}", "csv"), ReportFile.Csv, People(data, people));
    }

    private static byte[] Summary(CompletionReport report)
    {
        using var csv = new CsvDocument("维度 dimension", "分组 group", "人数 headcount", "适用 applicable", "达标 met", "有风险 at_risk", "未达标 not_met",
            "不适用 not_applicable", "达标率% met_percent");
        foreach (var (dimension, groups) in new[]
                 {
                     ("total", new[] { report.Total }), ("institution", report.ByInstitution.ToArray()), ("tier", report.ByTier.ToArray()),
                     ("region", report.ByRegion.ToArray()), ("profession", report.ByProfession.ToArray()), ("title_level", report.ByTitleLevel.ToArray()),
                 })
            foreach (var g in groups)
            {
                csv.Text(dimension).Text(g.Label).Number(g.Headcount).Number(g.Applicable).Number(g.Met).Number(g.AtRisk).Number(g.NotMet)
                    .Number(g.NotApplicable).Number(g.MetPercent);
                csv.EndRow();
            }
        return csv.ToBytes();
    }

    private static byte[] People(CompletionData data, IEnumerable<CompletionPerson> people)
    {
        using var csv = new CsvDocument("年度 year", "执业证号 licence_number", "姓名 name", "拼音 name_latin", "机构 institution", "地区 region",
            "职业 profession", "职称 title_level", "状态 status", "计入学分 counted_credits", "要求学分 required_credits", "学时 hours",
            "要求学时 required_hours", "缺少 missing");
        var year = data.Year.ToString(CultureInfo.InvariantCulture);
        foreach (var p in people)
        {
            csv.Text(year).Text(p.LicenceNumber).Text(p.NameZh).Text(p.NameLatin).Text(p.InstitutionName).Text(p.Region)
                .Text(CompletionGroups.ProfessionZh(p.Profession)).Text(CompletionGroups.TitleZh(p.TitleLevel)).Text(StatusZh(p.Status))
                .Number(p.CountedCredits).Number(p.RequiredCredits).Number(p.Hours).Number(p.RequiredHours)
                .Text(ShortfallText.RenderAll(p.Shortfalls));
            csv.EndRow();
        }
        return csv.ToBytes();
    }

    public static string StatusZh(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "达标",
        ComplianceStatus.AtRisk => "有风险",
        ComplianceStatus.NotMet => "未达标",
        _ => "不适用",
    };
}
