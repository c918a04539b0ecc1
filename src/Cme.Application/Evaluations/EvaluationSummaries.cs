using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Attendance;
using Cme.Domain.Professionals;

namespace Cme.Application.Evaluations;

/// <summary>
/// The learners' evaluations read back: per rating question the number of answers, how many gave each
/// score from 1 to 5 (<c>distribution[0]</c> is the count of 1s) and the mean rounded to two decimals;
/// the comments newest first. <c>anonymous</c> is true for a trainer (no names, ids or times);
/// <c>commentsWithheld</c> counts the comments a trainer does not see because their offering has fewer
/// than three answers.
/// </summary>
public sealed record EvaluationSummary(Guid CourseId, string CourseCode, string CourseTitleZh, string CourseTitleEn, Guid? OfferingId, string? OfferingTitle,
    int Answers, bool Anonymous, int CommentsWithheld, IReadOnlyList<RatingSummary> Ratings, IReadOnlyList<EvaluationComment> Comments,
    IReadOnlyList<OfferingAnswers> Offerings);

public sealed record RatingSummary(EvaluationQuestion Question, int Answers, decimal? Mean, IReadOnlyList<int> Distribution);

/// <summary>A comment; the time and the learner only for the CME office.</summary>
public sealed record EvaluationComment(string Text, Guid OfferingId, string OfferingTitle, DateTimeOffset? SubmittedAt, Guid? LearnerId, string? NameZh,
    string? NameLatin);

public sealed record OfferingAnswers(Guid OfferingId, string Title, int Answers);

/// <summary>The evaluations of one offering: the CME office, or a trainer of one of its sessions (others 404).</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.Trainer)]
public sealed record GetOfferingEvaluations(Guid OfferingId) : IQuery<EvaluationSummary>;

/// <summary>The evaluations of every offering of a course (a trainer: the offerings they teach).</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.Trainer)]
public sealed record GetCourseEvaluations(Guid CourseId) : IQuery<EvaluationSummary>;

internal sealed class GetOfferingEvaluationsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetOfferingEvaluations, EvaluationSummary>
{
    public async ValueTask<EvaluationSummary> Handle(GetOfferingEvaluations request, CancellationToken cancellationToken)
    {
        var scope = await EvaluationAccess.ForOfferingAsync(db, user, request.OfferingId, cancellationToken);
        return EvaluationSummaries.Summarise(scope, await EvaluationAccess.AnswersAsync(db, scope, cancellationToken));
    }
}

internal sealed class GetCourseEvaluationsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetCourseEvaluations, EvaluationSummary>
{
    public async ValueTask<EvaluationSummary> Handle(GetCourseEvaluations request, CancellationToken cancellationToken)
    {
        var scope = await EvaluationAccess.ForCourseAsync(db, user, request.CourseId, cancellationToken);
        return EvaluationSummaries.Summarise(scope, await EvaluationAccess.AnswersAsync(db, scope, cancellationToken));
    }
}

internal static class EvaluationSummaries
{
    public static EvaluationSummary Summarise(EvaluationAccess.Scope scope, IReadOnlyList<EvaluationAccess.Answer> answers)
    {
        var perOffering = answers.GroupBy(a => a.Evaluation.OfferingId).ToDictionary(g => g.Key, g => g.Count());
        var ratings = Enum.GetValues<EvaluationQuestion>().Select(q => Rate(q, answers.Select(a => a.Evaluation.Rating(q)).ToList())).ToList();
        var withComments = answers.Where(a => a.Evaluation.Comments is not null).ToList();
        var readable = scope.Office
            ? withComments
            : withComments.Where(a => EvaluationAccess.TrainerMayReadComments(perOffering[a.Evaluation.OfferingId])).ToList();
        var comments = readable.Select(a => scope.Office
                ? new EvaluationComment(a.Evaluation.Comments!, a.Evaluation.OfferingId, a.OfferingTitle, a.Evaluation.SubmittedAt, a.Evaluation.LearnerId,
                    a.NameZh, a.NameLatin)
                : new EvaluationComment(a.Evaluation.Comments!, a.Evaluation.OfferingId, a.OfferingTitle, null, null, null, null))
            .ToList();
        var offerings = scope.Offerings.Select(o => new OfferingAnswers(o.Key, o.Value, perOffering.GetValueOrDefault(o.Key)))
            .OrderByDescending(o => o.Answers).ThenBy(o => o.Title, StringComparer.Ordinal).ToList();
        return new EvaluationSummary(scope.CourseId, scope.CourseCode, scope.CourseTitleZh, scope.CourseTitleEn, scope.OfferingId, scope.OfferingTitle,
            answers.Count, !scope.Office, withComments.Count - readable.Count, ratings, comments, offerings);
    }

    /// <summary>Counts of each score 1–5 and the mean, rounded half away from zero to two decimals (null without answers).</summary>
    public static RatingSummary Rate(EvaluationQuestion question, IReadOnlyList<int> scores)
    {
        var distribution = Enumerable.Range(1, 5).Select(score => scores.Count(s => s == score)).ToList();
        decimal? mean = scores.Count == 0 ? null : Math.Round((decimal)scores.Sum() / scores.Count, 2, MidpointRounding.AwayFromZero);
        return new RatingSummary(question, scores.Count, mean, distribution);
    }
}
