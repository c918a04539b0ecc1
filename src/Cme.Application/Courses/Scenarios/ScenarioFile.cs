using System.Text.Json;
using System.Text.Json.Serialization;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Application.Courses.Scenarios;

/// <summary>
/// The scenario file, format "cme-scenario" version 1: what export writes and import reads, so
/// authors can write cases in files. Documented in docs/scenario-format.md.
/// </summary>
public sealed record ScenarioFile(string Format, int Version, string Title, decimal PassMarkPercent, IReadOnlyList<ScenarioNode> Nodes)
{
    public const string FormatName = "cme-scenario";
    public const int CurrentVersion = 1;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static ScenarioFile From(string title, ScenarioGraph graph) => new(FormatName, CurrentVersion, title, graph.PassMarkPercent, graph.Nodes);

    public ScenarioGraph ToGraph() => new(Nodes, PassMarkPercent);
}
