using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reviews;

public sealed record ReviewItem(
    Guid CourseId, Guid VersionId, string Code, string TitleZh, string TitleEn, int VersionNumber,
    CourseVersionStatus Status, DateTimeOffset? SubmittedAt, string OwnerName);

/// <summary>What waits for the CME office: versions submitted for accreditation, and accredited ones to publish.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListReviewQueue : IQuery<IReadOnlyList<ReviewItem>>;

internal sealed class ListReviewQueueHandler(IAppDbContext db) : IRequestHandler<ListReviewQueue, IReadOnlyList<ReviewItem>>
{
    public async ValueTask<IReadOnlyList<ReviewItem>> Handle(ListReviewQueue request, CancellationToken cancellationToken)
    {
        var waiting = await (from v in db.CourseVersions.AsNoTracking()
                             join c in db.Courses on v.CourseId equals c.Id
                             join p in db.Professionals on c.OwnerId equals p.Id
                             where v.Status == CourseVersionStatus.Submitted || v.Status == CourseVersionStatus.Accredited
                             select new { Version = v, c.Code, c.TitleZh, c.TitleEn, p.NameZh })
                            .ToListAsync(cancellationToken);
        return waiting
            .Select(w => new ReviewItem(w.Version.CourseId, w.Version.Id, w.Code, w.TitleZh, w.TitleEn, w.Version.Number, w.Version.Status,
                w.Version.Transitions.LastOrDefault(t => t.To == CourseVersionStatus.Submitted)?.At, w.NameZh))
            .OrderBy(w => w.SubmittedAt)
            .ToList();
    }
}
