using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;

namespace Cme.Application.Learning;

public sealed record CatalogueItem(
    Guid CourseId, string Code, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string? AccreditationNumber, int ModuleCount);

public sealed record AuthorName(string NameZh, string NameLatin);

public sealed record LearnerModuleState(Guid Id, int Position, ModuleKind Kind, string Title, bool Completed, decimal? BestScore, decimal? MaxScore, bool? Passed);

public sealed record CoursePage(
    Guid CourseId, string Code, string TitleZh, string TitleEn, string SummaryZh, string SummaryEn, string Specialty,
    IReadOnlyList<Profession> TargetProfessions, IReadOnlyList<string> LearningObjectives, string CreditClass, decimal CreditValue,
    ProjectLevel ProjectLevel, string? AccreditationNumber, IReadOnlyList<AuthorName> Authors, string? Disclosure,
    Guid VersionId, int VersionNumber, IReadOnlyList<LearnerModuleState> Modules);

public sealed record QuizOptionView(string Id, string Text);

public sealed record QuizQuestionView(string Id, string Text, QuestionKind Kind, IReadOnlyList<QuizOptionView> Options);

public sealed record QuizView(
    QuizPurpose Purpose, decimal PassMarkPercent, IReadOnlyList<QuizQuestionView> Questions, QuizPolicy Policy, QuizAttemptsState Attempts);

/// <summary>
/// Where the learner stands with a quiz: attempts taken and left (null when unlimited), whether they
/// may submit again, and their latest result (with the key only when the policy allows).
/// </summary>
public sealed record QuizAttemptsState(int Taken, int? Allowed, int? Left, bool CanAttempt, bool Passed, QuizAttemptResult? Latest);

/// <summary>
/// A marked attempt. The questions' key and explanations are present only when the quiz's policy
/// shows them for this attempt (<see cref="AnswersShown"/>); otherwise the list is empty.
/// </summary>
public sealed record QuizAttemptResult(
    Guid AttemptId, int AttemptNumber, int? AttemptsAllowed, int? AttemptsLeft, decimal ScorePercent, bool Passed, bool AnswersShown,
    IReadOnlyList<QuestionResult> Questions, DateTimeOffset SubmittedAt)
{
    public static QuizAttemptResult Of(QuizAttempt attempt, QuizPolicy policy)
    {
        var shown = policy.ShowsAnswers(attempt.AttemptNumber, attempt.Passed);
        return new QuizAttemptResult(attempt.Id, attempt.AttemptNumber, policy.AttemptsAllowed, policy.AttemptsLeft(attempt.AttemptNumber),
            attempt.ScorePercent, attempt.Passed, shown, shown ? attempt.Result.Questions : [], attempt.SubmittedAt);
    }
}

public sealed record ScenarioSummary(int NodeCount, decimal MaxScore, decimal PassMarkPercent);

public sealed record LearnerModule(Guid Id, ModuleKind Kind, string Title, string? Html, QuizView? Quiz, ScenarioSummary? Scenario);

public sealed record OptionView(string Id, string Text);

/// <summary>A node as the learner sees it: no scores, feedback or targets before they choose.</summary>
public sealed record NodeView(
    string Id, ScenarioNodeKind Kind, string Title, string Narrative, IReadOnlyList<VitalSign> VitalSigns,
    IReadOnlyList<LabResult> LabResults, IReadOnlyList<Guid> ImageIds, IReadOnlyList<OptionView> Options);

public sealed record PathStepView(string NodeId, string NodeTitle, string? OptionId, string? OptionText, decimal Score, bool CriticalError, string? Feedback, DateTimeOffset At);

public sealed record AttemptView(
    Guid Id, Guid CourseId, Guid ModuleId, string ModuleTitle, AttemptStatus Status, decimal Score, decimal MaxScore, bool? Passed,
    int CriticalErrors, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int DurationSeconds, NodeView? Current,
    IReadOnlyList<PathStepView> Path)
{
    public static AttemptView Of(ScenarioAttempt attempt, string moduleTitle, ScenarioGraph graph)
    {
        var current = graph.Find(attempt.CurrentNodeId);
        return new AttemptView(
            attempt.Id, attempt.CourseId, attempt.ModuleId, moduleTitle, attempt.Status, attempt.Score, attempt.MaxScore, attempt.Passed,
            attempt.CriticalErrors, attempt.StartedAt, attempt.CompletedAt, attempt.DurationSeconds,
            current is null ? null : new NodeView(current.Id, current.Kind, current.Title, current.Narrative, current.VitalSigns,
                current.LabResults, current.ImageIds,
                attempt.Status == AttemptStatus.Completed ? [] : [.. current.Options.Select(o => new OptionView(o.Id, o.Text))]),
            [.. attempt.Steps.Select(s =>
            {
                var node = graph.Find(s.NodeId);
                return new PathStepView(s.NodeId, node?.Title ?? s.NodeId, s.OptionId,
                    node?.Options.FirstOrDefault(o => o.Id == s.OptionId)?.Text, s.Score, s.CriticalError, s.Feedback, s.At);
            })]);
    }
}

public sealed record AttemptSummary(
    Guid Id, Guid CourseId, string CourseTitleZh, string CourseTitleEn, Guid ModuleId, string ModuleTitle, AttemptStatus Status,
    decimal Score, decimal MaxScore, bool? Passed, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, int DurationSeconds);
