using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Notifications;
using Cme.Application.Professionals;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Cme.Domain.Trainers;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Offerings;

/// <summary>The learner enrols; when the offering is full they join the waitlist (if it has one).</summary>
[Authenticated]
public sealed record Enrol(Guid OfferingId) : ICommand<MyEnrolment>;

internal sealed class EnrolHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<Enrol, MyEnrolment>
{
    public async ValueTask<MyEnrolment> Handle(Enrol request, CancellationToken cancellationToken) =>
        await Seats.EnrolAsync(db, locks, request.OfferingId, user.ProfessionalId(), user.ProfessionalId(), clock.GetUtcNow(), checkWindowAndAudience: true, cancellationToken);
}

/// <summary>An administrator enrols someone on their behalf (outside the window if need be, but never over capacity).</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record EnrolOnBehalf(Guid OfferingId, Guid ProfessionalId) : ICommand<MyEnrolment>;

internal sealed class EnrolOnBehalfHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<EnrolOnBehalf, MyEnrolment>
{
    public async ValueTask<MyEnrolment> Handle(EnrolOnBehalf request, CancellationToken cancellationToken)
    {
        if (!await StaffAccess.Visible(db.Professionals, user).AnyAsync(p => p.Id == request.ProfessionalId, cancellationToken))
            throw new NotFoundException("Professional", request.ProfessionalId);
        return await Seats.EnrolAsync(db, locks, request.OfferingId, request.ProfessionalId, user.ProfessionalId(), clock.GetUtcNow(),
            checkWindowAndAudience: false, cancellationToken);
    }
}

/// <summary>
/// Gives up a seat or a waitlist place (the learner, a CmeAdmin, or the learner's InstitutionAdmin); a freed seat goes to the
/// first person waiting, in the same transaction.
/// </summary>
[Authenticated]
public sealed record CancelEnrolment(Guid EnrolmentId, string? Reason) : ICommand<Unit>;

internal sealed class CancelEnrolmentValidator : AbstractValidator<CancelEnrolment>
{
    public CancelEnrolmentValidator() => RuleFor(x => x.Reason).MaximumLength(500);
}

internal sealed class CancelEnrolmentHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<CancelEnrolment, Unit>
{
    public async ValueTask<Unit> Handle(CancelEnrolment request, CancellationToken cancellationToken)
    {
        var offeringId = await db.Enrolments.Where(e => e.Id == request.EnrolmentId).Select(e => (Guid?)e.OfferingId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException("Enrolment", request.EnrolmentId);
        await locks.LockAsync(offeringId, cancellationToken);
        var enrolment = await db.Enrolments.SingleAsync(e => e.Id == request.EnrolmentId, cancellationToken);
        // The learner, a CmeAdmin, or the learner's own institution's administrator (who may enrol them too).
        if (enrolment.LearnerId != user.ProfessionalId && !user.IsInRole(Roles.CmeAdmin)
            && !(user.IsInRole(Roles.InstitutionAdmin) && await StaffAccess.Visible(db.Professionals, user).AnyAsync(p => p.Id == enrolment.LearnerId, cancellationToken)))
            throw new NotFoundException("Enrolment", request.EnrolmentId);
        var freesSeat = enrolment.Status == EnrolmentStatus.Enrolled;
        var now = clock.GetUtcNow();
        enrolment.Cancel(user.ProfessionalId(), now, request.Reason);
        await Notices.EnrolmentAsync(db, enrolment, NotificationKind.EnrolmentCancelled, cancellationToken, reason: request.Reason,
            byAdministrator: enrolment.LearnerId != user.ProfessionalId, wasWaitlisted: !freesSeat);
        if (freesSeat)
        {
            var first = await db.Enrolments.Where(e => e.OfferingId == offeringId && e.Status == EnrolmentStatus.Waitlisted)
                .OrderBy(e => e.Arrival).FirstOrDefaultAsync(cancellationToken);
            if (first is not null)
            {
                first.Promote(user.ProfessionalId(), now);
                await Notices.EnrolmentAsync(db, first, NotificationKind.WaitlistPromoted, cancellationToken);
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>
/// Records that a learner completed the offering. Completing a train-the-trainer offering makes them
/// a candidate for the trainer pool.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record CompleteEnrolment(Guid EnrolmentId, string? Note) : ICommand<Unit>;

internal sealed class CompleteEnrolmentHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock,
    ILogger<CompleteEnrolmentHandler> logger) : IRequestHandler<CompleteEnrolment, Unit>
{
    public async ValueTask<Unit> Handle(CompleteEnrolment request, CancellationToken cancellationToken)
    {
        // Completion triggers for one enrolment are decided one at a time: the first completes and awards, the rest find it done.
        await locks.LockAsync(request.EnrolmentId, cancellationToken);
        var enrolment = await db.Enrolments.SingleOrDefaultAsync(e => e.Id == request.EnrolmentId, cancellationToken)
            ?? throw new NotFoundException("Enrolment", request.EnrolmentId);
        SeparationOfDuties.EnsureNotSelf(user, enrolment.LearnerId, nameof(CompleteEnrolment), logger);
        var now = clock.GetUtcNow();
        enrolment.Complete(user.ProfessionalId(), now, request.Note);
        var offering = await db.Offerings.AsNoTracking().SingleAsync(o => o.Id == enrolment.OfferingId, cancellationToken);
        await CompletionAward.GrantAsync(db, enrolment, offering, user.ProfessionalId(), now, cancellationToken);
        await Cme.Application.Trainers.Candidacy.NoteAsync(db, enrolment.LearnerId, offering, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

/// <summary>Completing an offering earns its accredited credits, once: the ledger's award key is unique per learner and offering.</summary>
internal static class CompletionAward
{
    public static async Task GrantAsync(IAppDbContext db, Enrolment enrolment, Offering offering, Guid by, DateTimeOffset now, CancellationToken ct)
    {
        var accreditation = await db.CourseVersions.AsNoTracking().Where(v => v.Id == offering.VersionId).Select(v => v.Accreditation).SingleAsync(ct)
            ?? throw new ConflictException("credit.no-accreditation");
        var minutes = (await db.Sessions.Where(s => s.OfferingId == offering.Id && s.Status == SessionStatus.Scheduled)
            .Select(s => new { s.StartsAt, s.EndsAt }).ToListAsync(ct)).Sum(s => (s.EndsAt - s.StartsAt).TotalMinutes);
        var year = SessionTimes.ToLocal(now, offering.TimeZone).Year;
        var key = Attendance.Completion.AwardKey(enrolment.LearnerId, offering.Id);
        if (await db.CreditLedger.AnyAsync(e => e.AwardKey == key, ct))
            return;
        var award = db.CreditLedger.Add(Domain.Credits.CreditLedgerEntry.Award(enrolment.LearnerId, accreditation.CreditValue,
            Math.Round((decimal)minutes / 60m, 2), accreditation.CreditClass, accreditation.ProjectLevel, Domain.Credits.CreditSource.Completion, year,
            offering.Id, null, key, by, $"完成「{offering.Title}」 ({accreditation.AccreditationNumber})", now)).Entity;
        // The certificate is drawn in the background; queuing it here means no completion is ever left without one.
        db.PendingCertificates.Add(new Domain.Certificates.PendingCertificate(award.Id, now));
        await Notices.CreditsAwardedAsync(db, award, offering, ct);
    }
}

internal static class Seats
{
    public static async Task<MyEnrolment> EnrolAsync(
        IAppDbContext db, IOfferingLock locks, Guid offeringId, Guid learnerId, Guid by, DateTimeOffset now, bool checkWindowAndAudience, CancellationToken ct)
    {
        // Everyone enrolling in this offering queues here, so seats are counted one at a time.
        await locks.LockAsync(offeringId, ct);
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == offeringId, ct)
            ?? throw new NotFoundException("Offering", offeringId);
        if (checkWindowAndAudience)
        {
            if (!offering.IsEnrolmentOpen(now))
                throw new ConflictException(now < offering.EnrolmentOpensAt ? "enrolment.not-open" : "enrolment.closed",
                    new { opensAt = offering.EnrolmentOpensAt.UtcDateTime, closesAt = offering.EnrolmentClosesAt.UtcDateTime });
            var learner = await (from p in db.Professionals
                                 join i in db.Institutions on p.InstitutionId equals i.Id
                                 where p.Id == learnerId
                                 select new { p.InstitutionId, i.Region, p.Profession }).SingleAsync(ct);
            if (!offering.Audience.Admits(learner.InstitutionId, learner.Region, learner.Profession))
                throw new ForbiddenException("enrolment.audience");
        }
        if (await db.Enrolments.AnyAsync(e => e.OfferingId == offeringId && e.LearnerId == learnerId && e.Status != EnrolmentStatus.Cancelled, ct))
            throw new ConflictException("enrolment.already");
        var taken = await db.Enrolments.CountAsync(e => e.OfferingId == offeringId
            && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed), ct);
        var seatFree = taken < offering.Capacity;
        if (!seatFree && !offering.WaitlistEnabled)
            throw new ConflictException("enrolment.full");
        var enrolment = new Enrolment(offeringId, learnerId, seatFree, by, now, by == learnerId ? null : "Enrolled by an administrator");
        db.Enrolments.Add(enrolment);
        await db.SaveChangesAsync(ct);
        var position = seatFree ? (int?)null : await PositionAsync(db, enrolment, ct);
        await Notices.EnrolmentAsync(db, enrolment, seatFree ? NotificationKind.EnrolmentConfirmed : NotificationKind.WaitlistJoined, ct,
            position: position, byAdministrator: by != learnerId);
        return new MyEnrolment(enrolment.Id, enrolment.Status, position);
    }

    public static async Task<int> PositionAsync(IAppDbContext db, Enrolment enrolment, CancellationToken ct) =>
        1 + await db.Enrolments.CountAsync(e => e.OfferingId == enrolment.OfferingId && e.Status == EnrolmentStatus.Waitlisted && e.Arrival < enrolment.Arrival, ct);
}
