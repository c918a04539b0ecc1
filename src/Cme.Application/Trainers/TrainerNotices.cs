using Cme.Application.Common.Interfaces;
using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Cme.Domain.Offerings;
using Cme.Domain.Trainers;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Trainers;

/// <summary>What the person on the way to teaching is told, in the transaction of the event (see <see cref="Notices"/>).</summary>
internal static class TrainerNotices
{
    /// <summary>They completed a train-the-trainer offering and are in the CME office's queue.</summary>
    public static async Task CandidacyAsync(IAppDbContext db, TrainerCandidate candidate, Offering offering, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().Where(c => c.Id == offering.CourseId).Select(c => new { c.TitleZh, c.TitleEn }).SingleAsync(ct);
        await db.EnqueueNoticesAsync([EventNotice.Of(candidate.ProfessionalId, NotificationKind.TrainerCandidacy, candidate.Id, "candidate", new
        {
            offeringTitle = offering.Title,
            courseTitle = course.TitleZh,
            courseTitleEn = course.TitleEn,
            path = "/become-trainer",
        })], ct);
    }

    /// <summary>The CME office approved (they are in the pool) or declined, with the reason.</summary>
    public static Task DecidedAsync(IAppDbContext db, TrainerCandidate candidate, CancellationToken ct) =>
        db.EnqueueNoticesAsync([EventNotice.Of(candidate.ProfessionalId,
            candidate.Status == CandidateStatus.Approved ? NotificationKind.TrainerApproved : NotificationKind.TrainerDeclined,
            candidate.Id, "decided", new
            {
                reason = candidate.Note,
                path = "/become-trainer",
            })], ct);
}
