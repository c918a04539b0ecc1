using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Credits;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reports;

/// <summary>Counts for one group of people: everyone, an institution, a region …</summary>
public sealed record CompletionGroup(string Key, string Label, string? LabelEn, int Headcount, int Applicable, int Met, int AtRisk, int NotMet,
    int NotApplicable, decimal MetPercent);

public sealed record CompletionReport(int Year, PolicyName Policy, bool YearIsOver, DateTimeOffset AsOf, CompletionGroup Total,
    IReadOnlyList<CompletionGroup> ByInstitution, IReadOnlyList<CompletionGroup> ByTier, IReadOnlyList<CompletionGroup> ByRegion,
    IReadOnlyList<CompletionGroup> ByProfession, IReadOnlyList<CompletionGroup> ByTitleLevel);

/// <summary>
/// Credit completion for a year against the active policy: headcount and met / at risk / not met,
/// by institution, tier, region, profession and title level. A CmeAdmin sees the consortium, an
/// InstitutionAdmin only their own institution.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetCompletionReport(int Year, StaffFilter Filter) : IQuery<CompletionReport>;

internal sealed class GetCompletionReportValidator : AbstractValidator<GetCompletionReport>
{
    public GetCompletionReportValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class GetCompletionReportHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<GetCompletionReport, CompletionReport>
{
    public async ValueTask<CompletionReport> Handle(GetCompletionReport request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var data = await CompletionStandings.EvaluateAsync(db, ReportScope.Narrow(request.Filter, user), request.Year, now, cancellationToken);
        return CompletionGroups.Report(data, now);
    }
}

internal static class CompletionGroups
{
    public static CompletionReport Report(CompletionData data, DateTimeOffset now)
    {
        var s = data.Standings;
        return new CompletionReport(data.Year, new PolicyName(data.Policy.Code, data.Policy.Name, data.Policy.NameEn), data.YearIsOver, now,
            Group("all", "全部", "All", s),
            s.GroupBy(p => p.Institution).Select(g => Group(g.Key.Id.ToString(), g.Key.Name, g.Key.NameEn, g))
                .OrderBy(g => g.MetPercent).ThenBy(g => g.Label, StringComparer.Ordinal).ToList(),
            s.GroupBy(p => p.Institution.Tier).OrderBy(g => g.Key).Select(g => Group(g.Key.ToString(), TierZh(g.Key), g.Key.ToString(), g)).ToList(),
            s.GroupBy(p => p.Institution.Region).Select(g => Group(g.Key, g.Key, null, g))
                .OrderBy(g => g.MetPercent).ThenBy(g => g.Label, StringComparer.Ordinal).ToList(),
            s.GroupBy(p => p.Person.Profession).OrderBy(g => g.Key).Select(g => Group(g.Key.ToString(), ProfessionZh(g.Key), g.Key.ToString(), g)).ToList(),
            s.GroupBy(p => p.Person.TitleLevel).OrderBy(g => g.Key).Select(g => Group(g.Key.ToString(), TitleZh(g.Key), g.Key.ToString(), g)).ToList());
    }

    public static CompletionGroup Group(string key, string label, string? labelEn, IEnumerable<PersonStanding> people)
    {
        int met = 0, atRisk = 0, notMet = 0, notApplicable = 0;
        foreach (var p in people)
        {
            switch (p.Status)
            {
                case ComplianceStatus.Met: met++; break;
                case ComplianceStatus.AtRisk: atRisk++; break;
                case ComplianceStatus.NotMet: notMet++; break;
                default: notApplicable++; break;
            }
        }
        var applicable = met + atRisk + notMet;
        return new CompletionGroup(key, label, labelEn, applicable + notApplicable, applicable, met, atRisk, notMet, notApplicable,
            Percent(met, applicable));
    }

    public static decimal Percent(int part, int whole) => whole == 0 ? 0 : Math.Round(100m * part / whole, 1, MidpointRounding.AwayFromZero);

    public static string TierZh(InstitutionTier tier) => tier switch
    {
        InstitutionTier.Tertiary => "三级医院",
        InstitutionTier.Secondary => "二级医院",
        InstitutionTier.Primary => "社区卫生服务中心",
        _ => "乡镇卫生院",
    };

    public static string ProfessionZh(Profession profession) => profession switch
    {
        Profession.GeneralPractitioner => "全科医生",
        Profession.Physician => "临床医师",
        Profession.Nurse => "护士",
        Profession.Pharmacist => "药师",
        Profession.MedicalTechnologist => "医技人员",
        Profession.PublicHealth => "公共卫生医师",
        _ => "其他",
    };

    public static string TitleZh(TitleLevel title) => title switch
    {
        TitleLevel.Junior => "初级",
        TitleLevel.Intermediate => "中级",
        TitleLevel.AssociateSenior => "副高级",
        _ => "正高级",
    };
}
