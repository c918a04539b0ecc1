using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Courses.Media;

public sealed record MediaInfo(Guid Id, string FileName, string ContentType, int Size);

public sealed record MediaContent(string FileName, string ContentType, byte[] Content, string Sha256);

/// <summary>An image for a course's pages and scenario nodes: PNG, JPEG or WebP by its bytes, at most 5 MB.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record UploadMedia(Guid CourseId, string FileName, byte[] Content) : ICommand<MediaInfo>;

internal sealed class UploadMediaHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<UploadMedia, MediaInfo>
{
    public async ValueTask<MediaInfo> Handle(UploadMedia request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        if (request.Content.Length > MediaAsset.MaxBytes)
            throw new RequestValidationException("file", "image.too-large", new { megabytes = MediaAsset.MaxBytes / 1024 / 1024 });
        if (MediaAsset.Sniff(request.Content) is null)
            throw new RequestValidationException("file", "image.type");
        var asset = new MediaAsset(course.Id, request.FileName, request.Content, user.ProfessionalId(), clock.GetUtcNow());
        db.MediaAssets.Add(asset);
        await db.SaveChangesAsync(cancellationToken);
        return new MediaInfo(asset.Id, asset.FileName, asset.ContentType, asset.Size);
    }
}

[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record ListMedia(Guid CourseId) : IQuery<IReadOnlyList<MediaInfo>>;

internal sealed class ListMediaHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ListMedia, IReadOnlyList<MediaInfo>>
{
    public async ValueTask<IReadOnlyList<MediaInfo>> Handle(ListMedia request, CancellationToken cancellationToken)
    {
        await CourseAccess.ForAuthorOrReviewerAsync(db, user, request.CourseId, cancellationToken);
        return await db.MediaAssets.AsNoTracking().Where(m => m.CourseId == request.CourseId).OrderBy(m => m.UploadedAt)
            .Select(m => new MediaInfo(m.Id, m.FileName, m.ContentType, m.Size)).ToListAsync(cancellationToken);
    }
}

/// <summary>An image's bytes, for any signed-in user (images carry no answer keys).</summary>
[Authenticated]
public sealed record GetMedia(Guid Id) : IQuery<MediaContent>;

internal sealed class GetMediaHandler(IAppDbContext db) : IRequestHandler<GetMedia, MediaContent>
{
    public async ValueTask<MediaContent> Handle(GetMedia request, CancellationToken cancellationToken) =>
        await db.MediaAssets.AsNoTracking().Where(m => m.Id == request.Id)
            .Select(m => new MediaContent(m.FileName, m.ContentType, m.Content, m.Sha256)).SingleOrDefaultAsync(cancellationToken)
        ?? throw new NotFoundException("Image", request.Id);
}
