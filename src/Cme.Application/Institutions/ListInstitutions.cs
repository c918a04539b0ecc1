using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Security;
using Cme.Domain.Institutions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Institutions;

/// <summary>Institutions of the consortium, searchable by code, name or region. Names are not secret: any signed-in user may list them.</summary>
[Authenticated]
public sealed record ListInstitutions(string? Search, InstitutionTier? Tier, int Page = 1, int PageSize = 20)
    : IQuery<PagedList<InstitutionSummary>>;

internal sealed class ListInstitutionsValidator : AbstractValidator<ListInstitutions>
{
    public ListInstitutionsValidator()
    {
        RuleFor(x => x.Search).MaximumLength(100);
        RuleFor(x => x.Tier).IsInEnum();
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, PagedList<InstitutionSummary>.MaxPageSize);
    }
}

internal sealed class ListInstitutionsHandler(IAppDbContext db) : IRequestHandler<ListInstitutions, PagedList<InstitutionSummary>>
{
    public async ValueTask<PagedList<InstitutionSummary>> Handle(ListInstitutions request, CancellationToken cancellationToken)
    {
        var query = db.Institutions.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = $"%{Like.Escape(request.Search.Trim().ToLowerInvariant())}%";
            query = query.Where(i => EF.Functions.Like(i.Name.ToLower(), pattern) || EF.Functions.Like(i.NameEn.ToLower(), pattern)
                || EF.Functions.Like(i.Code.ToLower(), pattern) || EF.Functions.Like(i.Region.ToLower(), pattern));
        }
        if (request.Tier is { } tier)
            query = query.Where(i => i.Tier == tier);

        var rows = query
            // Tiers are stored as text; order them by rank, lead hospital first.
            .OrderBy(i => i.Tier == InstitutionTier.Tertiary ? 0 : i.Tier == InstitutionTier.Secondary ? 1 : i.Tier == InstitutionTier.Primary ? 2 : 3)
            .ThenBy(i => i.Code)
            .Select(i => new InstitutionSummary(
                i.Id, i.Code, i.Name, i.NameEn, i.Tier, i.Region,
                db.Professionals.Count(p => p.InstitutionId == i.Id)));
        return await PagedList<InstitutionSummary>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);
    }
}
