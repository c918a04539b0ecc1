using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reviews;

/// <summary>A comment on the version (no module), on a module, or on one node of a module's case.</summary>
public sealed record ReviewCommentInput(Guid? ModuleId, string Text, string? NodeId = null);

/// <summary>Sends a submitted version back to its authors with comments, per module or general.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RequestChanges(Guid CourseId, Guid VersionId, IReadOnlyList<ReviewCommentInput> Comments) : ICommand<Unit>;

internal sealed class RequestChangesValidator : AbstractValidator<RequestChanges>
{
    public RequestChangesValidator()
    {
        RuleFor(x => x.Comments).NotEmpty().WithReason("review.comments-required");
        RuleForEach(x => x.Comments).ChildRules(c =>
        {
            c.RuleFor(x => x.Text).NotEmpty().MaximumLength(4000);
            c.RuleFor(x => x.NodeId).MaximumLength(100);
        });
    }
}

internal sealed class RequestChangesHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RequestChanges, Unit>
{
    public async ValueTask<Unit> Handle(RequestChanges request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForReviewerAsync(db, request.CourseId, cancellationToken);
        course.VersionOrNotFound(request.VersionId);
        var version = course.VersionOrNotFound(request.VersionId);
        course.RequestChanges(request.VersionId, user.ProfessionalId(), clock.GetUtcNow(),
            [.. request.Comments.Select(c => (c.ModuleId, c.NodeId, c.Text))]);
        await db.SaveChangesAsync(cancellationToken);
        await Notifications.Notices.VersionChangesRequestedAsync(db, course, version, user.ProfessionalId(), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The CME office confirms credit class, value, project level and accreditation number.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record AccreditVersion(Guid CourseId, Guid VersionId, string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string AccreditationNumber)
    : ICommand<Unit>;

internal sealed class AccreditVersionValidator : AbstractValidator<AccreditVersion>
{
    public AccreditVersionValidator()
    {
        RuleFor(x => x.CreditClass).Must(c => CreditClasses.All.Contains(c)).WithReason("credit-class.unknown", new { classes = CreditClasses.All });
        RuleFor(x => x.CreditValue).Must(Course.IsValidCreditValue).WithReason("credit-value.invalid", new { max = Course.MaxCreditValue });
        RuleFor(x => x.ProjectLevel).IsInEnum();
        RuleFor(x => x.AccreditationNumber).NotEmpty().MaximumLength(Course.AccreditationNumberMaxLength);
    }
}

internal sealed class AccreditVersionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<AccreditVersion, Unit>
{
    public async ValueTask<Unit> Handle(AccreditVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForReviewerAsync(db, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        course.Accredit(request.VersionId, user.ProfessionalId(), clock.GetUtcNow(), request.CreditClass, request.CreditValue,
            request.ProjectLevel, request.AccreditationNumber);
        await db.SaveChangesAsync(cancellationToken);
        await Notifications.Notices.VersionAccreditedAsync(db, course, version, user.ProfessionalId(), cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Opens an accredited version to learners; the version it replaces is retired.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record PublishVersion(Guid CourseId, Guid VersionId) : ICommand<Unit>;

internal sealed class PublishVersionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<PublishVersion, Unit>
{
    public async ValueTask<Unit> Handle(PublishVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForReviewerAsync(db, request.CourseId, cancellationToken);
        course.VersionOrNotFound(request.VersionId);
        course.Publish(request.VersionId, user.ProfessionalId(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Closes a version to new learners; those who started it keep it.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RetireVersion(Guid CourseId, Guid VersionId, string? Reason) : ICommand<Unit>;

internal sealed class RetireVersionValidator : AbstractValidator<RetireVersion>
{
    public RetireVersionValidator() => RuleFor(x => x.Reason).MaximumLength(1000);
}

internal sealed class RetireVersionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RetireVersion, Unit>
{
    public async ValueTask<Unit> Handle(RetireVersion request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForReviewerAsync(db, request.CourseId, cancellationToken);
        course.VersionOrNotFound(request.VersionId);
        course.Retire(request.VersionId, user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
