using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Offerings;
using Cme.Domain.Courses;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Trainers;

internal sealed class TrainerInputValidator : AbstractValidator<TrainerInput>
{
    public TrainerInputValidator()
    {
        RuleFor(x => x.Specialties).NotEmpty();
        RuleForEach(x => x.Specialties).Must(Specialties.IsKnown).WithReason("trainer.specialties-required");
        RuleFor(x => x.Level).IsInEnum();
        RuleFor(x => x.MaxSessionsPerMonth).InclusiveBetween(1, 60);
        RuleForEach(x => x.Unavailable).Must(p => p.To > p.From).WithReason("trainer.unavailable-order");
    }
}

/// <summary>Adds a professional to the consortium trainer pool (and gives them the Trainer role).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record AddTrainer(Guid ProfessionalId, TrainerInput Trainer) : ICommand<TrainerCreated>;

internal sealed class AddTrainerValidator : AbstractValidator<AddTrainer>
{
    public AddTrainerValidator() => RuleFor(x => x.Trainer).NotNull().SetValidator(new TrainerInputValidator()).OverridePropertyName("");
}

internal sealed class AddTrainerHandler(IAppDbContext db, IIdentityService identity) : IRequestHandler<AddTrainer, TrainerCreated>
{
    public async ValueTask<TrainerCreated> Handle(AddTrainer request, CancellationToken cancellationToken) =>
        new(await Pool.AddAsync(db, identity, request.ProfessionalId, request.Trainer, cancellationToken));
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record UpdateTrainer(Guid Id, TrainerInput Trainer, bool IsActive) : ICommand<Unit>;

internal sealed class UpdateTrainerValidator : AbstractValidator<UpdateTrainer>
{
    public UpdateTrainerValidator() => RuleFor(x => x.Trainer).NotNull().SetValidator(new TrainerInputValidator()).OverridePropertyName("");
}

internal sealed class UpdateTrainerHandler(IAppDbContext db) : IRequestHandler<UpdateTrainer, Unit>
{
    public async ValueTask<Unit> Handle(UpdateTrainer request, CancellationToken cancellationToken)
    {
        var trainer = await db.Trainers.FindAsync([request.Id], cancellationToken) ?? throw new NotFoundException("Trainer", request.Id);
        trainer.Change(request.Trainer.ToDetails());
        if (request.IsActive) trainer.Activate(); else trainer.Deactivate();
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>The pool with each trainer's load by month of a year.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListTrainers(int Year) : IQuery<IReadOnlyList<TrainerView>>;

internal sealed class ListTrainersValidator : AbstractValidator<ListTrainers>
{
    public ListTrainersValidator() => RuleFor(x => x.Year).InclusiveBetween(2000, 2100);
}

internal sealed class ListTrainersHandler(IAppDbContext db) : IRequestHandler<ListTrainers, IReadOnlyList<TrainerView>>
{
    public async ValueTask<IReadOnlyList<TrainerView>> Handle(ListTrainers request, CancellationToken cancellationToken)
    {
        var trainers = await (from t in db.Trainers.AsNoTracking()
                              join p in db.Professionals on t.ProfessionalId equals p.Id
                              join i in db.Institutions on t.HomeInstitutionId equals i.Id
                              orderby p.NameLatin
                              select new { Trainer = t, p.NameZh, p.NameLatin, Institution = (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), i.Region }).ToListAsync(cancellationToken);
        // Months are counted in the consortium's time zone; a day either side of the year covers every offset.
        var windowStart = new DateTimeOffset(request.Year, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(-1);
        var windowEnd = windowStart.AddYears(1).AddDays(2);
        var sessions = await (from st in db.SessionTrainers
                              join s in db.Sessions on st.SessionId equals s.Id
                              where s.Status == SessionStatus.Scheduled && s.StartsAt >= windowStart && s.StartsAt < windowEnd
                              select new { st.TrainerId, s.StartsAt, s.TimeZone }).ToListAsync(cancellationToken);
        return [.. trainers.Select(t =>
        {
            var months = new int[12];
            foreach (var s in sessions.Where(s => s.TrainerId == t.Trainer.Id))
                if (SessionTimes.ToLocal(s.StartsAt, s.TimeZone) is var local && local.Year == request.Year)
                    months[local.Month - 1]++;
            return new TrainerView(t.Trainer.Id, t.Trainer.ProfessionalId, t.NameZh, t.NameLatin, t.Trainer.HomeInstitutionId, t.Institution, t.Region,
                t.Trainer.Specialties, t.Trainer.Level, t.Trainer.QualifiedUntil, t.Trainer.MaxSessionsPerMonth, t.Trainer.Unavailable,
                t.Trainer.IsActive, months);
        })];
    }
}

internal static class Pool
{
    public static async Task<Guid> AddAsync(IAppDbContext db, IIdentityService identity, Guid professionalId, TrainerInput input, CancellationToken ct)
    {
        var professional = await db.Professionals.AsNoTracking().SingleOrDefaultAsync(p => p.Id == professionalId, ct)
            ?? throw new RequestValidationException("professionalId", "professional.unknown");
        if (await db.Trainers.AnyAsync(t => t.ProfessionalId == professionalId, ct))
            throw new ConflictException("trainer.already-in-pool");
        var trainer = new TrainerProfile(professionalId, professional.InstitutionId, input.ToDetails());
        db.Trainers.Add(trainer);
        if (professional.UserId is { } userId)
        {
            var roles = await identity.GetRolesAsync(userId, ct);
            if (!roles.Contains(Roles.Trainer))
                await identity.SetRolesAsync(userId, [.. roles, Roles.Trainer], ct);
        }
        await db.SaveChangesAsync(ct);
        return trainer.Id;
    }
}
