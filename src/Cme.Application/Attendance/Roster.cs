using Cme.Application.Common.Reasons;
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
using Microsoft.Extensions.Logging;

namespace Cme.Application.Attendance;

public sealed record RosterLine(Guid LearnerId, string NameZh, string NameLatin, string InstitutionName, AttendanceStatus? Status,
    int MinutesPresent, DateTimeOffset? CheckedInAt, AttendanceSource? Source);

/// <summary>The trainer's live roster: everyone enrolled, with their attendance so far.</summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record GetRoster(Guid SessionId) : IQuery<IReadOnlyList<RosterLine>>;

internal sealed class GetRosterHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetRoster, IReadOnlyList<RosterLine>>
{
    public async ValueTask<IReadOnlyList<RosterLine>> Handle(GetRoster request, CancellationToken cancellationToken)
    {
        var session = await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        return await (from e in db.Enrolments
                      where e.OfferingId == session.OfferingId && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)
                      join p in db.Professionals on e.LearnerId equals p.Id
                      join i in db.Institutions on p.InstitutionId equals i.Id
                      join a in db.Attendance.Where(a => a.SessionId == session.Id) on p.Id equals a.LearnerId into records
                      from a in records.DefaultIfEmpty()
                      orderby p.NameLatin
                      select new RosterLine(p.Id, p.NameZh, p.NameLatin, (ReaderLanguage.IsEnglish ? i.NameEn : i.Name), a != null ? a.Status : null, a != null ? a.MinutesPresent : 0,
                          a != null ? a.CheckedInAt : null, a != null ? a.Source : null)).ToListAsync(cancellationToken);
    }
}

/// <summary>The trainer marks someone present, late, absent or excused.</summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record MarkAttendance(Guid SessionId, Guid LearnerId, AttendanceStatus Status) : ICommand<CompletionView>;

internal sealed class MarkAttendanceValidator : AbstractValidator<MarkAttendance>
{
    public MarkAttendanceValidator() => RuleFor(x => x.Status).IsInEnum();
}

internal sealed class MarkAttendanceHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock, ILogger<MarkAttendanceHandler> logger) : IRequestHandler<MarkAttendance, CompletionView>
{
    public async ValueTask<CompletionView> Handle(MarkAttendance request, CancellationToken cancellationToken)
    {
        var session = await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        SeparationOfDuties.EnsureNotSelf(user, request.LearnerId, nameof(MarkAttendance), logger);
        if (!await Attendances.IsEnrolledAsync(db, session.OfferingId, request.LearnerId, cancellationToken))
            throw new RequestValidationException("learnerId", "roster.not-enrolled");
        await locks.LockAsync(Attendances.LockKey(session.Id, request.LearnerId), cancellationToken);
        var record = await Attendances.GetOrAddAsync(db, session.Id, request.LearnerId, cancellationToken);
        var now = clock.GetUtcNow();
        record.Mark(request.Status, session.StartsAt, session.EndsAt, user.ProfessionalId(), now);
        return await Completion.ReevaluateAsync(db, locks, request.LearnerId, session.OfferingId, user.ProfessionalId(), now, cancellationToken);
    }
}

/// <summary>Join and leave times of a remote session (from the video platform), merged into minutes present.</summary>
[AuthorizeRoles(Roles.Trainer, Roles.CmeAdmin)]
public sealed record RecordRemotePresence(Guid SessionId, Guid LearnerId, IReadOnlyList<PresenceInterval> Intervals) : ICommand<CompletionView>;

internal sealed class RecordRemotePresenceValidator : AbstractValidator<RecordRemotePresence>
{
    public RecordRemotePresenceValidator()
    {
        RuleFor(x => x.Intervals).NotEmpty();
        RuleForEach(x => x.Intervals).Must(i => i.To > i.From).WithReason("roster.interval-order");
    }
}

internal sealed class RecordRemotePresenceHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock,
    ILogger<RecordRemotePresenceHandler> logger)
    : IRequestHandler<RecordRemotePresence, CompletionView>
{
    public async ValueTask<CompletionView> Handle(RecordRemotePresence request, CancellationToken cancellationToken)
    {
        var session = await Attendances.EnsureTeachesAsync(db, user, request.SessionId, cancellationToken);
        SeparationOfDuties.EnsureNotSelf(user, request.LearnerId, nameof(RecordRemotePresence), logger);
        if (!await Attendances.IsEnrolledAsync(db, session.OfferingId, request.LearnerId, cancellationToken))
            throw new RequestValidationException("learnerId", "roster.not-enrolled");
        await locks.LockAsync(Attendances.LockKey(session.Id, request.LearnerId), cancellationToken);
        var record = await Attendances.GetOrAddAsync(db, session.Id, request.LearnerId, cancellationToken);
        var now = clock.GetUtcNow();
        record.RecordPresence(request.Intervals, session.StartsAt, session.EndsAt, AttendanceSource.RemoteLog, user.ProfessionalId(), now);
        return await Completion.ReevaluateAsync(db, locks, request.LearnerId, session.OfferingId, user.ProfessionalId(), now, cancellationToken);
    }
}

/// <summary>Where I stand on completing an offering, with the reasons.</summary>
[Authenticated]
public sealed record GetMyCompletion(Guid OfferingId) : IQuery<CompletionView>;

internal sealed class GetMyCompletionHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<GetMyCompletion, CompletionView>
{
    public async ValueTask<CompletionView> Handle(GetMyCompletion request, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OfferingId, cancellationToken)
            ?? throw new NotFoundException("Offering", request.OfferingId);
        return await Completion.EvaluateAsync(db, user.ProfessionalId(), offering, clock.GetUtcNow(), cancellationToken);
    }
}

/// <summary>The learner's evaluation of the offering (once); a completion rule can require it.</summary>
[Authenticated]
public sealed record SubmitEvaluation(Guid OfferingId, int Content, int Relevance, int Teaching, int Organisation, string? Comments) : ICommand<CompletionView>;

internal sealed class SubmitEvaluationValidator : AbstractValidator<SubmitEvaluation>
{
    public SubmitEvaluationValidator()
    {
        RuleFor(x => x.Content).InclusiveBetween(1, 5);
        RuleFor(x => x.Relevance).InclusiveBetween(1, 5);
        RuleFor(x => x.Teaching).InclusiveBetween(1, 5);
        RuleFor(x => x.Organisation).InclusiveBetween(1, 5);
        RuleFor(x => x.Comments).MaximumLength(CourseEvaluation.CommentsMaxLength);
    }
}

internal sealed class SubmitEvaluationHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock) : IRequestHandler<SubmitEvaluation, CompletionView>
{
    public async ValueTask<CompletionView> Handle(SubmitEvaluation request, CancellationToken cancellationToken)
    {
        var me = user.ProfessionalId();
        if (!await db.Enrolments.AnyAsync(e => e.OfferingId == request.OfferingId && e.LearnerId == me && e.Status != EnrolmentStatus.Cancelled, cancellationToken))
            throw new NotFoundException("Offering", request.OfferingId);
        if (await db.CourseEvaluations.AnyAsync(e => e.OfferingId == request.OfferingId && e.LearnerId == me, cancellationToken))
            throw new ConflictException("evaluation.already-submitted");
        var now = clock.GetUtcNow();
        db.CourseEvaluations.Add(new CourseEvaluation(request.OfferingId, me, request.Content, request.Relevance, request.Teaching, request.Organisation, request.Comments, now));
        return await Completion.ReevaluateAsync(db, locks, me, request.OfferingId, me, now, cancellationToken);
    }
}
