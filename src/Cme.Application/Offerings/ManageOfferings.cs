using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Offerings;

/// <summary>A new run of a published course.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record CreateOffering(Guid CourseId, OfferingInput Offering) : ICommand<OfferingCreated>;

internal sealed class OfferingInputValidator : AbstractValidator<OfferingInput>
{
    public OfferingInputValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(Offering.TitleMaxLength);
        RuleFor(x => x.Modality).IsInEnum();
        RuleFor(x => x.HostInstitutionId).NotEmpty();
        RuleFor(x => x.Capacity).InclusiveBetween(1, 10_000);
        RuleFor(x => x.EnrolmentClosesAt).GreaterThan(x => x.EnrolmentOpensAt).WithReason("offering.enrolment-window");
        RuleFor(x => x.MinAttendancePercent).InclusiveBetween(0, 100);
        RuleFor(x => x.PostTestPassPercent).InclusiveBetween(0, 100);
        RuleForEach(x => x.AudienceRegions).NotEmpty().MaximumLength(100);
        RuleForEach(x => x.AudienceProfessions).IsInEnum();
    }
}

internal sealed class CreateOfferingValidator : AbstractValidator<CreateOffering>
{
    public CreateOfferingValidator() => RuleFor(x => x.Offering).NotNull().SetValidator(new OfferingInputValidator()).OverridePropertyName("");
}

internal sealed class CreateOfferingHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<CreateOffering, OfferingCreated>
{
    public async ValueTask<OfferingCreated> Handle(CreateOffering request, CancellationToken cancellationToken)
    {
        var version = await db.CourseVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.CourseId == request.CourseId && v.Status == CourseVersionStatus.Published, cancellationToken)
            ?? throw new RequestValidationException("courseId", "offering.course-not-published");
        await OfferingChecks.InstitutionsExistAsync(db, request.Offering, cancellationToken);
        await OfferingChecks.RuleFitsVersionAsync(db, request.Offering, version.Id, cancellationToken);
        var offering = new Offering(request.CourseId, version.Id, request.Offering.ToDetails(), user.ProfessionalId(), clock.GetUtcNow());
        db.Offerings.Add(offering);
        await db.SaveChangesAsync(cancellationToken);
        return new OfferingCreated(offering.Id);
    }
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record UpdateOffering(Guid Id, OfferingInput Offering) : ICommand<Unit>;

internal sealed class UpdateOfferingValidator : AbstractValidator<UpdateOffering>
{
    public UpdateOfferingValidator() => RuleFor(x => x.Offering).NotNull().SetValidator(new OfferingInputValidator()).OverridePropertyName("");
}

internal sealed class UpdateOfferingHandler(IAppDbContext db) : IRequestHandler<UpdateOffering, Unit>
{
    public async ValueTask<Unit> Handle(UpdateOffering request, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Offering", request.Id);
        await OfferingChecks.InstitutionsExistAsync(db, request.Offering, cancellationToken);
        await OfferingChecks.RuleFitsVersionAsync(db, request.Offering, offering.VersionId, cancellationToken);
        var enrolled = await db.Enrolments.CountAsync(e => e.OfferingId == offering.Id && e.Status == EnrolmentStatus.Enrolled, cancellationToken);
        if (request.Offering.Capacity < enrolled)
            throw new RequestValidationException("capacity", "offering.capacity-below-enrolled", new { enrolled });
        offering.Change(request.Offering.ToDetails());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class OfferingChecks
{
    public static async Task InstitutionsExistAsync(IAppDbContext db, OfferingInput input, CancellationToken ct)
    {
        var ids = (input.AudienceInstitutionIds ?? []).Append(input.HostInstitutionId).Distinct().ToList();
        if (await db.Institutions.CountAsync(i => ids.Contains(i.Id), ct) != ids.Count)
            throw new RequestValidationException("hostInstitutionId", "institution.unknown");
    }

    /// <summary>The field the post-test pass mark is refused on, as the API's input names it.</summary>
    public const string PostTestField = "postTestPassPercent";

    /// <summary>A rule can ask for a post-test pass mark only when the offered version has a post-test quiz.</summary>
    public static async Task RuleFitsVersionAsync(IAppDbContext db, OfferingInput input, Guid versionId, CancellationToken ct)
    {
        if (input.PostTestPassPercent is null)
            return;
        var quizzes = await db.CourseModules.AsNoTracking().Where(m => m.VersionId == versionId && m.Kind == ModuleKind.Quiz)
            .Select(m => m.Quiz).ToListAsync(ct);
        if (!quizzes.Any(q => q!.Purpose == Domain.Courses.Quizzes.QuizPurpose.PostTest))
            throw new RequestValidationException(PostTestField, "offering.post-test-missing");
    }
}
