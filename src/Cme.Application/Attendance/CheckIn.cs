using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Attendance;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Attendance;

public sealed record CheckInResult(Guid SessionId, Guid OfferingId, AttendanceStatus Status, DateTimeOffset CheckedInAt, bool AlreadyCheckedIn);

/// <summary>My own check-in for a session: when (null before I check in) and the status it gave me.</summary>
public sealed record MyCheckIn(Guid SessionId, Guid OfferingId, DateTimeOffset? CheckedInAt, AttendanceStatus? Status);

public sealed record CurrentCode(Guid SessionId, string Token, string Number, DateTimeOffset ValidUntil, int PeriodSeconds);

/// <summary>
/// A learner checks in with the session's rotating code (the QR token or the 8-digit number, spaces allowed).
/// Only enrolled learners, only from 30 minutes before the start to the end; checking in twice is harmless.
/// </summary>
[Authenticated]
public sealed record CheckIn(Guid SessionId, string Code) : ICommand<CheckInResult>;

internal sealed class CheckInValidator : AbstractValidator<CheckIn>
{
    public CheckInValidator() => RuleFor(x => x.Code).NotEmpty().MaximumLength(64);
}

internal sealed class CheckInHandler(IAppDbContext db, ICurrentUser user, ICheckInKey key, ICheckInAttempts attempts, IOfferingLock locks, TimeProvider clock)
    : IRequestHandler<CheckIn, CheckInResult>
{
    public async ValueTask<CheckInResult> Handle(CheckIn request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var now = clock.GetUtcNow();
        // One round trip for the session and whether I hold a seat: a burst of a whole class checking in is the hot path.
        var session = await db.Sessions.AsNoTracking().Where(s => s.Id == request.SessionId)
            .Select(s => new { s.Id, s.OfferingId, s.Status, s.StartsAt, s.EndsAt, Enrolled = db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.LearnerId == me
                && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)) })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Session", request.SessionId);
        if (session.Status == SessionStatus.Cancelled)
            throw new ConflictException("session.cancelled");
        // Wrong codes are limited per learner and session (docs/operations.md, "Check-in codes"): each try counts
        // as wrong until it proves right, so parallel guesses get no more than the allowance either.
        var attempt = await attempts.BeginAsync(session.Id, me, now, cancellationToken);
        if (attempt.Wait is { } wait)
            throw new TooManyAttemptsException("checkin.too-many-attempts", wait, new { minutes = (int)Math.Ceiling(wait.TotalMinutes) });
        var source = CheckInCode.Verify(key.Key, session.Id, request.Code, now)
            ?? throw new RequestValidationException("code", "checkin.code-invalid");
        await attempts.RightAsync(attempt, cancellationToken);
        if (!session.Enrolled)
            throw new ForbiddenException("checkin.not-enrolled");

        await locks.LockAsync(Attendances.LockKey(session.Id, me), cancellationToken);
        var record = await Attendances.GetOrAddAsync(db, session.Id, me, cancellationToken);
        var first = record.CheckIn(session.StartsAt, session.EndsAt, now, source, me);
        // No completion re-evaluation here: a check-in happens before its session ends, and a rule that counts
        // attendance waits for every session to end, so a check-in alone can never complete an offering.
        return new CheckInResult(session.Id, session.OfferingId, record.Status, record.CheckedInAt!.Value, !first);
    }
}

/// <summary>
/// The caller's own check-in for a session, so that the page a QR code reopens says "checked in at 09:02"
/// instead of asking for a code again. Only ever the caller's record; a session they hold no seat in is 404.
/// </summary>
[Authenticated]
public sealed record GetMyCheckIn(Guid SessionId) : IQuery<MyCheckIn>;

internal sealed class GetMyCheckInHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetMyCheckIn, MyCheckIn>
{
    public async ValueTask<MyCheckIn> Handle(GetMyCheckIn request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        var mine = await db.Sessions.AsNoTracking().Where(s => s.Id == request.SessionId)
            .Select(s => new
            {
                s.OfferingId,
                Enrolled = db.Enrolments.Any(e => e.OfferingId == s.OfferingId && e.LearnerId == me
                    && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)),
                Record = db.Attendance.Where(a => a.SessionId == s.Id && a.LearnerId == me)
                    .Select(a => new { a.CheckedInAt, a.Status }).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (mine is null || !mine.Enrolled)
            throw new NotFoundException("Session", request.SessionId);
        return mine.Record is { CheckedInAt: { } at } record
            ? new MyCheckIn(request.SessionId, mine.OfferingId, at, record.Status)
            : new MyCheckIn(request.SessionId, mine.OfferingId, null, null);
    }
}

/// <summary>The code to show now (the trainer's session page refreshes it every 30 seconds).</summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record GetCheckInCode(Guid SessionId) : IQuery<CurrentCode>;

internal sealed class GetCheckInCodeHandler(IAppDbContext db, ICurrentUser user, ICheckInKey key, TimeProvider clock) : IRequestHandler<GetCheckInCode, CurrentCode>
{
    public async ValueTask<CurrentCode> Handle(GetCheckInCode request, CancellationToken cancellationToken)
    {
        await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        var now = clock.GetUtcNow();
        var period = CheckInCode.Period(now);
        return new CurrentCode(request.SessionId, CheckInCode.Token(key.Key, request.SessionId, period), CheckInCode.Number(key.Key, request.SessionId, period),
            DateTimeOffset.FromUnixTimeSeconds((period + 1) * CheckInCode.PeriodSeconds), CheckInCode.PeriodSeconds);
    }
}

internal static class Attendances
{
    public static Guid LockKey(Guid sessionId, Guid learnerId)
    {
        var a = sessionId.ToByteArray();
        var b = learnerId.ToByteArray();
        for (var i = 0; i < 16; i++)
            a[i] ^= b[i];
        return new Guid(a);
    }

    /// <summary>Attendance is taken for people holding a seat (enrolled, or already completed).</summary>
    public static Task<bool> IsEnrolledAsync(IAppDbContext db, Guid offeringId, Guid learnerId, CancellationToken ct) =>
        db.Enrolments.AnyAsync(e => e.OfferingId == offeringId && e.LearnerId == learnerId
            && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed), ct);

    public static async Task<AttendanceRecord> GetOrAddAsync(IAppDbContext db, Guid sessionId, Guid learnerId, CancellationToken ct)
    {
        var record = await db.Attendance.SingleOrDefaultAsync(a => a.SessionId == sessionId && a.LearnerId == learnerId, ct);
        if (record is null)
        {
            record = new AttendanceRecord(sessionId, learnerId);
            db.Attendance.Add(record);
        }
        return record;
    }

    /// <summary>The trainers of a session and the CME office take its attendance; others get 404.</summary>
    public static async Task<Session> EnsureTeachesAsync(IAppDbContext db, ICurrentUser user, Guid sessionId, CancellationToken ct)
    {
        var session = await db.Sessions.AsNoTracking().Include(s => s.Trainers).SingleOrDefaultAsync(s => s.Id == sessionId, ct)
            ?? throw new NotFoundException("Session", sessionId);
        if (user.IsInRole(Roles.CmeAdmin))
            return session;
        var trainerId = await db.Trainers.Where(t => t.ProfessionalId == user.ProfessionalId).Select(t => (Guid?)t.Id).SingleOrDefaultAsync(ct);
        if (trainerId is null || session.Trainers.All(t => t.TrainerId != trainerId))
            throw new NotFoundException("Session", sessionId);
        return session;
    }
}
