using Cme.Domain.Common;

namespace Cme.Domain.Courses.Quizzes;

/// <summary>When a learner sees the answer key and explanations of a post-test.</summary>
public enum AnswerReveal
{
    /// <summary>通过后或最后一次作答后: the default.</summary>
    AfterPassingOrLastAttempt,
    /// <summary>用完全部作答次数后</summary>
    AfterLastAttempt,
    /// <summary>从不显示</summary>
    Never,
    /// <summary>每次作答后</summary>
    Immediately,
}

/// <summary>
/// How a post-test may be taken: how many attempts and when the answer key is shown. It is part of
/// the quiz, so it is frozen with the accredited version. Pre-tests and practice quizzes measure or
/// train and are not limited (<see cref="Open"/>).
/// </summary>
public sealed record QuizPolicy(int? AttemptsAllowed, AnswerReveal ShowAnswers)
{
    public const int MaxAttempts = 10;

    /// <summary>Three attempts; the key after passing or after the last attempt.</summary>
    public static readonly QuizPolicy PostTestDefault = new(3, AnswerReveal.AfterPassingOrLastAttempt);

    /// <summary>Unlimited attempts, the key after each one: pre-tests and practice.</summary>
    public static readonly QuizPolicy Open = new(null, AnswerReveal.Immediately);

    public IReadOnlyList<Reason> Validate()
    {
        var problems = new List<Reason>();
        if (AttemptsAllowed is not (>= 1 and <= MaxAttempts))
            problems.Add(Reason.Of("quiz.policy-attempts", new { max = MaxAttempts }));
        if (!Enum.IsDefined(ShowAnswers))
            problems.Add(Reason.Of("quiz.policy-show-answers"));
        return problems;
    }

    /// <summary>Attempts still open after <paramref name="taken"/>; null when unlimited.</summary>
    public int? AttemptsLeft(int taken) => AttemptsAllowed is { } allowed ? Math.Max(0, allowed - taken) : null;

    /// <summary>Refuses the attempt that would go beyond the number allowed (409).</summary>
    public void EnsureMayAttempt(int taken)
    {
        if (AttemptsLeft(taken) == 0)
            throw new AttemptsUsedUpException(AttemptsAllowed!.Value);
    }

    /// <summary>Whether attempt number <paramref name="attemptNumber"/> (1-based) may show the key and explanations.</summary>
    public bool ShowsAnswers(int attemptNumber, bool passed)
    {
        var last = AttemptsAllowed is { } allowed && attemptNumber >= allowed;
        return ShowAnswers switch
        {
            AnswerReveal.Immediately => true,
            AnswerReveal.AfterPassingOrLastAttempt => passed || last,
            AnswerReveal.AfterLastAttempt => last,
            _ => false,
        };
    }
}

/// <summary>Every attempt the post-test allows has been used (409).</summary>
public sealed class AttemptsUsedUpException(int attemptsAllowed)
    : DomainException("quiz.attempts-used-up", new { allowed = attemptsAllowed })
{
    public int AttemptsAllowed { get; } = attemptsAllowed;
}
