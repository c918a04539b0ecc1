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

namespace Cme.Application.Trainers;

/// <summary>People who completed a train-the-trainer offering and wait for a decision.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListCandidates : IQuery<IReadOnlyList<CandidateView>>;

internal sealed class ListCandidatesHandler(IAppDbContext db) : IRequestHandler<ListCandidates, IReadOnlyList<CandidateView>>
{
    public async Task<IReadOnlyList<CandidateView>> Handle(ListCandidates request, CancellationToken cancellationToken) =>
        await (from c in db.TrainerCandidates.AsNoTracking()
               join p in db.Professionals on c.ProfessionalId equals p.Id
               join i in db.Institutions on p.InstitutionId equals i.Id
               join o in db.Offerings on c.OfferingId equals o.Id
               orderby c.Status, c.CreatedAt
               select new CandidateView(c.Id, p.Id, p.NameZh, p.NameLatin, (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), o.Id, o.Title, c.Status, c.CreatedAt)).ToListAsync(cancellationToken);
}

/// <summary>Approves a candidate into the trainer pool with their qualification.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ApproveCandidate(Guid CandidateId, TrainerInput Trainer) : ICommand<TrainerCreated>;

internal sealed class ApproveCandidateValidator : AbstractValidator<ApproveCandidate>
{
    public ApproveCandidateValidator() => RuleFor(x => x.Trainer).NotNull().SetValidator(new TrainerInputValidator()).OverridePropertyName("");
}

internal sealed class ApproveCandidateHandler(IAppDbContext db, IIdentityService identity, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ApproveCandidate, TrainerCreated>
{
    public async Task<TrainerCreated> Handle(ApproveCandidate request, CancellationToken cancellationToken)
    {
        var candidate = await db.TrainerCandidates.FindAsync([request.CandidateId], cancellationToken)
            ?? throw new NotFoundException("Candidate", request.CandidateId);
        candidate.Approve(user.ProfessionalId(), clock.GetUtcNow());
        return new TrainerCreated(await Pool.AddAsync(db, identity, candidate.ProfessionalId, request.Trainer, cancellationToken));
    }
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RejectCandidate(Guid CandidateId, string Reason) : ICommand<Unit>;

internal sealed class RejectCandidateValidator : AbstractValidator<RejectCandidate>
{
    public RejectCandidateValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class RejectCandidateHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<RejectCandidate, Unit>
{
    public async Task<Unit> Handle(RejectCandidate request, CancellationToken cancellationToken)
    {
        var candidate = await db.TrainerCandidates.FindAsync([request.CandidateId], cancellationToken)
            ?? throw new NotFoundException("Candidate", request.CandidateId);
        candidate.Reject(user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
