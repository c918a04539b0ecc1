using Cme.Application.Attendance;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Attendance;
using Cme.Domain.Certificates;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Offerings;

/// <summary>Which learners of a class the table shows.</summary>
public enum LearnerFilter
{
    All,
    /// <summary>尚未完成: the enrolment is not completed.</summary>
    NotComplete,
    /// <summary>缺少课程评价: no course evaluation submitted.</summary>
    MissingEvaluation,
}

/// <summary>The learner's certificate for the class: the valid one, else the latest issued.</summary>
public sealed record LearnerCertificate(Guid Id, string Number, CertificateStatus Status, DateTimeOffset IssuedAt);

/// <summary>One learner of a class and everything that decides their completion.</summary>
public sealed record OfferingLearnerRow(Guid LearnerId, Guid EnrolmentId, string NameZh, string NameLatin, string InstitutionName, EnrolmentStatus EnrolmentStatus,
    IReadOnlyList<SessionAttendance> Attendance, decimal? AttendancePercent, decimal? BestPostTestPercent, int ScenariosPassed, bool EvaluationSubmitted,
    CompletionState State, IReadOnlyList<CompletionReason> Reasons, bool Complete, CompletionAwardView? Award, LearnerCertificate? Certificate,
    bool NeedsReminder, bool RemindedToday);

/// <summary>
/// The class seen learner by learner. <see cref="Total"/>, <see cref="NotComplete"/>, <see cref="MissingEvaluation"/> and
/// <see cref="ToRemind"/> count every learner the caller may see, whatever the filter.
/// </summary>
public sealed record OfferingLearners(Guid OfferingId, LearnerFilter Filter, IReadOnlyList<ClassSession> Sessions, bool HasPostTest, int Scenarios,
    int Total, int NotComplete, int MissingEvaluation, int ToRemind, IReadOnlyList<OfferingLearnerRow> Rows);

/// <summary>
/// Where each learner of a class stands (CmeAdmin; the offering's own trainers, read-only; an InstitutionAdmin for their own staff only).
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.Trainer, Roles.InstitutionAdmin)]
public sealed record ListOfferingLearners(Guid OfferingId, LearnerFilter Filter = LearnerFilter.All) : IQuery<OfferingLearners>;

internal sealed class ListOfferingLearnersValidator : AbstractValidator<ListOfferingLearners>
{
    public ListOfferingLearnersValidator() => RuleFor(x => x.Filter).IsInEnum();
}

internal sealed class ListOfferingLearnersHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock) : IRequestHandler<ListOfferingLearners, OfferingLearners>
{
    public async ValueTask<OfferingLearners> Handle(ListOfferingLearners request, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OfferingId, cancellationToken)
            ?? throw new NotFoundException("Offering", request.OfferingId);
        var scope = await LearnerTable.ScopeAsync(db, user, offering.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var (rows, @class) = await LearnerTable.RowsAsync(db, offering, scope, now, cancellationToken);
        var shown = request.Filter switch
        {
            LearnerFilter.NotComplete => rows.Where(r => !r.Complete).ToList(),
            LearnerFilter.MissingEvaluation => rows.Where(r => !r.EvaluationSubmitted).ToList(),
            _ => rows,
        };
        return new OfferingLearners(offering.Id, request.Filter, @class.Sessions, @class.HasPostTest, @class.Scenarios,
            rows.Count, rows.Count(r => !r.Complete), rows.Count(r => !r.EvaluationSubmitted), rows.Count(r => r.NeedsReminder && !r.RemindedToday), shown);
    }
}

/// <summary>The rows of the per-learner table, shared by the table and the reminder.</summary>
internal static class LearnerTable
{
    /// <summary>
    /// Whose rows the caller sees: every learner for a CmeAdmin or a trainer of one of the class's sessions, an
    /// InstitutionAdmin's own institution's learners; anyone else is told the class does not exist for them.
    /// </summary>
    public static async Task<Guid?> ScopeAsync(IAppDbContext db, ICurrentUser user, Guid offeringId, CancellationToken ct)
    {
        if (user.IsInRole(Roles.CmeAdmin))
            return null;
        var me = user.ProfessionalId();
        var teaches = await (from st in db.SessionTrainers
                             join t in db.Trainers on st.TrainerId equals t.Id
                             join s in db.Sessions on st.SessionId equals s.Id
                             where t.ProfessionalId == me && s.OfferingId == offeringId
                             select st.SessionId).AnyAsync(ct);
        if (teaches)
            return null;
        if (user.IsInRole(Roles.InstitutionAdmin) && user.InstitutionId is { } institution)
            return institution;
        throw new NotFoundException("Offering", offeringId);
    }

    /// <summary>The day a reminder counts for: the class's own calendar day, so a second click that day sends nothing.</summary>
    public static string ReminderDay(Offering offering, DateTimeOffset now) =>
        SessionTimes.ToLocal(now, offering.TimeZone).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>
    /// Missing something they can still do: an evaluation not submitted, or (not yet complete) a post-test or scenario to pass.
    /// Someone whose attendance can no longer be reached is not reminded: nothing they do now completes the class.
    /// </summary>
    public static bool NeedsReminder(EnrolmentStatus status, bool complete, CompletionResult result, bool evaluated) =>
        status is EnrolmentStatus.Enrolled or EnrolmentStatus.Completed
        && result.State != CompletionState.NotCompleted
        && (!evaluated || (!complete && result.Reasons.Any(r => r.Code is CompletionReasonCode.PostTestNotTaken or CompletionReasonCode.PostTestBelow
            or CompletionReasonCode.ScenariosNotPassed)));

    public static async Task<(List<OfferingLearnerRow> Rows, ClassCompletionView Class)> RowsAsync(IAppDbContext db, Offering offering, Guid? institutionScope, DateTimeOffset now,
        CancellationToken ct)
    {
        var people = await (from e in db.Enrolments.AsNoTracking()
                            join p in db.Professionals on e.LearnerId equals p.Id
                            join i in db.Institutions on p.InstitutionId equals i.Id
                            where e.OfferingId == offering.Id && (e.Status == EnrolmentStatus.Enrolled || e.Status == EnrolmentStatus.Completed)
                                  && (institutionScope == null || p.InstitutionId == institutionScope)
                            orderby p.NameLatin, p.NameZh
                            select new { EnrolmentId = e.Id, e.LearnerId, e.Status, p.NameZh, p.NameLatin, Institution = ReaderLanguage.IsEnglish ? i.NameEn : i.Name })
            .ToListAsync(ct);
        var ids = people.Select(p => p.LearnerId).ToList();
        var completion = await ClassCompletion.EvaluateAsync(db, offering, ids, now, ct);
        var certificates = (await db.Certificates.AsNoTracking().Where(c => c.OfferingId == offering.Id && ids.Contains(c.LearnerId))
                .Select(c => new { c.LearnerId, View = new LearnerCertificate(c.Id, c.Number, c.Status, c.IssuedAt) }).ToListAsync(ct))
            .GroupBy(c => c.LearnerId)
            .ToDictionary(g => g.Key, g => g.Select(c => c.View).OrderBy(c => c.Status == CertificateStatus.Valid ? 0 : 1).ThenByDescending(c => c.IssuedAt).First());
        var day = ReminderDay(offering, now);
        var reminded = (await db.Notifications.AsNoTracking()
            .Where(n => n.Kind == NotificationKind.CompletionReminder && n.SubjectId == offering.Id && n.Occurrence == day && ids.Contains(n.RecipientId))
            .Select(n => n.RecipientId).Distinct().ToListAsync(ct)).ToHashSet();
        List<OfferingLearnerRow> rows = [.. people.Select(p =>
        {
            var c = completion.Learners[p.LearnerId];
            var complete = p.Status == EnrolmentStatus.Completed || c.Result.State == CompletionState.Completed;
            return new OfferingLearnerRow(p.LearnerId, p.EnrolmentId, p.NameZh, p.NameLatin, p.Institution, p.Status, c.Attendance, c.AttendancePercent,
                c.BestPostTestPercent, c.ScenariosPassed, c.EvaluationSubmitted, c.Result.State, c.Result.Reasons, complete, c.Award,
                certificates.GetValueOrDefault(p.LearnerId), NeedsReminder(p.Status, complete, c.Result, c.EvaluationSubmitted), reminded.Contains(p.LearnerId));
        })];
        return (rows, completion);
    }
}

public sealed record LearnersReminded(int Reminded, int AlreadyRemindedToday);

/// <summary>
/// "提醒未完成的学员": an in-app and e-mail notice to every learner of the class still missing something they can do,
/// naming what; at most once per learner per day, so a double click sends one (CmeAdmin).
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RemindOfferingLearners(Guid OfferingId) : ICommand<LearnersReminded>;

internal sealed class RemindOfferingLearnersHandler(IAppDbContext db, IOfferingLock locks, TimeProvider clock) : IRequestHandler<RemindOfferingLearners, LearnersReminded>
{
    public async ValueTask<LearnersReminded> Handle(RemindOfferingLearners request, CancellationToken cancellationToken)
    {
        var offering = await db.Offerings.AsNoTracking().SingleOrDefaultAsync(o => o.Id == request.OfferingId, cancellationToken)
            ?? throw new NotFoundException("Offering", request.OfferingId);
        // Two clicks at once: the second waits here, then finds the first one's notices and sends none.
        await locks.LockAsync(offering.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var (rows, _) = await LearnerTable.RowsAsync(db, offering, null, now, cancellationToken);
        var due = rows.Where(r => r.NeedsReminder && !r.RemindedToday).ToList();
        await Notifications.Notices.CompletionReminderAsync(db, offering, LearnerTable.ReminderDay(offering, now),
            [.. due.Select(r => (r.LearnerId, (IReadOnlyList<CompletionReasonCode>)[.. Missing(r)]))], cancellationToken);
        return new LearnersReminded(due.Count, rows.Count(r => r.NeedsReminder && r.RemindedToday));
    }

    private static IEnumerable<CompletionReasonCode> Missing(OfferingLearnerRow row)
    {
        if (!row.Complete)
            foreach (var reason in row.Reasons.Where(r => r.Code is CompletionReasonCode.PostTestNotTaken or CompletionReasonCode.PostTestBelow
                         or CompletionReasonCode.ScenariosNotPassed))
                yield return reason.Code;
        if (!row.EvaluationSubmitted)
            yield return CompletionReasonCode.EvaluationMissing;
    }
}
