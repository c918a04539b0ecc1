using Cme.Domain.Common;
using Cme.Domain.Courses.Quizzes;

namespace Cme.Domain.Learning;

/// <summary>
/// A learner's answers to a quiz, marked. Pre- and post-test scores feed the effectiveness reports.
/// Attempts are numbered per learner and module; the quiz's policy refuses one beyond those allowed.
/// </summary>
public sealed class QuizAttempt : Entity
{
    private QuizAttempt() { }

    /// <param name="attemptsTaken">The learner's earlier attempts at this module.</param>
    public QuizAttempt(Guid learnerId, Guid courseId, Guid versionId, Guid moduleId, Quiz quiz,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers, int attemptsTaken, DateTimeOffset now)
    {
        quiz.EffectivePolicy.EnsureMayAttempt(attemptsTaken);
        var unknown = answers.Keys.Where(k => quiz.Questions.All(q => q.Id != k)).ToList();
        if (unknown.Count > 0)
            throw new DomainException("quiz.questions-unknown", new { questions = unknown.ToList() });
        LearnerId = learnerId;
        CourseId = courseId;
        VersionId = versionId;
        ModuleId = moduleId;
        AttemptNumber = attemptsTaken + 1;
        Purpose = quiz.Purpose;
        Result = quiz.Mark(answers);
        ScorePercent = Result.ScorePercent;
        Passed = Result.Passed;
        SubmittedAt = now;
    }

    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid VersionId { get; private set; }
    public Guid ModuleId { get; private set; }
    /// <summary>1 for the first attempt at the module, 2 for the second, …</summary>
    public int AttemptNumber { get; private set; }

    public QuizPurpose Purpose { get; private set; }
    public decimal ScorePercent { get; private set; }
    public bool Passed { get; private set; }
    public QuizResult Result { get; private set; } = null!;
    public DateTimeOffset SubmittedAt { get; private set; }
}
