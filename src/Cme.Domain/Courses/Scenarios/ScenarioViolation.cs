using Cme.Domain.Common;
namespace Cme.Domain.Courses.Scenarios;

/// <summary>What is wrong with a scenario graph (a code, and the reason with its values), and where.</summary>
public sealed record ScenarioViolation(string Code, Reason Reason, IReadOnlyList<string> NodeIds)
{
    public const string NoStart = "no-start";
    public const string SeveralStarts = "several-starts";
    public const string TooManyNodes = "too-many-nodes";
    public const string DuplicateNodeId = "duplicate-node-id";
    public const string MissingTarget = "missing-target";
    public const string Unreachable = "unreachable";
    public const string DeadEnd = "dead-end";
    public const string Cycle = "cycle";
    public const string DecisionWithoutOptions = "decision-without-options";
    public const string DuplicateOptionId = "duplicate-option-id";
    public const string OutcomeLeadsOn = "outcome-leads-on";
    public const string EmptyText = "empty-text";
    public const string BadPassMark = "bad-pass-mark";
}
