using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Security;
using Cme.Application.Professionals;
using Cme.Domain.Certificates;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

/// <summary>One certificate: its owner, a CmeAdmin, or the owner's InstitutionAdmin (anyone else 404).</summary>
[Authenticated]
public sealed record GetCertificate(Guid Id) : IQuery<CertificateView>;

internal sealed class GetCertificateHandler(IAppDbContext db, ICurrentUser user, ICertificateLinks links) : IRequestHandler<GetCertificate, CertificateView>
{
    public async ValueTask<CertificateView> Handle(GetCertificate request, CancellationToken cancellationToken)
    {
        var learnerId = await db.Certificates.Where(c => c.Id == request.Id).Select(c => (Guid?)c.LearnerId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Certificate", request.Id);
        await CertificateAccess.EnsureMaySeeAsync(db, user, learnerId, cancellationToken);
        return await CertificateAccess.ViewAsync(db, request.Id, links, cancellationToken);
    }
}

public sealed record CertificateSearchRow(
    Guid Id, string Number, Guid LearnerId, string LearnerNameZh, string LearnerNameLatin, string InstitutionName, Guid OfferingId, string OfferingTitle,
    string CourseTitleZh, string CourseTitleEn, decimal Credits, string CreditClass, DateTimeOffset IssuedAt, CertificateStatus Status,
    DateTimeOffset? RevokedAt, DateTimeOffset? SupersededAt, string VerificationUrl);

/// <summary>
/// Every certificate matching a number, a holder's name (Chinese or Latin) or an offering's or course's title, newest first,
/// a page at a time: a CmeAdmin over the whole consortium, an InstitutionAdmin over their own institution's staff.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record SearchCertificates(string? Search, int Page = 1, int PageSize = 20) : IQuery<PagedList<CertificateSearchRow>>;

internal sealed class SearchCertificatesValidator : AbstractValidator<SearchCertificates>
{
    public SearchCertificatesValidator()
    {
        RuleFor(x => x.Search).MaximumLength(100);
        RuleFor(x => x.Page).GreaterThanOrEqualTo(1);
        RuleFor(x => x.PageSize).InclusiveBetween(1, PagedList<CertificateSearchRow>.MaxPageSize);
    }
}

internal sealed class SearchCertificatesHandler(IAppDbContext db, ICurrentUser user, ICertificateLinks links)
    : IRequestHandler<SearchCertificates, PagedList<CertificateSearchRow>>
{
    public async ValueTask<PagedList<CertificateSearchRow>> Handle(SearchCertificates request, CancellationToken cancellationToken)
    {
        var rows = from c in db.Certificates.AsNoTracking()
                   join p in StaffAccess.Visible(db.Professionals, user) on c.LearnerId equals p.Id
                   join i in db.Institutions on p.InstitutionId equals i.Id
                   join o in db.Offerings on c.OfferingId equals o.Id
                   select new { c, o.Title, Institution = ReaderLanguage.IsEnglish ? i.NameEn : i.Name };
        if (!string.IsNullOrWhiteSpace(request.Search))
        {
            var pattern = $"%{Like.Escape(request.Search.Trim().ToLowerInvariant())}%";
            rows = rows.Where(r => EF.Functions.Like(r.c.Number.ToLower(), pattern) || EF.Functions.Like(r.c.LearnerNameZh.ToLower(), pattern)
                || EF.Functions.Like(r.c.LearnerNameLatin.ToLower(), pattern) || EF.Functions.Like(r.Title.ToLower(), pattern)
                || EF.Functions.Like(r.c.CourseTitleZh.ToLower(), pattern) || EF.Functions.Like(r.c.CourseTitleEn.ToLower(), pattern));
        }
        var page = await PagedList<CertificateSearchRow>.CreateAsync(
            rows.OrderByDescending(r => r.c.IssuedAt).ThenBy(r => r.c.Number).Select(r => new CertificateSearchRow(
                r.c.Id, r.c.Number, r.c.LearnerId, r.c.LearnerNameZh, r.c.LearnerNameLatin, r.Institution, r.c.OfferingId, r.Title, r.c.CourseTitleZh,
                r.c.CourseTitleEn, r.c.Credits, r.c.CreditClass, r.c.IssuedAt, r.c.Status, r.c.RevokedAt, r.c.SupersededAt, r.c.VerificationCode)),
            request.Page, request.PageSize, cancellationToken);
        return page with { Items = [.. page.Items.Select(r => r with { VerificationUrl = links.VerificationUrl(r.VerificationUrl) })] };
    }
}
