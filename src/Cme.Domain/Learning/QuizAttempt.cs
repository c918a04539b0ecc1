using Cme.Domain.Common;
using Cme.Domain.Courses.Quizzes;

namespace Cme.Domain.Learning;

/// <summary>A learner's answers to a quiz, marked. Pre- and post-test scores feed the effectiveness reports.</summary>
public sealed class QuizAttempt : Entity
{
    private QuizAttempt() { }

    public QuizAttempt(Guid learnerId, Guid courseId, Guid versionId, Guid moduleId, Quiz quiz,
        IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers, DateTimeOffset now)
    {
        var unknown = answers.Keys.Where(k => quiz.Questions.All(q => q.Id != k)).ToList();
        if (unknown.Count > 0)
            throw new DomainException("quiz.questions-unknown", new { questions = unknown.ToList() });
        LearnerId = learnerId;
        CourseId = courseId;
        VersionId = versionId;
        ModuleId = moduleId;
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
    public QuizPurpose Purpose { get; private set; }
    public decimal ScorePercent { get; private set; }
    public bool Passed { get; private set; }
    public QuizResult Result { get; private set; } = null!;
    public DateTimeOffset SubmittedAt { get; private set; }
}
