namespace Cme.Domain.Courses.Scenarios;

public enum ScenarioNodeKind
{
    /// <summary>病例呈现: how the patient presents.</summary>
    Presentation,
    /// <summary>病史</summary>
    History,
    /// <summary>体格检查</summary>
    Examination,
    /// <summary>辅助检查</summary>
    Investigation,
    /// <summary>决策: the learner chooses an option.</summary>
    Decision,
    /// <summary>结局: where a path ends.</summary>
    Outcome,
}

/// <summary>One vital sign shown with a node, e.g. 血压 142/90 mmHg.</summary>
public sealed record VitalSign(string Name, string Value, string? Unit);

/// <summary>One row of a lab table, e.g. 空腹血糖 2.8 mmol/L (3.9–6.1), flagged low.</summary>
public sealed record LabResult(string Test, string Value, string? Unit, string? ReferenceRange, string? Flag);

/// <summary>A choice at a decision node: where it leads, what it scores, what the learner is told.</summary>
public sealed record ScenarioOption(
    string Id, string Text, string NextNodeId, decimal Score, string Feedback, bool CriticalError = false);

/// <summary>
/// A step of a clinical case. Decision nodes lead on through their options, outcome nodes end a
/// path, every other node leads to <see cref="NextNodeId"/>.
/// </summary>
public sealed record ScenarioNode(
    string Id,
    ScenarioNodeKind Kind,
    string Title,
    string Narrative,
    bool IsStart = false,
    string? NextNodeId = null,
    IReadOnlyList<ScenarioOption>? Options = null,
    IReadOnlyList<VitalSign>? VitalSigns = null,
    IReadOnlyList<LabResult>? LabResults = null,
    IReadOnlyList<Guid>? ImageIds = null)
{
    public IReadOnlyList<ScenarioOption> Options { get; init; } = Options ?? [];
    public IReadOnlyList<VitalSign> VitalSigns { get; init; } = VitalSigns ?? [];
    public IReadOnlyList<LabResult> LabResults { get; init; } = LabResults ?? [];
    public IReadOnlyList<Guid> ImageIds { get; init; } = ImageIds ?? [];

    /// <summary>The nodes this one leads to.</summary>
    public IEnumerable<string> Targets => Kind switch
    {
        ScenarioNodeKind.Decision => Options.Select(o => o.NextNodeId),
        ScenarioNodeKind.Outcome => [],
        _ => NextNodeId is null ? [] : [NextNodeId],
    };
}
