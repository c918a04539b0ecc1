using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Application.Reviews;

public enum ContentChange
{
    Unchanged,
    Added,
    Removed,
    Changed,
}

/// <summary>A node of a case or a question of a quiz, and which of its fields changed (codes such as <c>narrative</c>, <c>score</c>).</summary>
public sealed record ItemChange(ContentChange Change, string Id, string Label, IReadOnlyList<string> Fields);

/// <summary>
/// One module against the earlier version: what changed in the module itself (<c>title</c>, <c>text</c>,
/// <c>passMark</c>, <c>purpose</c>, <c>policy</c>) and in its nodes or questions.
/// </summary>
public sealed record ModuleChange(
    ContentChange Change, ModuleKind Kind, string Title, string? PreviousTitle, int Position, IReadOnlyList<string> Fields, IReadOnlyList<ItemChange> Items);

/// <summary>What of a module is compared: its place, kind, title and content.</summary>
public sealed record ModuleContent(int Position, ModuleKind Kind, string Title, string? Markdown, ScenarioGraph? Scenario, Quiz? Quiz)
{
    public static ModuleContent Of(CourseModule module) =>
        new(module.Position, module.Kind, module.Title, module.Markdown, module.Scenario, module.Quiz);
}

/// <summary>
/// What changed between two versions of a course, module by module. Modules carry no identity across
/// versions (a new version copies them), so a module is matched to the earlier one of the same kind and
/// title, else to the one of the same kind at the same position; what is left was added or removed.
/// </summary>
public static class VersionComparison
{
    public static IReadOnlyList<ModuleChange> Compare(IReadOnlyList<ModuleContent> previous, IReadOnlyList<ModuleContent> current)
    {
        var before = previous.OrderBy(m => m.Position).ToList();
        var after = current.OrderBy(m => m.Position).ToList();
        // Matched by reference: two modules may hold equal content.
        var pairs = new Dictionary<ModuleContent, ModuleContent>(ReferenceEqualityComparer.Instance);
        var used = new HashSet<ModuleContent>(ReferenceEqualityComparer.Instance);
        void Pair(Func<ModuleContent, ModuleContent, bool> same)
        {
            foreach (var module in after.Where(m => !pairs.ContainsKey(m)))
            {
                if (before.FirstOrDefault(b => !used.Contains(b) && b.Kind == module.Kind && same(b, module)) is { } match)
                {
                    pairs[module] = match;
                    used.Add(match);
                }
            }
        }
        Pair((b, a) => b.Title == a.Title);
        Pair((b, a) => b.Position == a.Position);

        var changes = after.Select(m => pairs.TryGetValue(m, out var earlier)
            ? ModuleOf(earlier, m)
            : new ModuleChange(ContentChange.Added, m.Kind, m.Title, null, m.Position, [], [])).ToList();
        changes.AddRange(before.Where(b => !used.Contains(b))
            .Select(b => new ModuleChange(ContentChange.Removed, b.Kind, b.Title, null, b.Position, [], [])));
        return changes;
    }

    private static ModuleChange ModuleOf(ModuleContent before, ModuleContent after)
    {
        var fields = new List<string>();
        if (before.Title != after.Title)
            fields.Add("title");
        IReadOnlyList<ItemChange> items = [];
        switch (after.Kind)
        {
            case ModuleKind.Page when (before.Markdown ?? "") != (after.Markdown ?? ""):
                fields.Add("text");
                break;
            case ModuleKind.Scenario when before.Scenario is { } was && after.Scenario is { } now:
                if (was.PassMarkPercent != now.PassMarkPercent)
                    fields.Add("passMark");
                items = Items(was.Nodes, now.Nodes, n => n.Id, n => n.Title, NodeFields);
                break;
            case ModuleKind.Quiz when before.Quiz is { } was && after.Quiz is { } now:
                if (was.Purpose != now.Purpose)
                    fields.Add("purpose");
                if (was.PassMarkPercent != now.PassMarkPercent)
                    fields.Add("passMark");
                if (was.Policy != now.Policy)
                    fields.Add("policy");
                items = Items(was.Questions, now.Questions, q => q.Id, q => q.Text, QuestionFields);
                break;
        }
        var changed = fields.Count > 0 || items.Any(i => i.Change != ContentChange.Unchanged);
        return new ModuleChange(changed ? ContentChange.Changed : ContentChange.Unchanged, after.Kind, after.Title,
            before.Title == after.Title ? null : before.Title, after.Position, fields, [.. items.Where(i => i.Change != ContentChange.Unchanged)]);
    }

    /// <summary>Nodes or questions matched by their id, in the order of the newer version, then the removed ones.</summary>
    private static List<ItemChange> Items<T>(IReadOnlyList<T> before, IReadOnlyList<T> after, Func<T, string> id, Func<T, string> label,
        Func<T, T, List<string>> fieldsOf)
    {
        var earlier = before.GroupBy(id).ToDictionary(g => g.Key, g => g.First());
        var items = after.Select(item => earlier.TryGetValue(id(item), out var was)
            ? fieldsOf(was, item) is { Count: > 0 } fields ? new ItemChange(ContentChange.Changed, id(item), label(item), fields) : new ItemChange(ContentChange.Unchanged, id(item), label(item), [])
            : new ItemChange(ContentChange.Added, id(item), label(item), [])).ToList();
        var kept = after.Select(id).ToHashSet();
        items.AddRange(before.Where(b => !kept.Contains(id(b))).Select(b => new ItemChange(ContentChange.Removed, id(b), label(b), [])));
        return items;
    }

    private static List<string> NodeFields(ScenarioNode was, ScenarioNode now)
    {
        var fields = new List<string>();
        void Check(bool differs, string field)
        {
            if (differs)
                fields.Add(field);
        }
        Check(was.Kind != now.Kind, "kind");
        Check(was.Title != now.Title, "title");
        Check(was.Narrative != now.Narrative, "narrative");
        Check(was.IsStart != now.IsStart, "start");
        Check(was.NextNodeId != now.NextNodeId, "next");
        Check(!was.VitalSigns.SequenceEqual(now.VitalSigns), "vitalSigns");
        Check(!was.LabResults.SequenceEqual(now.LabResults), "labResults");
        Check(!was.ImageIds.SequenceEqual(now.ImageIds), "images");
        var before = was.Options.GroupBy(o => o.Id).ToDictionary(g => g.Key, g => g.First());
        var paired = now.Options.Where(o => before.ContainsKey(o.Id)).Select(o => (Was: before[o.Id], Now: o)).ToList();
        Check(!was.Options.Select(o => o.Id).SequenceEqual(now.Options.Select(o => o.Id)) || paired.Any(p => p.Was.Text != p.Now.Text), "options");
        Check(paired.Any(p => p.Was.Score != p.Now.Score), "score");
        Check(paired.Any(p => p.Was.Feedback != p.Now.Feedback), "feedback");
        Check(paired.Any(p => p.Was.CriticalError != p.Now.CriticalError), "criticalError");
        Check(paired.Any(p => p.Was.NextNodeId != p.Now.NextNodeId), "optionNext");
        return fields;
    }

    private static List<string> QuestionFields(QuizQuestion was, QuizQuestion now)
    {
        var fields = new List<string>();
        if (was.Text != now.Text)
            fields.Add("text");
        if (was.Kind != now.Kind)
            fields.Add("kind");
        if (!was.Options.Select(o => (o.Id, o.Text)).SequenceEqual(now.Options.Select(o => (o.Id, o.Text))))
            fields.Add("options");
        if (!was.Options.Where(o => o.IsCorrect).Select(o => o.Id).Order().SequenceEqual(now.Options.Where(o => o.IsCorrect).Select(o => o.Id).Order()))
            fields.Add("correct");
        if (was.Explanation != now.Explanation)
            fields.Add("explanation");
        return fields;
    }
}
