using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Courses;

/// <summary>Start editing a published course again: a new draft copied from the latest version.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record StartNewVersion(Guid CourseId) : ICommand<VersionCreated>;

internal sealed class StartNewVersionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<StartNewVersion, VersionCreated>
{
    public async ValueTask<VersionCreated> Handle(StartNewVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var draft = course.StartNewVersion(user.ProfessionalId(), clock.GetUtcNow());
        db.CourseVersions.Add(draft);
        db.CourseModules.AddRange(draft.Modules);
        await db.SaveChangesAsync(cancellationToken);
        return new VersionCreated(draft.Id);
    }
}

/// <summary>The authors' disclosure of conflicts of interest; required before submitting, shown to learners.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record DiscloseConflicts(Guid CourseId, Guid VersionId, string Text) : ICommand<Unit>;

internal sealed class DiscloseConflictsValidator : AbstractValidator<DiscloseConflicts>
{
    public DiscloseConflictsValidator() => RuleFor(x => x.Text).NotEmpty().MaximumLength(CourseVersion.DisclosureMaxLength);
}

internal sealed class DiscloseConflictsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<DiscloseConflicts, Unit>
{
    public async ValueTask<Unit> Handle(DiscloseConflicts request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        course.VersionOrNotFound(request.VersionId).Disclose(request.Text);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Hand the version to the CME office. Refused, with every problem listed, while anything is incomplete.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record SubmitVersion(Guid CourseId, Guid VersionId) : ICommand<Unit>;

internal sealed class SubmitVersionHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity, TimeProvider clock)
    : IRequestHandler<SubmitVersion, Unit>
{
    public async ValueTask<Unit> Handle(SubmitVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        course.Submit(request.VersionId, user.ProfessionalId(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await Notifications.Notices.VersionSubmittedAsync(db, identity, course, version, user.ProfessionalId(), cancellationToken);
        return Unit.Value;
    }
}
