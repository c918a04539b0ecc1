using Cme.Domain.Common;
namespace Cme.Domain.Courses.Scenarios;

/// <summary>
/// A branching clinical case: a directed acyclic graph of nodes from one start to outcomes.
/// Immutable; <see cref="Validate"/> lists every violation with the nodes concerned.
/// </summary>
public sealed record ScenarioGraph(IReadOnlyList<ScenarioNode> Nodes, decimal PassMarkPercent)
{
    public const int MaxNodes = 200;
    public const int MaxTextLength = 4000;

    public ScenarioNode? Start => Nodes.Count(n => n.IsStart) == 1 ? Nodes.Single(n => n.IsStart) : null;

    public ScenarioNode? Find(string id) => Nodes.FirstOrDefault(n => n.Id == id);

    public IReadOnlyList<ScenarioViolation> Validate()
    {
        var violations = new List<ScenarioViolation>();
        void Add(string code, object? values, params string[] nodes) => violations.Add(new(code, Reason.Of($"scenario.{code}", values), nodes));

        if (Nodes.Count > MaxNodes)
            Add(ScenarioViolation.TooManyNodes, new { max = MaxNodes, count = Nodes.Count });
        if (PassMarkPercent is < 0 or > 100)
            Add(ScenarioViolation.BadPassMark, null);

        var starts = Nodes.Where(n => n.IsStart).Select(n => n.Id).ToArray();
        if (starts.Length == 0)
            Add(ScenarioViolation.NoStart, null);
        else if (starts.Length > 1)
            Add(ScenarioViolation.SeveralStarts, new { nodes = starts }, starts);

        foreach (var group in Nodes.GroupBy(n => n.Id).Where(g => g.Count() > 1))
            Add(ScenarioViolation.DuplicateNodeId, new { node = group.Key, count = group.Count() }, group.Key);

        var ids = Nodes.Select(n => n.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var node in Nodes)
        {
            if (string.IsNullOrWhiteSpace(node.Id) || string.IsNullOrWhiteSpace(node.Title) || node.Title.Length > 200
                || node.Narrative.Length > MaxTextLength)
                Add(ScenarioViolation.EmptyText, new { titleMax = 200, narrativeMax = MaxTextLength }, node.Id);
            switch (node.Kind)
            {
                case ScenarioNodeKind.Decision when node.Options.Count == 0:
                    Add(ScenarioViolation.DecisionWithoutOptions, new { node = node.Id }, node.Id);
                    break;
                case ScenarioNodeKind.Decision:
                    foreach (var group in node.Options.GroupBy(o => o.Id).Where(g => g.Count() > 1))
                        Add(ScenarioViolation.DuplicateOptionId, new { node = node.Id, option = group.Key }, node.Id);
                    foreach (var option in node.Options.Where(o => string.IsNullOrWhiteSpace(o.Text)))
                        violations.Add(new(ScenarioViolation.EmptyText, Reason.Of("scenario.option-empty", new { node = node.Id, option = option.Id }), [node.Id]));
                    break;
                case ScenarioNodeKind.Outcome when node.NextNodeId is not null || node.Options.Count > 0:
                    Add(ScenarioViolation.OutcomeLeadsOn, new { node = node.Id }, node.Id);
                    break;
                case not ScenarioNodeKind.Outcome when node.NextNodeId is null:
                    Add(ScenarioViolation.DeadEnd, new { node = node.Id }, node.Id);
                    break;
            }
            foreach (var target in node.Targets.Where(t => !ids.Contains(t)))
                Add(ScenarioViolation.MissingTarget, new { node = node.Id, target }, node.Id);
        }

        if (starts.Length == 1)
        {
            var reachable = Reachable(starts[0]);
            var unreachable = Nodes.Where(n => !reachable.Contains(n.Id)).Select(n => n.Id).Distinct().ToArray();
            if (unreachable.Length > 0)
                Add(ScenarioViolation.Unreachable, new { count = unreachable.Length, nodes = unreachable }, unreachable);
        }

        var cycle = FindCycle();
        if (cycle is not null)
            Add(ScenarioViolation.Cycle, new { path = string.Join(" → ", cycle) }, [.. cycle.Distinct()]);

        return violations;
    }

    /// <summary>The best score a learner can reach on any path from the start (0 for an invalid graph).</summary>
    public decimal MaxScore()
    {
        if (Start is not { } start || FindCycle() is not null)
            return 0;
        var best = new Dictionary<string, decimal>(StringComparer.Ordinal);
        return Best(start.Id, best);
    }

    /// <summary>Passed when the score reaches the pass mark, as a share of the best possible score.</summary>
    public bool IsPass(decimal score)
    {
        var max = MaxScore();
        return max <= 0 ? score >= 0 : score * 100 >= PassMarkPercent * max;
    }

    private decimal Best(string id, Dictionary<string, decimal> memo)
    {
        if (memo.TryGetValue(id, out var known))
            return known;
        var node = Find(id);
        var value = node is null ? 0 : node.Kind switch
        {
            ScenarioNodeKind.Decision => node.Options.Count == 0 ? 0 : node.Options.Max(o => o.Score + Best(o.NextNodeId, memo)),
            ScenarioNodeKind.Outcome => 0,
            _ => node.NextNodeId is null ? 0 : Best(node.NextNodeId, memo),
        };
        memo[id] = value;
        return value;
    }

    private HashSet<string> Reachable(string start)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal) { start };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var id))
            foreach (var target in Find(id)?.Targets ?? [])
                if (seen.Add(target))
                    queue.Enqueue(target);
        return seen;
    }

    /// <summary>One cycle as a list of node ids (first repeated at the end), or null.</summary>
    private List<string>? FindCycle()
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 on the stack, 2 done
        var stack = new List<string>();
        List<string>? Visit(string id)
        {
            if (state.TryGetValue(id, out var s))
                return s == 1 ? [.. stack.Skip(stack.IndexOf(id)), id] : null;
            if (Find(id) is not { } node)
                return null;
            state[id] = 1;
            stack.Add(id);
            foreach (var target in node.Targets)
                if (Visit(target) is { } cycle)
                    return cycle;
            stack.RemoveAt(stack.Count - 1);
            state[id] = 2;
            return null;
        }
        foreach (var node in Nodes)
            if (Visit(node.Id) is { } cycle)
                return cycle;
        return null;
    }
}
