using Cme.Domain.Common;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Domain.Learning;

public enum AttemptStatus
{
    InProgress,
    Completed,
}

/// <summary>One step of a learner's path: the node they were on and, at a decision, what they chose.</summary>
public sealed record AttemptStep(string NodeId, string? OptionId, decimal Score, bool CriticalError, string? Feedback, DateTimeOffset At);

/// <summary>A learner working through a clinical scenario, from the start node to an outcome.</summary>
public sealed class ScenarioAttempt : Entity
{
    private List<AttemptStep> _steps = [];

    private ScenarioAttempt() { }

    public ScenarioAttempt(Guid learnerId, Guid courseId, Guid versionId, Guid moduleId, ScenarioGraph graph, DateTimeOffset now)
    {
        var start = graph.Start ?? throw new DomainException("scenario.no-start");
        LearnerId = learnerId;
        CourseId = courseId;
        VersionId = versionId;
        ModuleId = moduleId;
        CurrentNodeId = start.Id;
        MaxScore = graph.MaxScore();
        StartedAt = LastActivityAt = now;
        Status = AttemptStatus.InProgress;
    }

    public Guid LearnerId { get; private set; }
    public Guid CourseId { get; private set; }
    public Guid VersionId { get; private set; }
    public Guid ModuleId { get; private set; }
    public AttemptStatus Status { get; private set; }
    public string CurrentNodeId { get; private set; } = "";
    public IReadOnlyList<AttemptStep> Steps => _steps;
    public decimal Score { get; private set; }
    public decimal MaxScore { get; private set; }
    public bool? Passed { get; private set; }
    public int CriticalErrors { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public DateTimeOffset LastActivityAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }

    /// <summary>Seconds from start to outcome (or to the last activity while in progress).</summary>
    public int DurationSeconds => (int)((CompletedAt ?? LastActivityAt) - StartedAt).TotalSeconds;

    /// <summary>Moves on from a node that is not a decision.</summary>
    public void Continue(ScenarioGraph graph, DateTimeOffset now)
    {
        var node = Current(graph);
        if (node.Kind == ScenarioNodeKind.Decision)
            throw new DomainException("attempt.choose-option");
        Record(new AttemptStep(node.Id, null, 0, false, null, now), node.NextNodeId!, graph, now);
    }

    /// <summary>Chooses an option at a decision; returns the step with its score and feedback.</summary>
    public AttemptStep Choose(ScenarioGraph graph, string optionId, DateTimeOffset now)
    {
        var node = Current(graph);
        if (node.Kind != ScenarioNodeKind.Decision)
            throw new DomainException("attempt.nothing-to-choose");
        var option = node.Options.FirstOrDefault(o => o.Id == optionId)
            ?? throw new DomainException("attempt.option-unknown", new { optionId });
        var step = new AttemptStep(node.Id, option.Id, option.Score, option.CriticalError, option.Feedback, now);
        Score += option.Score;
        if (option.CriticalError)
            CriticalErrors++;
        Record(step, option.NextNodeId, graph, now);
        return step;
    }

    private ScenarioNode Current(ScenarioGraph graph)
    {
        if (Status == AttemptStatus.Completed)
            throw new DomainException("attempt.finished");
        return graph.Find(CurrentNodeId) ?? throw new DomainException("attempt.step-gone");
    }

    private void Record(AttemptStep step, string next, ScenarioGraph graph, DateTimeOffset now)
    {
        _steps = [.. _steps, step];
        CurrentNodeId = next;
        LastActivityAt = now;
        if (graph.Find(next)?.Kind == ScenarioNodeKind.Outcome)
        {
            _steps = [.. _steps, new AttemptStep(next, null, 0, false, null, now)];
            Status = AttemptStatus.Completed;
            CompletedAt = now;
            Passed = graph.IsPass(Score) && CriticalErrors == 0;
        }
    }
}
