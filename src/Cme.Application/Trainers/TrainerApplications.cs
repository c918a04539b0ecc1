using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Trainers;

/// <summary>
/// Any professional applies to join the trainer pool: specialty, years of experience, a short statement and
/// evidence (a PDF, JPEG or PNG file, a link, or both). One open application per person; the CME office decides.
/// </summary>
[Authenticated]
public sealed record ApplyToTeach(string Specialty, int YearsOfExperience, string Statement, string? EvidenceUrl, string? EvidenceFileName,
    byte[]? Evidence) : ICommand<TrainerApplicationSubmitted>;

public sealed record TrainerApplicationSubmitted(Guid Id);

internal sealed class ApplyToTeachValidator : AbstractValidator<ApplyToTeach>
{
    public ApplyToTeachValidator()
    {
        RuleFor(x => x.Specialty).Must(Specialties.IsKnown).WithReason("trainer.specialties-required");
        RuleFor(x => x.YearsOfExperience).InclusiveBetween(0, 60);
        RuleFor(x => x.Statement).NotEmpty().MaximumLength(TrainerCandidate.MaxStatement);
        RuleFor(x => x.EvidenceUrl).MaximumLength(TrainerCandidate.MaxEvidenceUrl)
            .Must(u => string.IsNullOrWhiteSpace(u) || (Uri.TryCreate(u.Trim(), UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)))
            .WithReason("trainer-application.evidence-url");
        RuleFor(x => x.Evidence).Must(e => e is null || e.Length <= ExternalActivity.MaxEvidenceBytes).WithReason("activity.evidence-size")
            .Must(e => e is not { Length: > 0 } || ExternalActivity.SniffEvidence(e) is not null).WithReason("activity.evidence-type")
            .OverridePropertyName("file");
        RuleFor(x => x).Must(x => !string.IsNullOrWhiteSpace(x.EvidenceUrl) || x.Evidence is { Length: > 0 })
            .WithReason("trainer-application.evidence-required").OverridePropertyName("evidence");
    }
}

internal sealed class ApplyToTeachHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ApplyToTeach, TrainerApplicationSubmitted>
{
    public async ValueTask<TrainerApplicationSubmitted> Handle(ApplyToTeach r, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        if (await db.Trainers.AnyAsync(t => t.ProfessionalId == me, cancellationToken))
            throw new ConflictException("trainer.already-in-pool");
        if (await db.TrainerCandidates.AnyAsync(c => c.ProfessionalId == me && c.Status == CandidateStatus.Pending, cancellationToken))
            throw new ConflictException("trainer-application.open");
        var application = TrainerCandidate.Apply(me,
            new TrainerApplication(r.Specialty, r.YearsOfExperience, r.Statement, r.EvidenceUrl, r.EvidenceFileName, r.Evidence), clock.GetUtcNow());
        db.TrainerCandidates.Add(application);
        await db.SaveChangesAsync(cancellationToken);
        return new TrainerApplicationSubmitted(application.Id);
    }
}

/// <summary>Where I stand on the way to teaching: in the pool or not, and my applications and candidacies, newest first.</summary>
[Authenticated]
public sealed record GetMyTrainerPathway : IQuery<MyTrainerPathway>;

public sealed record MyTrainerPathway(bool IsTrainer, IReadOnlyList<MyTrainerRequest> Requests);

/// <summary>An application (no offering) or a candidacy from a train-the-trainer offering, with its state and the reason if declined.</summary>
public sealed record MyTrainerRequest(Guid Id, Guid? OfferingId, string? OfferingTitle, string? Specialty, int? YearsOfExperience, string? Statement,
    string? EvidenceUrl, string? EvidenceFileName, CandidateStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? DecidedAt, string? Reason);

internal sealed class GetMyTrainerPathwayHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyTrainerPathway, MyTrainerPathway>
{
    public async ValueTask<MyTrainerPathway> Handle(GetMyTrainerPathway request, CancellationToken cancellationToken)
    {
        if (user.ProfessionalId is not { } me)
            return new MyTrainerPathway(false, []);
        var isTrainer = await db.Trainers.AnyAsync(t => t.ProfessionalId == me && t.IsActive, cancellationToken);
        var requests = await (from c in db.TrainerCandidates.AsNoTracking()
                              join o in db.Offerings on c.OfferingId equals o.Id into offerings
                              from o in offerings.DefaultIfEmpty()
                              where c.ProfessionalId == me
                              orderby c.CreatedAt descending
                              select new MyTrainerRequest(c.Id, c.OfferingId, o == null ? null : o.Title, c.Specialty, c.YearsOfExperience, c.Statement,
                                  c.EvidenceUrl, c.EvidenceFileName, c.Status, c.CreatedAt, c.DecidedAt, c.Note)).ToListAsync(cancellationToken);
        return new MyTrainerPathway(isTrainer, requests);
    }
}

/// <summary>The applicant takes their pending application back; anyone else's is not found.</summary>
[Authenticated]
public sealed record WithdrawTrainerApplication(Guid Id) : ICommand<Unit>;

internal sealed class WithdrawTrainerApplicationHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<WithdrawTrainerApplication, Unit>
{
    public async ValueTask<Unit> Handle(WithdrawTrainerApplication request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var application = await db.TrainerCandidates.SingleOrDefaultAsync(c => c.Id == request.Id && c.ProfessionalId == me && c.OfferingId == null, cancellationToken)
            ?? throw new NotFoundException("TrainerApplication", request.Id);
        application.Withdraw(clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>An application's evidence file, for its applicant and the CME office.</summary>
[Authenticated]
public sealed record GetTrainerApplicationEvidence(Guid Id) : IQuery<TrainerEvidenceFile>;

public sealed record TrainerEvidenceFile(string FileName, string ContentType, byte[] Content);

internal sealed class GetTrainerApplicationEvidenceHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetTrainerApplicationEvidence, TrainerEvidenceFile>
{
    public async ValueTask<TrainerEvidenceFile> Handle(GetTrainerApplicationEvidence request, CancellationToken cancellationToken)
    {
        var file = await db.TrainerCandidates.AsNoTracking().Where(c => c.Id == request.Id && c.Evidence != null)
            .Select(c => new { c.ProfessionalId, c.EvidenceFileName, c.EvidenceContentType, c.Evidence }).SingleOrDefaultAsync(cancellationToken);
        if (file is null || (file.ProfessionalId != user.ProfessionalId && !user.IsInRole(Roles.CmeAdmin)))
            throw new NotFoundException("TrainerApplicationEvidence", request.Id);
        return new TrainerEvidenceFile(file.EvidenceFileName!, file.EvidenceContentType!, file.Evidence!);
    }
}
