using Cme.Domain.Common;

namespace Cme.Domain.Attendance;

/// <summary>A learner's evaluation of an offering: ratings from 1 to 5 and free text.</summary>
public sealed class CourseEvaluation : Entity
{
    public const int CommentsMaxLength = 2000;

    private CourseEvaluation() { }

    public CourseEvaluation(Guid offeringId, Guid learnerId, int content, int relevance, int teaching, int organisation, string? comments, DateTimeOffset now)
    {
        foreach (var rating in new[] { content, relevance, teaching, organisation })
            if (rating is < 1 or > 5)
                throw new DomainException("evaluation.rating-range");
        if (comments is { Length: > CommentsMaxLength })
            throw new DomainException("evaluation.comments-too-long", new { max = CommentsMaxLength });
        (OfferingId, LearnerId, Content, Relevance, Teaching, Organisation, Comments, SubmittedAt) =
            (offeringId, learnerId, content, relevance, teaching, organisation, string.IsNullOrWhiteSpace(comments) ? null : comments.Trim(), now);
    }

    public Guid OfferingId { get; private set; }
    public Guid LearnerId { get; private set; }
    public int Content { get; private set; }
    public int Relevance { get; private set; }
    public int Teaching { get; private set; }
    public int Organisation { get; private set; }
    public string? Comments { get; private set; }
    public DateTimeOffset SubmittedAt { get; private set; }

    /// <summary>The score given to one question of the form.</summary>
    public int Rating(EvaluationQuestion question) => question switch
    {
        EvaluationQuestion.Content => Content,
        EvaluationQuestion.Relevance => Relevance,
        EvaluationQuestion.Teaching => Teaching,
        EvaluationQuestion.Organisation => Organisation,
        _ => throw new ArgumentOutOfRangeException(nameof(question)),
    };
}

/// <summary>The rating questions of the evaluation form, in the order the form asks them.</summary>
public enum EvaluationQuestion
{
    Content,
    Relevance,
    Teaching,
    Organisation,
}
