using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Professionals;

namespace Cme.Application.Reviews;

/// <summary>The changes since the latest earlier accredited version; none to compare with leaves <c>PreviousVersionId</c> null.</summary>
public sealed record VersionChanges(Guid? PreviousVersionId, int? PreviousNumber, IReadOnlyList<ModuleChange> Modules);

/// <summary>What changed, module by module, against the course's previous accredited version: for its authors and the CME office.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record GetVersionChanges(Guid CourseId, Guid VersionId) : IQuery<VersionChanges>;

internal sealed class GetVersionChangesHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetVersionChanges, VersionChanges>
{
    public async ValueTask<VersionChanges> Handle(GetVersionChanges request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        var previous = course.Versions.Where(v => v.Number < version.Number && v.Accreditation is not null).MaxBy(v => v.Number);
        if (previous is null)
            return new VersionChanges(null, null, []);
        return new VersionChanges(previous.Id, previous.Number, VersionComparison.Compare(
            [.. previous.Modules.Select(ModuleContent.Of)], [.. version.Modules.Select(ModuleContent.Of)]));
    }
}
