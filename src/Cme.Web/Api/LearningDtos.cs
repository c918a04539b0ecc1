namespace Cme.Web.Api;

public sealed record CatalogueQuery(
    string? Search, string? Specialty, string? CreditClass, ProjectLevel? ProjectLevel, int Page, int PageSize);

public sealed record CatalogueEntry(
    Guid CourseId,
    string Code,
    string TitleZh,
    string? TitleEn,
    string? SummaryZh,
    string? SummaryEn,
    string Specialty,
    string CreditClass,
    decimal CreditValue,
    ProjectLevel ProjectLevel,
    string? AccreditationNumber,
    int ModuleCount);

public sealed record CourseAuthor(string NameZh, string? NameLatin);

public sealed record LearnerModuleState(
    Guid Id, int Position, ModuleKind Kind, string Title, bool Completed, decimal? BestScore, decimal? MaxScore,
    bool? Passed);

public sealed record CoursePage(
    Guid CourseId,
    string Code,
    string TitleZh,
    string? TitleEn,
    string? SummaryZh,
    string? SummaryEn,
    string Specialty,
    IReadOnlyList<Profession>? TargetProfessions,
    IReadOnlyList<string>? LearningObjectives,
    string CreditClass,
    decimal CreditValue,
    ProjectLevel ProjectLevel,
    string? AccreditationNumber,
    IReadOnlyList<CourseAuthor>? Authors,
    string? Disclosure,
    Guid VersionId,
    int VersionNumber,
    IReadOnlyList<LearnerModuleState>? Modules);

public sealed record LearnerOption(string Id, string Text);

public sealed record LearnerQuestion(string Id, string Text, QuestionKind Kind, IReadOnlyList<LearnerOption>? Options);

public sealed record LearnerQuiz(
    QuizPurpose Purpose, decimal PassMarkPercent, IReadOnlyList<LearnerQuestion>? Questions, QuizPolicy? Policy, QuizAttemptsState? Attempts);

/// <summary>Attempts taken and left (null when unlimited), and the latest result as the policy lets the learner see it.</summary>
public sealed record QuizAttemptsState(int Taken, int? Allowed, int? Left, bool CanAttempt, bool Passed, QuizResult? Latest);

public sealed record LearnerScenario(int NodeCount, decimal MaxScore, decimal PassMarkPercent);

public sealed record LearnerModule(
    Guid Id, ModuleKind Kind, string Title, string? Html, LearnerQuiz? Quiz, LearnerScenario? Scenario);

public sealed record AttemptNode(
    string Id,
    ScenarioNodeKind Kind,
    string Title,
    string? Narrative,
    IReadOnlyList<VitalSign>? VitalSigns,
    IReadOnlyList<LabResult>? LabResults,
    IReadOnlyList<Guid>? ImageIds,
    IReadOnlyList<LearnerOption>? Options);

public sealed record AttemptStep(
    string NodeId, string? NodeTitle, string? OptionId, string? OptionText, decimal Score, bool CriticalError,
    string? Feedback, DateTimeOffset At);

public sealed record AttemptView(
    Guid Id,
    Guid CourseId,
    Guid ModuleId,
    string ModuleTitle,
    AttemptStatus Status,
    decimal Score,
    decimal MaxScore,
    bool? Passed,
    int CriticalErrors,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int DurationSeconds,
    AttemptNode? Current,
    IReadOnlyList<AttemptStep>? Path);

public sealed record AttemptSummary(
    Guid Id,
    Guid CourseId,
    string CourseTitleZh,
    string? CourseTitleEn,
    Guid ModuleId,
    string ModuleTitle,
    AttemptStatus Status,
    decimal Score,
    decimal MaxScore,
    bool? Passed,
    DateTimeOffset StartedAt,
    DateTimeOffset? CompletedAt,
    int DurationSeconds);

public sealed record ChooseInput(string OptionId);

public sealed record PreviewWalk(IReadOnlyList<string?> Moves);

public sealed record QuizAnswers(IReadOnlyDictionary<string, IReadOnlyList<string>> Answers);

public sealed record QuestionResult(
    string QuestionId, bool Correct, IReadOnlyList<string>? Chosen, IReadOnlyList<string>? CorrectOptions,
    string? Explanation);

/// <summary>A marked attempt; the questions (key and explanations) are there only when <see cref="AnswersShown"/>.</summary>
public sealed record QuizResult(
    Guid AttemptId, int AttemptNumber, int? AttemptsAllowed, int? AttemptsLeft, decimal ScorePercent, bool Passed, bool AnswersShown,
    IReadOnlyList<QuestionResult>? Questions, DateTimeOffset SubmittedAt);
