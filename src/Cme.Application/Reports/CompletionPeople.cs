using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Security;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reports;

/// <summary>One person in the drill-down: their standing and, in words, what they are missing.</summary>
public sealed record CompletionPerson(Guid ProfessionalId, string NameZh, string NameLatin, string LicenceNumber, Guid InstitutionId,
    string InstitutionName, string Region, InstitutionTier Tier, Profession Profession, TitleLevel TitleLevel, ComplianceStatus Status,
    decimal CountedCredits, decimal RequiredCredits, decimal Hours, decimal? RequiredHours, IReadOnlyList<Shortfall> Shortfalls);

/// <summary>
/// The people behind the numbers: by default those not meeting the requirement (at risk or not met),
/// most missing credits first within each institution. Same scope rules as the report.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetCompletionPeople(int Year, StaffFilter Filter, ComplianceStatus? Status = null, int Page = 1, int PageSize = 50)
    : IQuery<PagedList<CompletionPerson>>;

internal sealed class GetCompletionPeopleValidator : AbstractValidator<GetCompletionPeople>
{
    public GetCompletionPeopleValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
        RuleFor(x => x.Status).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, PagedList<CompletionPerson>.MaxPageSize);
    }
}

internal sealed class GetCompletionPeopleHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<GetCompletionPeople, PagedList<CompletionPerson>>
{
    public async ValueTask<PagedList<CompletionPerson>> Handle(GetCompletionPeople request, CancellationToken cancellationToken)
    {
        var data = await CompletionStandings.EvaluateAsync(db, ReportScope.Narrow(request.Filter, user), request.Year, clock.GetUtcNow(), cancellationToken);
        var selected = CompletionPeople.Select(data, request.Status);
        var page = selected.Skip((request.Page - 1) * request.PageSize).Take(request.PageSize).ToList();
        return new PagedList<CompletionPerson>(await CompletionPeople.WithNamesAsync(db, data, page, cancellationToken),
            request.Page, request.PageSize, selected.Count);
    }
}

internal static class CompletionPeople
{
    /// <summary>Those with the status asked for (default: at risk or not met), ordered for reading: institution, most missing first.</summary>
    public static List<PersonStanding> Select(CompletionData data, ComplianceStatus? status) =>
        data.Standings
            .Where(p => status is { } wanted ? p.Status == wanted : p.Status is ComplianceStatus.AtRisk or ComplianceStatus.NotMet)
            .OrderBy(p => p.Institution.Name, StringComparer.Ordinal)
            .ThenByDescending(p => p.Shortfalls.FirstOrDefault(s => s.Code == "credits")?.Missing ?? 0)
            .ThenBy(p => p.Person.Id)
            .ToList();

    /// <summary>Adds names and licence numbers in one statement: by id for a page, by the report's filter for an export.</summary>
    public static async Task<List<CompletionPerson>> WithNamesAsync(IAppDbContext db, CompletionData data, IReadOnlyList<PersonStanding> people,
        CancellationToken ct)
    {
        var source = ReportScope.People(db, data.Filter).AsNoTracking();
        if (people.Count <= 1000)
        {
            var ids = people.Select(p => p.Person.Id).ToList();
            source = source.Where(p => ids.Contains(p.Id));
        }
        var names = await source.Select(p => new { p.Id, p.NameZh, p.NameLatin, p.LicenceNumber })
            .ToDictionaryAsync(p => p.Id, p => (p.NameZh, p.NameLatin, Licence: p.LicenceNumber), ct);
        var rules = data.Policy.Rules;
        return people.Select(p =>
        {
            var (zh, latin, licence) = names.GetValueOrDefault(p.Person.Id, ("", "", ""));
            var applies = p.Status != ComplianceStatus.NotApplicable;
            return new CompletionPerson(p.Person.Id, zh, latin, licence, p.Institution.Id, p.Institution.Name, p.Institution.Region,
                p.Institution.Tier, p.Person.Profession, p.Person.TitleLevel, p.Status, p.CountedCredits, applies ? rules.AnnualMinimumCredits : 0,
                p.Hours, applies ? rules.AnnualMinimumHours : null, p.Shortfalls);
        }).ToList();
    }
}
