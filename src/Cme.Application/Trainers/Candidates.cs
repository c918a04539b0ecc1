using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Trainers;

/// <summary>
/// The CME office's trainer queue: people who completed a train-the-trainer offering and people who applied,
/// pending first, then the decided ones.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListCandidates : IQuery<IReadOnlyList<CandidateView>>;

internal sealed class ListCandidatesHandler(IAppDbContext db) : IRequestHandler<ListCandidates, IReadOnlyList<CandidateView>>
{
    public async ValueTask<IReadOnlyList<CandidateView>> Handle(ListCandidates request, CancellationToken cancellationToken) =>
        await (from c in db.TrainerCandidates.AsNoTracking()
               join p in db.Professionals on c.ProfessionalId equals p.Id
               join i in db.Institutions on p.InstitutionId equals i.Id
               join o in db.Offerings on c.OfferingId equals o.Id into offerings
               from o in offerings.DefaultIfEmpty()
               orderby c.Status, c.CreatedAt
               select new CandidateView(c.Id, p.Id, p.NameZh, p.NameLatin, (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), c.OfferingId,
                   o == null ? null : o.Title, c.Status, c.CreatedAt, c.Specialty, c.YearsOfExperience, c.Statement, c.EvidenceUrl,
                   c.EvidenceFileName, c.DecidedAt, c.Note)).ToListAsync(cancellationToken);
}

/// <summary>Approves a candidate into the trainer pool with their qualification.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ApproveCandidate(Guid CandidateId, TrainerInput Trainer) : ICommand<TrainerCreated>;

internal sealed class ApproveCandidateValidator : AbstractValidator<ApproveCandidate>
{
    public ApproveCandidateValidator() => RuleFor(x => x.Trainer).NotNull().SetValidator(new TrainerInputValidator()).OverridePropertyName("");
}

internal sealed class ApproveCandidateHandler(IAppDbContext db, IIdentityService identity, ICurrentUser user, TimeProvider clock,
    ILogger<ApproveCandidateHandler> logger) : IRequestHandler<ApproveCandidate, TrainerCreated>
{
    public async ValueTask<TrainerCreated> Handle(ApproveCandidate request, CancellationToken cancellationToken)
    {
        var candidate = await db.TrainerCandidates.FindAsync([request.CandidateId], cancellationToken)
            ?? throw new NotFoundException("Candidate", request.CandidateId);
        SeparationOfDuties.EnsureNotSelf(user, candidate.ProfessionalId, nameof(ApproveCandidate), logger);
        candidate.Approve(user.ProfessionalId(), clock.GetUtcNow());
        await TrainerNotices.DecidedAsync(db, candidate, cancellationToken);
        return new TrainerCreated(await Pool.AddAsync(db, identity, candidate.ProfessionalId, request.Trainer, cancellationToken));
    }
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RejectCandidate(Guid CandidateId, string Reason) : ICommand<Unit>;

internal sealed class RejectCandidateValidator : AbstractValidator<RejectCandidate>
{
    public RejectCandidateValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class RejectCandidateHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ILogger<RejectCandidateHandler> logger)
    : IRequestHandler<RejectCandidate, Unit>
{
    public async ValueTask<Unit> Handle(RejectCandidate request, CancellationToken cancellationToken)
    {
        var candidate = await db.TrainerCandidates.FindAsync([request.CandidateId], cancellationToken)
            ?? throw new NotFoundException("Candidate", request.CandidateId);
        SeparationOfDuties.EnsureNotSelf(user, candidate.ProfessionalId, nameof(RejectCandidate), logger);
        candidate.Reject(user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        await TrainerNotices.DecidedAsync(db, candidate, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Completing a train-the-trainer offering puts the learner in the CME office's queue (once per offering) and tells them.</summary>
internal static class Candidacy
{
    public static async Task NoteAsync(IAppDbContext db, Guid learnerId, Domain.Offerings.Offering offering, DateTimeOffset now, CancellationToken ct)
    {
        if (!offering.QualifiesTrainers
            || await db.Trainers.AnyAsync(t => t.ProfessionalId == learnerId, ct)
            || await db.TrainerCandidates.AnyAsync(c => c.ProfessionalId == learnerId && c.OfferingId == offering.Id, ct))
            return;
        var candidate = new TrainerCandidate(learnerId, offering.Id, now);
        db.TrainerCandidates.Add(candidate);
        await TrainerNotices.CandidacyAsync(db, candidate, offering, ct);
    }
}
