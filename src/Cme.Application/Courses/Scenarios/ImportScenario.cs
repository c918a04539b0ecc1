using Cme.Domain.Common;
using System.Text.Json;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;

namespace Cme.Application.Courses.Scenarios;

/// <summary>Replaces a scenario with one from a file. An invalid file or graph is refused with every violation.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record ImportScenario(Guid CourseId, Guid VersionId, Guid ModuleId, string Json) : ICommand<Unit>
{
    public const int MaxBytes = 2 * 1024 * 1024;
}

internal sealed class ImportScenarioHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<ImportScenario, Unit>
{
    public async ValueTask<Unit> Handle(ImportScenario request, CancellationToken cancellationToken)
    {
        var file = Parse(request.Json);
        var graph = file.ToGraph();
        var violations = graph.Validate();
        if (violations.Count > 0)
            throw new RequestValidationException(new Dictionary<string, IReadOnlyList<Reason>>
            {
                ["scenario"] = [.. violations.Select(v => v.Reason)],
            });

        var (version, module, _) = await ScenarioModule.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        version.UpdateModule(module.Id, string.IsNullOrWhiteSpace(file.Title) ? module.Title : file.Title, null, graph, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }

    internal static ScenarioFile Parse(string json)
    {
        ScenarioFile? file;
        try
        {
            file = JsonSerializer.Deserialize<ScenarioFile>(json, ScenarioFile.Json);
        }
        catch (JsonException e)
        {
            throw new RequestValidationException("file", "scenario-file.invalid", new { path = e.Path });
        }
        if (file is null || file.Format != ScenarioFile.FormatName)
            throw new RequestValidationException("file", "scenario-file.format", new { format = ScenarioFile.FormatName });
        if (file.Version != ScenarioFile.CurrentVersion)
            throw new RequestValidationException("file", "scenario-file.version", new { version = file.Version, supported = ScenarioFile.CurrentVersion });
        if (file.Nodes is null)
            throw new RequestValidationException("file", "scenario-file.no-nodes");
        if (file.Nodes.Count > ScenarioGraph.MaxNodes)
            throw new RequestValidationException("scenario", "scenario-file.too-many-nodes", new { max = ScenarioGraph.MaxNodes, count = file.Nodes.Count });
        return file;
    }
}
