namespace Cme.Web.Api;

/// <summary>A branching clinical case as a module holds it.</summary>
public sealed record Scenario(IReadOnlyList<ScenarioNode>? Nodes, decimal PassMarkPercent);

public sealed record ScenarioNode(
    string Id,
    ScenarioNodeKind Kind,
    string Title,
    string? Narrative,
    bool IsStart,
    string? NextNodeId,
    IReadOnlyList<ScenarioOption>? Options,
    IReadOnlyList<VitalSign>? VitalSigns,
    IReadOnlyList<LabResult>? LabResults,
    IReadOnlyList<Guid>? ImageIds);

public sealed record ScenarioOption(
    string Id, string Text, string NextNodeId, decimal Score, string? Feedback, bool CriticalError);

public sealed record VitalSign(string Name, string Value, string? Unit);

public sealed record LabResult(string Test, string Value, string? Unit, string? ReferenceRange, string? Flag);

public sealed record ScenarioViolation(string Code, string Message, IReadOnlyList<string>? NodeIds);

public sealed record ScenarioValidation(IReadOnlyList<ScenarioViolation>? Violations, decimal MaxScore, decimal PassMarkPercent);

public sealed record PassMarkInput(decimal PassMarkPercent);

/// <summary>A quiz with its answer key, as authors and reviewers see it.</summary>
/// <summary>A quiz; a post-test carries its policy (the API fills in the default when none was given).</summary>
public sealed record Quiz(QuizPurpose Purpose, decimal PassMarkPercent, IReadOnlyList<QuizQuestion>? Questions, QuizPolicy? Policy = null);

/// <summary>How many attempts a post-test allows and when its answers are shown.</summary>
public sealed record QuizPolicy(int? AttemptsAllowed, AnswerReveal ShowAnswers);

public sealed record QuizQuestion(
    string Id, string Text, QuestionKind Kind, IReadOnlyList<QuizOption>? Options, string? Explanation);

public sealed record QuizOption(string Id, string Text, bool IsCorrect);
