using System.Globalization;
using System.Text.Json;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Certificates;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Notifications;

/// <summary>
/// A notice of something that happened, to one person. The outbox writes one row per channel the
/// recipient wants, in their language, with the key (kind, subject, occurrence, recipient, channel):
/// the same event told twice is told once.
/// </summary>
public sealed record EventNotice(Guid RecipientId, NotificationKind Kind, Guid SubjectId, string Occurrence, string Data)
{
    public static EventNotice Of(Guid recipientId, NotificationKind kind, Guid subjectId, string occurrence, object data) =>
        new(recipientId, kind, subjectId, occurrence, JsonSerializer.Serialize(data, data.GetType()));
}

/// <summary>
/// "Tell them now": every event that matters to a person enqueues its notice here, in the event's
/// own transaction, so an event never loses its notice and a rolled-back event sends none. The
/// outbox dispatcher delivers it within seconds (inbox and e-mail, per the recipient's choices).
/// The facts are gathered here; the words are <see cref="NotificationTexts"/>'.
/// </summary>
internal static class Notices
{
    /// <summary>An instant as the notices (and the planner's occurrences) write it: UTC, to the second.</summary>
    public static string Instant(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Enrolment confirmed, waitlist joined (with the position), moved up from the waitlist, enrolment cancelled.</summary>
    public static async Task EnrolmentAsync(IAppDbContext db, Enrolment enrolment, NotificationKind kind, CancellationToken ct,
        int? position = null, string? reason = null, bool byAdministrator = false, bool wasWaitlisted = false)
    {
        var occurrence = kind switch
        {
            // The planner's occurrence for a promotion, so its fallback pass finds this notice already written.
            NotificationKind.WaitlistPromoted => Instant(enrolment.History[^1].At),
            _ => kind.ToString(),
        };
        var offering = await OfferingFactsAsync(db, enrolment.OfferingId, ct);
        await db.EnqueueNoticesAsync([EventNotice.Of(enrolment.LearnerId, kind, enrolment.Id, occurrence, new
        {
            offeringTitle = offering.Title,
            courseTitle = offering.CourseTitleZh,
            courseTitleEn = offering.CourseTitleEn,
            firstStartsAt = offering.FirstStartsAt is { } first ? Instant(first) : null,
            timeZone = offering.TimeZone,
            position,
            reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            byAdministrator,
            wasWaitlisted,
            path = $"/offerings/{enrolment.OfferingId}",
        })], ct);
    }

    /// <summary>A session moved or was cancelled: its enrolled learners and its trainers are told.</summary>
    public static async Task SessionChangedAsync(IAppDbContext db, Session session, NotificationKind kind, DateTimeOffset? previousStartsAt,
        string? reason, CancellationToken ct)
    {
        var offering = await OfferingFactsAsync(db, session.OfferingId, ct);
        var learners = await db.Enrolments.Where(e => e.OfferingId == session.OfferingId && e.Status == EnrolmentStatus.Enrolled)
            .Select(e => e.LearnerId).ToListAsync(ct);
        var trainers = await TrainerProfessionalsAsync(db, session.Id, ct);
        var recipients = learners.Select(id => (id, Role: "learner")).Concat(trainers.Select(id => (id, Role: "trainer")))
            .DistinctBy(r => r.id).ToList();
        if (recipients.Count == 0)
            return;
        await db.EnqueueNoticesAsync([.. recipients.Select(r => EventNotice.Of(r.id, kind, session.Id, $"v{session.Sequence}",
            SessionData(session, offering, r.Role, previousStartsAt, reason,
                r.Role == "learner" ? $"/offerings/{session.OfferingId}" : kind == NotificationKind.SessionCancelled ? "/teaching" : $"/teaching/sessions/{session.Id}")))], ct);
    }

    /// <summary>A trainer was assigned to a session, or taken off it.</summary>
    public static async Task TrainerAsync(IAppDbContext db, Session session, Guid trainerId, NotificationKind kind, CancellationToken ct)
    {
        var professionalId = await db.Trainers.Where(t => t.Id == trainerId).Select(t => t.ProfessionalId).SingleAsync(ct);
        var offering = await OfferingFactsAsync(db, session.OfferingId, ct);
        await db.EnqueueNoticesAsync([EventNotice.Of(professionalId, kind, session.Id, $"v{session.Sequence}",
            SessionData(session, offering, "trainer", null, null, kind == NotificationKind.TrainerAssigned ? $"/teaching/sessions/{session.Id}" : "/teaching"))], ct);
    }

    /// <summary>An offering completed and its credits recorded (once per learner and offering, as the ledger is).</summary>
    public static async Task CreditsAwardedAsync(IAppDbContext db, CreditLedgerEntry award, Offering offering, CancellationToken ct)
    {
        var facts = await OfferingFactsAsync(db, offering.Id, ct);
        await db.EnqueueNoticesAsync([EventNotice.Of(award.LearnerId, NotificationKind.CreditsAwarded, offering.Id, "awarded", new
        {
            offeringTitle = facts.Title,
            courseTitle = facts.CourseTitleZh,
            courseTitleEn = facts.CourseTitleEn,
            credits = award.Credits,
            creditClass = award.CreditClass,
            year = award.Year,
            path = "/credits/transcript",
        })], ct);
    }

    /// <summary>A certificate was issued: where to see it and its PDF.</summary>
    public static Task CertificateReadyAsync(IAppDbContext db, Certificate certificate, CancellationToken ct) =>
        db.EnqueueNoticesAsync([EventNotice.Of(certificate.LearnerId, NotificationKind.CertificateReady, certificate.Id, "issued", new
        {
            number = certificate.Number,
            courseTitle = certificate.CourseTitleZh,
            courseTitleEn = certificate.CourseTitleEn,
            credits = certificate.Credits,
            path = "/certificates",
            pdfPath = $"/certificates/{certificate.Id}/pdf",
        })], ct);

    /// <summary>A certificate was revoked, with the reason (and whether its credit was taken back with it).</summary>
    public static Task CertificateRevokedAsync(IAppDbContext db, Certificate certificate, string reason, bool creditRevoked, CancellationToken ct) =>
        db.EnqueueNoticesAsync([EventNotice.Of(certificate.LearnerId, NotificationKind.CertificateRevoked, certificate.Id, "revoked", new
        {
            number = certificate.Number,
            courseTitle = certificate.CourseTitleZh,
            courseTitleEn = certificate.CourseTitleEn,
            reason = reason.Trim(),
            creditRevoked,
            path = "/certificates",
        })], ct);

    /// <summary>An external activity was decided: approved (with the credits) or declined, with the reviewer's comment.</summary>
    public static Task ActivityDecidedAsync(IAppDbContext db, ExternalActivity activity, CancellationToken ct) =>
        db.EnqueueNoticesAsync([EventNotice.Of(activity.LearnerId,
            activity.Status == ActivityStatus.Approved ? NotificationKind.ExternalActivityApproved : NotificationKind.ExternalActivityDeclined,
            activity.Id, "decided", new
            {
                activityTitle = activity.Title,
                claimedCredits = activity.ClaimedCredits,
                credits = activity.AwardedCredits,
                comment = string.IsNullOrWhiteSpace(activity.Comment) ? null : activity.Comment,
                path = "/credits/activities",
            })], ct);

    /// <summary>
    /// The CME office's reminder to learners of a class of what they still miss; the day is the occurrence, so each
    /// learner gets it at most once a day.
    /// </summary>
    public static async Task CompletionReminderAsync(IAppDbContext db, Offering offering, string day,
        IReadOnlyList<(Guid LearnerId, IReadOnlyList<Domain.Attendance.CompletionReasonCode> Missing)> learners, CancellationToken ct)
    {
        if (learners.Count == 0)
            return;
        var facts = await OfferingFactsAsync(db, offering.Id, ct);
        await db.EnqueueNoticesAsync([.. learners.Select(l => EventNotice.Of(l.LearnerId, NotificationKind.CompletionReminder, offering.Id, day, new
        {
            offeringTitle = facts.Title,
            courseTitle = facts.CourseTitleZh,
            courseTitleEn = facts.CourseTitleEn,
            missing = l.Missing.Select(m => m.ToString()).ToArray(),
            path = $"/offerings/{offering.Id}",
        }))], ct);
    }

    /// <summary>
    /// A version was submitted for accreditation: every reviewer (a CmeAdmin who may sign in) is told at once, except the
    /// submitter. The occurrence is the version's step in its workflow, so a resubmission after changes is told again
    /// and the same submission never twice.
    /// </summary>
    public static async Task VersionSubmittedAsync(IAppDbContext db, IIdentityService identity, Course course, CourseVersion version, Guid submittedBy,
        CancellationToken ct)
    {
        var accounts = await identity.GetActiveUserIdsInRoleAsync(Domain.Professionals.Roles.CmeAdmin, ct);
        if (accounts.Count == 0)
            return;
        var reviewers = await db.Professionals.AsNoTracking()
            .Where(p => p.UserId != null && accounts.Contains(p.UserId.Value) && p.Id != submittedBy)
            .Select(p => p.Id).ToListAsync(ct);
        if (reviewers.Count == 0)
            return;
        var submitter = await db.Professionals.AsNoTracking().Where(p => p.Id == submittedBy)
            .Select(p => new { p.NameZh, p.NameLatin }).SingleOrDefaultAsync(ct);
        var data = new
        {
            courseTitle = course.TitleZh,
            courseTitleEn = course.TitleEn,
            number = version.Number,
            submittedBy = submitter?.NameZh,
            submittedByLatin = submitter?.NameLatin,
            resubmitted = version.Transitions.Count(t => t.To == CourseVersionStatus.Submitted) > 1,
            path = $"/review/courses/{course.Id}/versions/{version.Id}",
        };
        await db.EnqueueNoticesAsync([.. reviewers.Select(id => EventNotice.Of(id, NotificationKind.VersionSubmitted, version.Id, Step(version), data))], ct);
    }

    /// <summary>The CME office accredited a version: its authors are told the class, value and accreditation number.</summary>
    public static Task VersionAccreditedAsync(IAppDbContext db, Course course, CourseVersion version, Guid reviewer, CancellationToken ct)
    {
        var data = new
        {
            courseTitle = course.TitleZh,
            courseTitleEn = course.TitleEn,
            number = version.Number,
            creditClass = version.Accreditation?.CreditClass,
            creditValue = version.Accreditation?.CreditValue,
            accreditationNumber = version.Accreditation?.AccreditationNumber,
            path = $"/authoring/courses/{course.Id}",
        };
        return db.EnqueueNoticesAsync([.. Authors(course, reviewer).Select(id =>
            EventNotice.Of(id, NotificationKind.VersionAccredited, version.Id, Step(version), data))], ct);
    }

    /// <summary>The CME office sent a version back: its authors are told how many comments wait for them, and the general one.</summary>
    public static Task VersionChangesRequestedAsync(IAppDbContext db, Course course, CourseVersion version, Guid reviewer, CancellationToken ct)
    {
        var general = version.ReviewComments.FirstOrDefault(c => c.ModuleId is null)?.Text;
        var data = new
        {
            courseTitle = course.TitleZh,
            courseTitleEn = course.TitleEn,
            number = version.Number,
            comments = version.ReviewComments.Count,
            summary = general is null ? null : general.Length <= SummaryMaxLength ? general : general[..SummaryMaxLength] + "…",
            path = $"/authoring/courses/{course.Id}/versions/{version.Id}",
        };
        return db.EnqueueNoticesAsync([.. Authors(course, reviewer).Select(id =>
            EventNotice.Of(id, NotificationKind.VersionChangesRequested, version.Id, Step(version), data))], ct);
    }

    private const int SummaryMaxLength = 300;

    private static List<Guid> Authors(Course course, Guid except) =>
        [.. course.CoAuthorIds.Prepend(course.OwnerId).Distinct().Where(id => id != except)];

    /// <summary>Which step of the version's workflow this is (its transitions so far): each submission and each decision once.</summary>
    private static string Step(CourseVersion version) => $"t{version.Transitions.Count}";

    private static object SessionData(Session session, OfferingFacts offering, string role, DateTimeOffset? previousStartsAt, string? reason, string path) => new
    {
        sessionTitle = session.Title,
        offeringTitle = offering.Title,
        courseTitle = offering.CourseTitleZh,
        courseTitleEn = offering.CourseTitleEn,
        startsAt = Instant(session.StartsAt),
        endsAt = Instant(session.EndsAt),
        previousStartsAt = previousStartsAt is { } previous ? Instant(previous) : null,
        timeZone = session.TimeZone,
        place = session.Place,
        joinUrl = session.JoinUrl,
        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        role,
        path,
    };

    private static Task<List<Guid>> TrainerProfessionalsAsync(IAppDbContext db, Guid sessionId, CancellationToken ct) =>
        (from st in db.SessionTrainers join t in db.Trainers on st.TrainerId equals t.Id where st.SessionId == sessionId select t.ProfessionalId)
            .ToListAsync(ct);

    private sealed record OfferingFacts(string Title, string CourseTitleZh, string CourseTitleEn, string TimeZone, DateTimeOffset? FirstStartsAt);

    private static async Task<OfferingFacts> OfferingFactsAsync(IAppDbContext db, Guid offeringId, CancellationToken ct) =>
        await (from o in db.Offerings.AsNoTracking()
               join c in db.Courses on o.CourseId equals c.Id
               where o.Id == offeringId
               select new OfferingFacts(o.Title, c.TitleZh, c.TitleEn, o.TimeZone,
                   db.Sessions.Where(s => s.OfferingId == o.Id && s.Status == SessionStatus.Scheduled).Min(s => (DateTimeOffset?)s.StartsAt)))
            .SingleAsync(ct);
}
