using Cme.Domain.Common;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;

namespace Cme.Domain.Courses;

/// <summary>One module of a course version: a content page, a clinical scenario or a quiz.</summary>
public sealed class CourseModule : Entity
{
    public const int TitleMaxLength = 200;
    public const int MarkdownMaxLength = 100_000;

    private CourseModule() { }

    internal CourseModule(Guid versionId, int position, ModuleKind kind, string title, string? markdown, ScenarioGraph? scenario, Quiz? quiz)
    {
        VersionId = versionId;
        Position = position;
        Kind = kind;
        Replace(title, markdown, scenario, quiz);
    }

    public Guid VersionId { get; private set; }
    public int Position { get; internal set; }
    public ModuleKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Markdown { get; private set; }
    public ScenarioGraph? Scenario { get; private set; }
    public Quiz? Quiz { get; private set; }

    internal void Replace(string title, string? markdown, ScenarioGraph? scenario, Quiz? quiz)
    {
        Title = Guard.Required(title, "moduleTitle", TitleMaxLength);
        switch (Kind)
        {
            case ModuleKind.Page when markdown is null:
                throw new DomainException("module.page-empty");
            case ModuleKind.Page when markdown.Length > MarkdownMaxLength:
                throw new DomainException("module.page-too-long", new { max = MarkdownMaxLength });
            case ModuleKind.Scenario when scenario is null:
                throw new DomainException("module.scenario-missing");
            case ModuleKind.Scenario when scenario.Nodes.Count > ScenarioGraph.MaxNodes:
                throw new DomainException("scenario.too-many-nodes", new { max = ScenarioGraph.MaxNodes });
            case ModuleKind.Quiz when quiz is null:
                throw new DomainException("module.quiz-missing");
        }
        Markdown = Kind == ModuleKind.Page ? markdown : null;
        Scenario = Kind == ModuleKind.Scenario ? scenario : null;
        Quiz = Kind == ModuleKind.Quiz ? quiz : null;
    }

    internal CourseModule CopyTo(Guid versionId) => new(versionId, Position, Kind, Title, Markdown, Scenario, Quiz);

    /// <summary>What must be fixed before the module can be submitted for accreditation.</summary>
    public IReadOnlyList<Reason> Problems() => Kind switch
    {
        ModuleKind.Page when string.IsNullOrWhiteSpace(Markdown) => [Reason.Of("module.page-empty")],
        ModuleKind.Scenario => [.. Scenario!.Validate().Select(v => v.Reason)],
        ModuleKind.Quiz => Quiz!.Validate(),
        _ => [],
    };
}
