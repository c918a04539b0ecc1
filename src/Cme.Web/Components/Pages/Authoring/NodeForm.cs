using System.Globalization;
using Cme.Web.Api;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Authoring;

/// <summary>
/// One scenario node as the editor posts it. Vital signs and lab results are lines of
/// "|"-separated cells; option rows left blank are ignored.
/// </summary>
public sealed class NodeForm
{
    public const int BlankOptionRows = 4;

    /// <summary>The id of the node being edited; empty for a new node.</summary>
    public string? EditingId { get; set; }

    public string? Id { get; set; }

    public ScenarioNodeKind Kind { get; set; } = ScenarioNodeKind.Presentation;

    public string? Title { get; set; }

    public string? Narrative { get; set; }

    public bool IsStart { get; set; }

    public string? NextNodeId { get; set; }

    /// <summary>名称|值|单位, one per line.</summary>
    public string? VitalSigns { get; set; }

    /// <summary>项目|结果|单位|参考范围|标志, one per line.</summary>
    public string? LabResults { get; set; }

    public List<OptionRow> Options { get; set; } = [];

    public static NodeForm ForNew() => new() { Options = Blank(BlankOptionRows) };

    public static NodeForm From(ScenarioNode node)
    {
        var options = (node.Options ?? []).Select(o => new OptionRow
        {
            Id = o.Id,
            Text = o.Text,
            NextNodeId = o.NextNodeId,
            Score = Labels.Number(o.Score),
            Feedback = o.Feedback,
            CriticalError = o.CriticalError,
        }).ToList();
        options.AddRange(Blank(Math.Max(1, BlankOptionRows - options.Count)));
        return new NodeForm
        {
            EditingId = node.Id,
            Id = node.Id,
            Kind = node.Kind,
            Title = node.Title,
            Narrative = node.Narrative,
            IsStart = node.IsStart,
            NextNodeId = node.NextNodeId,
            VitalSigns = string.Join('\n', (node.VitalSigns ?? []).Select(v => Join(v.Name, v.Value, v.Unit))),
            LabResults = string.Join('\n', (node.LabResults ?? []).Select(l => Join(l.Test, l.Value, l.Unit, l.ReferenceRange, l.Flag))),
            Options = options,
        };
    }

    /// <summary>Options need a decision, a next node anything but a decision or an outcome; the rest is dropped.</summary>
    public ScenarioNode ToNode(IReadOnlyList<Guid> imageIds) => new(
        Trim(EditingId) is { Length: > 0 } editing ? editing : Trim(Id),
        Kind,
        Trim(Title),
        Narrative?.Trim() ?? "",
        IsStart,
        Kind is ScenarioNodeKind.Decision or ScenarioNodeKind.Outcome || string.IsNullOrWhiteSpace(NextNodeId) ? null : NextNodeId.Trim(),
        Kind == ScenarioNodeKind.Decision ? FilledOptions().ToList() : [],
        Rows(VitalSigns).Where(c => c.Length >= 2).Select(c => new VitalSign(c[0], c[1], Cell(c, 2))).ToList(),
        Rows(LabResults).Where(c => c.Length >= 2).Select(c => new LabResult(c[0], c[1], Cell(c, 2), Cell(c, 3), Cell(c, 4))).ToList(),
        imageIds);

    private IEnumerable<ScenarioOption> FilledOptions() =>
        Options.Where(o => !string.IsNullOrWhiteSpace(o.Id) || !string.IsNullOrWhiteSpace(o.Text))
            .Select(o => new ScenarioOption(
                Trim(o.Id), Trim(o.Text), Trim(o.NextNodeId),
                decimal.TryParse(o.Score, NumberStyles.Number, CultureInfo.InvariantCulture, out var score) ? score : 0,
                o.Feedback?.Trim() ?? "", o.CriticalError));

    private static IEnumerable<string[]> Rows(string? text) =>
        (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('|', StringSplitOptions.TrimEntries))
            .Where(cells => cells.Length > 0 && cells[0].Length > 0);

    private static string? Cell(string[] cells, int index) =>
        index < cells.Length && cells[index].Length > 0 ? cells[index] : null;

    private static string Join(params string?[] cells) => string.Join(" | ", cells.Select(c => c ?? "")).TrimEnd(' ', '|');

    private static List<OptionRow> Blank(int count) => Enumerable.Range(0, count).Select(_ => new OptionRow()).ToList();

    private static string Trim(string? value) => value?.Trim() ?? "";

    public sealed class OptionRow
    {
        public string? Id { get; set; }

        public string? Text { get; set; }

        public string? NextNodeId { get; set; }

        public string? Score { get; set; }

        public string? Feedback { get; set; }

        public bool CriticalError { get; set; }
    }
}
