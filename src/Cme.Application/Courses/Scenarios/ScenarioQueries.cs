using Cme.Application.Common.Reasons;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;

namespace Cme.Application.Courses.Scenarios;

/// <summary>A violation with its reason in the reader's language.</summary>
public sealed record ScenarioViolationView(string Code, string Message, IReadOnlyList<string> NodeIds);

public sealed record ScenarioValidation(IReadOnlyList<ScenarioViolationView> Violations, decimal MaxScore, decimal PassMarkPercent);

/// <summary>Everything wrong with the scenario now, with node ids, and the best score it allows.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record ValidateScenario(Guid CourseId, Guid VersionId, Guid ModuleId) : IQuery<ScenarioValidation>;

internal sealed class ValidateScenarioHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ValidateScenario, ScenarioValidation>
{
    public async ValueTask<ScenarioValidation> Handle(ValidateScenario request, CancellationToken cancellationToken)
    {
        var (_, _, graph) = await ScenarioModule.ReadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        return new ScenarioValidation(
            [.. graph.Validate().Select(v => new ScenarioViolationView(v.Code, ReasonText.Render(v.Reason), v.NodeIds))], graph.MaxScore(), graph.PassMarkPercent);
    }
}

/// <summary>The scenario drawn as SVG, for the editor and the review page.</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record DrawScenario(Guid CourseId, Guid VersionId, Guid ModuleId) : IQuery<string>;

internal sealed class DrawScenarioHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<DrawScenario, string>
{
    public async ValueTask<string> Handle(DrawScenario request, CancellationToken cancellationToken)
    {
        var (_, _, graph) = await ScenarioModule.ReadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        return ScenarioDrawing.Svg(graph);
    }
}

/// <summary>The scenario as a file authors can keep and edit (see docs/scenario-format.md).</summary>
[AuthorizeRoles(Roles.Author, Roles.CmeAdmin)]
public sealed record ExportScenario(Guid CourseId, Guid VersionId, Guid ModuleId) : IQuery<ScenarioFile>;

internal sealed class ExportScenarioHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ExportScenario, ScenarioFile>
{
    public async ValueTask<ScenarioFile> Handle(ExportScenario request, CancellationToken cancellationToken)
    {
        var (_, module, graph) = await ScenarioModule.ReadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        return ScenarioFile.From(module.Title, graph);
    }
}
