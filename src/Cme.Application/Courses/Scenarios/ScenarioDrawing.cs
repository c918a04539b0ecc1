using System.Globalization;
using System.Net;
using System.Text;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Application.Courses.Scenarios;

/// <summary>
/// Draws a scenario graph as SVG in layers from the start, top to bottom. Nodes that cannot be
/// reached are drawn in a last row, so an incomplete draft still shows everything.
/// </summary>
public static class ScenarioDrawing
{
    private const int BoxWidth = 168, BoxHeight = 52, ColumnGap = 28, RowGap = 64, Margin = 20;

    public static string Svg(ScenarioGraph graph)
    {
        var layers = Layers(graph);
        var widest = Math.Max(1, layers.Max(l => l.Count));
        var width = Margin * 2 + widest * BoxWidth + (widest - 1) * ColumnGap;
        var height = Margin * 2 + layers.Count * BoxHeight + Math.Max(0, layers.Count - 1) * RowGap;
        var position = new Dictionary<string, (int X, int Y)>(StringComparer.Ordinal);
        for (var row = 0; row < layers.Count; row++)
        {
            var offset = (width - (layers[row].Count * BoxWidth + (layers[row].Count - 1) * ColumnGap)) / 2;
            for (var col = 0; col < layers[row].Count; col++)
                position[layers[row][col]] = (offset + col * (BoxWidth + ColumnGap), Margin + row * (BoxHeight + RowGap));
        }

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"scenario-graph\" role=\"img\" viewBox=\"0 0 {width} {Math.Max(height, 80)}\" width=\"{width}\" height=\"{Math.Max(height, 80)}\" font-family=\"'Noto Sans CJK SC','WenQuanYi Micro Hei','Microsoft YaHei',sans-serif\" font-size=\"12\">");
        svg.Append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#64748b\"/></marker></defs>");
        if (graph.Nodes.Count == 0)
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Margin}\" y=\"{Margin + 20}\" fill=\"#64748b\">(no nodes yet)</text>");

        foreach (var node in graph.Nodes)
        {
            if (!position.TryGetValue(node.Id, out var from))
                continue;
            var targets = node.Kind == ScenarioNodeKind.Decision
                ? node.Options.Select(o => (o.NextNodeId, Label: $"{o.Id} ({o.Score.ToString("0.##", CultureInfo.InvariantCulture)})", o.CriticalError))
                : node.Targets.Select(t => (NextNodeId: t, Label: "", CriticalError: false));
            foreach (var (target, label, critical) in targets)
            {
                if (!position.TryGetValue(target, out var to))
                    continue;
                var (x1, y1) = (from.X + BoxWidth / 2, from.Y + BoxHeight);
                var (x2, y2) = (to.X + BoxWidth / 2, to.Y);
                if (to.Y <= from.Y)
                    (y1, y2) = (from.Y + BoxHeight / 2, to.Y + BoxHeight / 2); // a back or side edge (a cycle in a draft)
                var colour = critical ? "#dc2626" : "#64748b";
                svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{x1}\" y1=\"{y1}\" x2=\"{x2}\" y2=\"{y2}\" stroke=\"{colour}\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>");
                if (label.Length > 0)
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{(x1 + x2) / 2 + 4}\" y=\"{(y1 + y2) / 2}\" fill=\"{colour}\" font-size=\"11\">{Escape(label)}</text>");
            }
        }

        foreach (var node in graph.Nodes)
        {
            if (!position.TryGetValue(node.Id, out var at))
                continue;
            var (fill, stroke) = Colours(node.Kind);
            svg.Append(CultureInfo.InvariantCulture, $"<g class=\"node\" data-node-id=\"{Escape(node.Id)}\"><rect x=\"{at.X}\" y=\"{at.Y}\" width=\"{BoxWidth}\" height=\"{BoxHeight}\" rx=\"8\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{(node.IsStart ? 3 : 1.5)}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{at.X + 10}\" y=\"{at.Y + 20}\" font-weight=\"600\" fill=\"#0f172a\">{Escape(Shorten(node.Title, 12))}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{at.X + 10}\" y=\"{at.Y + 39}\" fill=\"#475569\" font-size=\"11\">{Escape(node.Id)} · {node.Kind}{(node.IsStart ? " · start" : "")}</text></g>");
        }
        svg.Append("</svg>");
        return svg.ToString();
    }

    private static List<List<string>> Layers(ScenarioGraph graph)
    {
        var depth = new Dictionary<string, int>(StringComparer.Ordinal);
        if (graph.Nodes.FirstOrDefault(n => n.IsStart) is { } start)
        {
            var queue = new Queue<string>([start.Id]);
            depth[start.Id] = 0;
            while (queue.TryDequeue(out var id))
                foreach (var target in graph.Find(id)?.Targets ?? [])
                    if (graph.Find(target) is not null && depth.TryAdd(target, depth[id] + 1))
                        queue.Enqueue(target);
        }
        var layers = depth.GroupBy(d => d.Value).OrderBy(g => g.Key)
            .Select(g => g.Select(d => d.Key).OrderBy(id => graph.Nodes.ToList().FindIndex(n => n.Id == id)).ToList()).ToList();
        var unreachable = graph.Nodes.Select(n => n.Id).Distinct().Where(id => !depth.ContainsKey(id)).ToList();
        if (unreachable.Count > 0)
            layers.Add(unreachable);
        return layers.Count == 0 ? [[]] : layers;
    }

    private static (string Fill, string Stroke) Colours(ScenarioNodeKind kind) => kind switch
    {
        ScenarioNodeKind.Presentation => ("#e0f2fe", "#0284c7"),
        ScenarioNodeKind.History => ("#f1f5f9", "#64748b"),
        ScenarioNodeKind.Examination => ("#ecfdf5", "#059669"),
        ScenarioNodeKind.Investigation => ("#f5f3ff", "#7c3aed"),
        ScenarioNodeKind.Decision => ("#fffbeb", "#d97706"),
        _ => ("#fef2f2", "#b91c1c"),
    };

    private static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    private static string Escape(string text) => WebUtility.HtmlEncode(text);
}
