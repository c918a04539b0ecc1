using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Professionals;

/// <summary>Staff list with search and paging; an InstitutionAdmin sees only their own institution.</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ListProfessionals(string? Search, Guid? InstitutionId, int Page = 1, int PageSize = 20)
    : IQuery<PagedList<ProfessionalSummary>>;

internal sealed class ListProfessionalsValidator : AbstractValidator<ListProfessionals>
{
    public ListProfessionalsValidator()
    {
        RuleFor(x => x.Search).MaximumLength(100);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, PagedList<ProfessionalSummary>.MaxPageSize);
    }
}

internal sealed class ListProfessionalsHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity)
    : IRequestHandler<ListProfessionals, PagedList<ProfessionalSummary>>
{
    public async ValueTask<PagedList<ProfessionalSummary>> Handle(ListProfessionals request, CancellationToken cancellationToken)
    {
        var query = StaffAccess.Visible(db.Professionals.AsNoTracking(), user);
        if (request.InstitutionId is { } institutionId)
            query = query.Where(p => p.InstitutionId == institutionId);
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = $"%{Like.Escape(request.Search.Trim().ToLowerInvariant())}%";
            query = query.Where(p => EF.Functions.Like(p.NameZh.ToLower(), pattern) || EF.Functions.Like(p.NameLatin.ToLower(), pattern)
                || EF.Functions.Like(p.LicenceNumber.ToLower(), pattern) || EF.Functions.Like(p.Email.ToLower(), pattern));
        }

        var rows = from p in query
                   join i in db.Institutions on p.InstitutionId equals i.Id
                   orderby i.Code, p.NameLatin, p.Id
                   select new Row(p.Id, p.NameZh, p.NameLatin, p.Profession, p.TitleLevel, p.LicenceNumber, p.InstitutionId, (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), p.Email, p.UserId);
        var page = await PagedList<Row>.CreateAsync(rows, request.Page, request.PageSize, cancellationToken);

        var roles = await identity.GetRolesAsync(page.Items.Select(r => r.UserId).OfType<Guid>().ToList(), cancellationToken);
        var summaries = page.Items.Select(r => new ProfessionalSummary(
                r.Id, r.NameZh, r.NameLatin, r.Profession, r.TitleLevel, r.LicenceNumber, r.InstitutionId, r.InstitutionName, r.Email,
                r.UserId is { } id && roles.TryGetValue(id, out var found) ? found : []))
            .ToList();
        return new PagedList<ProfessionalSummary>(summaries, page.Page, page.PageSize, page.TotalCount);
    }

    private sealed record Row(
        Guid Id, string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel, string LicenceNumber,
        Guid InstitutionId, string InstitutionName, string Email, Guid? UserId);
}
