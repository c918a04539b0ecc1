namespace Cme.Web.Api;

/// <summary>The rating questions of the evaluation form, in the order the form asks them.</summary>
public enum EvaluationQuestion
{
    Content,
    Relevance,
    Teaching,
    Organisation,
}

/// <summary>
/// Learners' evaluations read back (one offering, or every offering of a course). <c>Anonymous</c> for a
/// trainer: comments come without time or name, and <c>CommentsWithheld</c> counts those of offerings with
/// fewer than three answers.
/// </summary>
public sealed record EvaluationSummary(Guid CourseId, string CourseCode, string CourseTitleZh, string CourseTitleEn, Guid? OfferingId, string? OfferingTitle,
    int Answers, bool Anonymous, int CommentsWithheld, IReadOnlyList<RatingSummary> Ratings, IReadOnlyList<EvaluationComment> Comments,
    IReadOnlyList<OfferingAnswers> Offerings);

/// <summary>One question: answers, mean (two decimals) and how many gave each score (<c>Distribution[0]</c> counts the 1s).</summary>
public sealed record RatingSummary(EvaluationQuestion Question, int Answers, decimal? Mean, IReadOnlyList<int> Distribution);

public sealed record EvaluationComment(string Text, Guid OfferingId, string OfferingTitle, DateTimeOffset? SubmittedAt, Guid? LearnerId, string? NameZh,
    string? NameLatin);

public sealed record OfferingAnswers(Guid OfferingId, string Title, int Answers);
