using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Professionals;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reports;

/// <summary>
/// Which staff a report covers: the filters a user chose, narrowed to what the caller may see.
/// An InstitutionAdmin always sees their own institution only, whatever they ask for.
/// </summary>
public sealed record StaffFilter(Guid? InstitutionId = null, string? Region = null, InstitutionTier? Tier = null,
    Profession? Profession = null, TitleLevel? TitleLevel = null)
{
    public static readonly StaffFilter All = new();
}

/// <summary>One member of the staff a report covers, with what the breakdowns group by.</summary>
internal sealed record StaffMember(Guid Id, Guid InstitutionId, Profession Profession, TitleLevel TitleLevel);

/// <summary>An institution as the reports show it.</summary>
public sealed record ReportInstitution(Guid Id, string Code, string Name, string NameEn, InstitutionTier Tier, string Region);

internal static class ReportScope
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    /// <summary>
    /// The filter narrowed to the caller's institution. Asking an InstitutionAdmin's report for
    /// another institution is 404, as for any of that institution's people (StaffAccess).
    /// </summary>
    public static StaffFilter Narrow(StaffFilter filter, ICurrentUser user)
    {
        if (StaffAccess.InstitutionScope(user) is not { } own)
            return filter;
        if (filter.InstitutionId is { } asked && asked != own)
            throw new NotFoundException("Institution", asked);
        return filter with { InstitutionId = own };
    }

    /// <summary>The professionals a (narrowed) filter selects.</summary>
    public static IQueryable<Professional> People(IAppDbContext db, StaffFilter filter)
    {
        var people = db.Professionals.AsQueryable();
        if (filter.InstitutionId is { } institutionId)
            people = people.Where(p => p.InstitutionId == institutionId);
        if (filter.Profession is { } profession)
            people = people.Where(p => p.Profession == profession);
        if (filter.TitleLevel is { } title)
            people = people.Where(p => p.TitleLevel == title);
        if (filter.Region is { Length: > 0 } region)
            people = people.Where(p => db.Institutions.Any(i => i.Id == p.InstitutionId && i.Region == region));
        if (filter.Tier is { } tier)
            people = people.Where(p => db.Institutions.Any(i => i.Id == p.InstitutionId && i.Tier == tier));
        return people;
    }

    /// <summary>The institutions a (narrowed) filter selects.</summary>
    public static IQueryable<Institution> Institutions(IAppDbContext db, StaffFilter filter)
    {
        var institutions = db.Institutions.AsQueryable();
        if (filter.InstitutionId is { } institutionId)
            institutions = institutions.Where(i => i.Id == institutionId);
        if (filter.Region is { Length: > 0 } region)
            institutions = institutions.Where(i => i.Region == region);
        if (filter.Tier is { } tier)
            institutions = institutions.Where(i => i.Tier == tier);
        return institutions;
    }

    public static bool IsEmpty(StaffFilter filter) => filter == StaffFilter.All;

    public static IRuleBuilderOptions<T, StaffFilter> ValidFilter<T>(this IRuleBuilder<T, StaffFilter> rule) =>
        rule.NotNull().Must(f => f.Tier is null || Enum.IsDefined(f.Tier.Value)).WithReason("institution.tier-unknown")
            .Must(f => f.Profession is null || Enum.IsDefined(f.Profession.Value)).WithReason("professional.profession-unknown")
            .Must(f => f.TitleLevel is null || Enum.IsDefined(f.TitleLevel.Value)).WithReason("professional.title-unknown")
            .Must(f => f.Region is null || f.Region.Length <= Institution.RegionMaxLength).WithReason("value.too-long", new { field = "region", max = Institution.RegionMaxLength });
}
