using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Courses;
using Cme.Domain.Attendance;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Evaluations;

/// <summary>
/// Who reads which evaluations, and what they see. The CME office reads every offering's answers with
/// the learners' names. A trainer reads only the offerings where they are assigned to a session (any
/// other offering is 404, as if it did not exist), anonymously: the form carries no "named" flag, so
/// answers never come with a name, an id or a time, and the comments of an offering with fewer than
/// <see cref="MinimumAnswersForTrainerComments"/> answers are withheld (two people could tell each other's
/// words apart). The ratings are always summarised.
/// </summary>
internal static class EvaluationAccess
{
    public const int MinimumAnswersForTrainerComments = 3;

    /// <summary>What one reader may see of a set of offerings of one course.</summary>
    internal sealed record Scope(Guid CourseId, string CourseCode, string CourseTitleZh, string CourseTitleEn, Guid? OfferingId, string? OfferingTitle,
        bool Office, IReadOnlyDictionary<Guid, string> Offerings);

    /// <summary>One answer with its offering and, for the office, the learner.</summary>
    internal sealed record Answer(CourseEvaluation Evaluation, string OfferingTitle, string NameZh, string NameLatin, string LicenceNumber);

    public static async Task<Scope> ForOfferingAsync(IAppDbContext db, ICurrentUser user, Guid offeringId, CancellationToken ct)
    {
        var offering = await (from o in db.Offerings
                              where o.Id == offeringId
                              join c in db.Courses on o.CourseId equals c.Id
                              select new { o.Id, o.Title, c.Code, CourseId = c.Id, c.TitleZh, c.TitleEn }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Offering", offeringId);
        var office = user.IsInRole(Roles.CmeAdmin);
        if (!office && !(await TaughtOfferingsAsync(db, user, offering.CourseId, ct)).Contains(offering.Id))
            throw new NotFoundException("Offering", offeringId);
        return new Scope(offering.CourseId, offering.Code, offering.TitleZh, offering.TitleEn, offering.Id, offering.Title, office,
            new Dictionary<Guid, string> { [offering.Id] = offering.Title });
    }

    public static async Task<Scope> ForCourseAsync(IAppDbContext db, ICurrentUser user, Guid courseId, CancellationToken ct)
    {
        var course = await db.Courses.Where(c => c.Id == courseId).Select(c => new { c.Id, c.Code, c.TitleZh, c.TitleEn }).SingleOrDefaultAsync(ct)
            ?? throw new NotFoundException("Course", courseId);
        var office = user.IsInRole(Roles.CmeAdmin);
        var offerings = db.Offerings.Where(o => o.CourseId == courseId);
        if (!office)
        {
            var taught = await TaughtOfferingsAsync(db, user, courseId, ct);
            if (taught.Count == 0)
                throw new NotFoundException("Course", courseId);
            offerings = offerings.Where(o => taught.Contains(o.Id));
        }
        var titles = await offerings.ToDictionaryAsync(o => o.Id, o => o.Title, ct);
        return new Scope(course.Id, course.Code, course.TitleZh, course.TitleEn, null, null, office, titles);
    }

    /// <summary>The answers in scope, newest first.</summary>
    public static async Task<IReadOnlyList<Answer>> AnswersAsync(IAppDbContext db, Scope scope, CancellationToken ct)
    {
        var ids = scope.Offerings.Keys.ToList();
        return await (from e in db.CourseEvaluations.AsNoTracking()
                      where ids.Contains(e.OfferingId)
                      join o in db.Offerings on e.OfferingId equals o.Id
                      join p in db.Professionals on e.LearnerId equals p.Id
                      orderby e.SubmittedAt descending, e.Id
                      select new Answer(e, o.Title, p.NameZh, p.NameLatin, p.LicenceNumber)).ToListAsync(ct);
    }

    /// <summary>Whether a trainer may read the comments of an offering with this many answers.</summary>
    public static bool TrainerMayReadComments(int answersInOffering) => answersInOffering >= MinimumAnswersForTrainerComments;

    private static async Task<List<Guid>> TaughtOfferingsAsync(IAppDbContext db, ICurrentUser user, Guid courseId, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Trainer))
            return [];
        var me = user.ProfessionalId();
        return await (from t in db.Trainers
                      where t.ProfessionalId == me
                      join a in db.SessionTrainers on t.Id equals a.TrainerId
                      join s in db.Sessions on a.SessionId equals s.Id
                      join o in db.Offerings on s.OfferingId equals o.Id
                      where o.CourseId == courseId
                      select o.Id).Distinct().ToListAsync(ct);
    }
}
