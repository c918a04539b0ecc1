using Cme.Domain.Common;
namespace Cme.Domain.Courses.Quizzes;

public enum QuizPurpose
{
    /// <summary>练习: for practice only.</summary>
    Practice,
    /// <summary>课前测: taken before the course; kept for effectiveness reports.</summary>
    PreTest,
    /// <summary>课后测: taken after the course; a completion rule can require its pass mark.</summary>
    PostTest,
}

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
}

public sealed record QuizOption(string Id, string Text, bool IsCorrect);

public sealed record QuizQuestion(string Id, string Text, QuestionKind Kind, IReadOnlyList<QuizOption> Options, string Explanation);

/// <summary>
/// A quiz: single and multiple choice questions with explanations. A post-test always has a policy
/// (the default when none was given); other quizzes have none and are open (<see cref="QuizPolicy.Open"/>).
/// </summary>
public sealed record Quiz(QuizPurpose Purpose, decimal PassMarkPercent, IReadOnlyList<QuizQuestion> Questions, QuizPolicy? Policy = null)
{
    public const int MaxQuestions = 100;

    /// <summary>Stored quizzes written before policies existed read as the default.</summary>
    public QuizPolicy? Policy { get; init; } = Purpose == QuizPurpose.PostTest ? Policy ?? QuizPolicy.PostTestDefault : null;

    /// <summary>The policy attempts are held to.</summary>
    public QuizPolicy EffectivePolicy => Purpose == QuizPurpose.PostTest ? Policy ?? QuizPolicy.PostTestDefault : QuizPolicy.Open;

    public IReadOnlyList<Reason> Validate()
    {
        var problems = new List<Reason>();
        void Add(string code, object? values = null) => problems.Add(Reason.Of($"quiz.{code}", values));
        if (Questions.Count == 0)
            Add("no-questions");
        if (Questions.Count > MaxQuestions)
            Add("too-many-questions", new { max = MaxQuestions });
        if (PassMarkPercent is < 0 or > 100)
            Add("bad-pass-mark");
        if (Policy is not null)
            problems.AddRange(Policy.Validate());
        foreach (var group in Questions.GroupBy(q => q.Id).Where(g => g.Count() > 1))
            Add("duplicate-question-id", new { question = group.Key });
        foreach (var q in Questions)
        {
            if (string.IsNullOrWhiteSpace(q.Text))
                Add("question-empty", new { question = q.Id });
            if (q.Options.Count < 2)
                Add("too-few-options", new { question = q.Id });
            var correct = q.Options.Count(o => o.IsCorrect);
            if (q.Kind == QuestionKind.SingleChoice && correct != 1)
                Add("single-correct", new { question = q.Id });
            if (q.Kind == QuestionKind.MultipleChoice && correct < 1)
                Add("multiple-correct", new { question = q.Id });
            if (q.Options.GroupBy(o => o.Id).Any(g => g.Count() > 1))
                Add("duplicate-option-id", new { question = q.Id });
        }
        return problems;
    }

    /// <summary>Marks the answers: a question counts when exactly its correct options were chosen.</summary>
    public QuizResult Mark(IReadOnlyDictionary<string, IReadOnlyCollection<string>> answers)
    {
        var marked = Questions.Select(q =>
        {
            var chosen = answers.TryGetValue(q.Id, out var c) ? c.ToHashSet(StringComparer.Ordinal) : [];
            var correct = q.Options.Where(o => o.IsCorrect).Select(o => o.Id).ToHashSet(StringComparer.Ordinal);
            return new QuestionResult(q.Id, chosen.SetEquals(correct), [.. chosen], [.. correct], q.Explanation);
        }).ToList();
        var percent = Questions.Count == 0 ? 0 : Math.Round(100m * marked.Count(m => m.Correct) / Questions.Count, 1);
        return new QuizResult(percent, percent >= PassMarkPercent, marked);
    }
}

public sealed record QuestionResult(string QuestionId, bool Correct, IReadOnlyList<string> Chosen, IReadOnlyList<string> CorrectOptions, string Explanation);

public sealed record QuizResult(decimal ScorePercent, bool Passed, IReadOnlyList<QuestionResult> Questions);
