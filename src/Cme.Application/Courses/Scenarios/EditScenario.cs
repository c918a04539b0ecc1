using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Courses.Scenarios;

/// <summary>Adds or replaces one node of a scenario, the way the node form of the editor saves it.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record UpsertScenarioNode(Guid CourseId, Guid VersionId, Guid ModuleId, ScenarioNode Node) : ICommand<Unit>;

internal sealed class UpsertScenarioNodeValidator : AbstractValidator<UpsertScenarioNode>
{
    public UpsertScenarioNodeValidator()
    {
        RuleFor(x => x.Node).NotNull();
        RuleFor(x => x.Node.Id).NotEmpty().MaximumLength(64).Matches("^[A-Za-z0-9_-]+$")
            .WithReason("scenario.node-id-invalid").OverridePropertyName("id").When(x => x.Node is not null);
        RuleFor(x => x.Node.Kind).IsInEnum().OverridePropertyName("kind").When(x => x.Node is not null);
        RuleFor(x => x.Node.Title).NotEmpty().MaximumLength(200).OverridePropertyName("title").When(x => x.Node is not null);
        RuleFor(x => x.Node.Narrative).NotNull().MaximumLength(ScenarioGraph.MaxTextLength).OverridePropertyName("narrative").When(x => x.Node is not null);
        RuleForEach(x => x.Node.Options).ChildRules(o =>
        {
            o.RuleFor(x => x.Id).NotEmpty().MaximumLength(64);
            o.RuleFor(x => x.Text).NotEmpty().MaximumLength(1000);
            o.RuleFor(x => x.NextNodeId).NotEmpty();
            o.RuleFor(x => x.Feedback).NotNull().MaximumLength(2000);
            o.RuleFor(x => x.Score).InclusiveBetween(-1000, 1000);
        }).OverridePropertyName("options").When(x => x.Node is not null);
    }
}

internal sealed class UpsertScenarioNodeHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<UpsertScenarioNode, Unit>
{
    public async ValueTask<Unit> Handle(UpsertScenarioNode request, CancellationToken cancellationToken)
    {
        var (version, module, graph) = await ScenarioModule.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        var node = request.Node with { Options = request.Node.Kind == ScenarioNodeKind.Decision ? request.Node.Options : [] };
        var nodes = graph.Nodes.Where(n => n.Id != node.Id).ToList();
        var index = graph.Nodes.ToList().FindIndex(n => n.Id == node.Id);
        if (index < 0 && nodes.Count >= ScenarioGraph.MaxNodes)
            throw new RequestValidationException("id", "scenario.too-many-nodes", new { max = ScenarioGraph.MaxNodes });
        nodes.Insert(index < 0 ? nodes.Count : index, node);
        version.UpdateModule(module.Id, module.Title, null, graph with { Nodes = nodes }, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

[AuthorizeRoles(Roles.Author)]
public sealed record DeleteScenarioNode(Guid CourseId, Guid VersionId, Guid ModuleId, string NodeId) : ICommand<Unit>;

internal sealed class DeleteScenarioNodeHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<DeleteScenarioNode, Unit>
{
    public async ValueTask<Unit> Handle(DeleteScenarioNode request, CancellationToken cancellationToken)
    {
        var (version, module, graph) = await ScenarioModule.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        if (graph.Find(request.NodeId) is null)
            throw new NotFoundException("Node", request.NodeId);
        version.UpdateModule(module.Id, module.Title, null, graph with { Nodes = [.. graph.Nodes.Where(n => n.Id != request.NodeId)] }, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

[AuthorizeRoles(Roles.Author)]
public sealed record SetScenarioPassMark(Guid CourseId, Guid VersionId, Guid ModuleId, decimal PassMarkPercent) : ICommand<Unit>;

internal sealed class SetScenarioPassMarkValidator : AbstractValidator<SetScenarioPassMark>
{
    public SetScenarioPassMarkValidator() => RuleFor(x => x.PassMarkPercent).InclusiveBetween(0, 100);
}

internal sealed class SetScenarioPassMarkHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<SetScenarioPassMark, Unit>
{
    public async ValueTask<Unit> Handle(SetScenarioPassMark request, CancellationToken cancellationToken)
    {
        var (version, module, graph) = await ScenarioModule.LoadAsync(db, user, request.CourseId, request.VersionId, request.ModuleId, cancellationToken);
        version.UpdateModule(module.Id, module.Title, null, graph with { PassMarkPercent = request.PassMarkPercent }, null);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

internal static class ScenarioModule
{
    public static async Task<(CourseVersion Version, CourseModule Module, ScenarioGraph Graph)> LoadAsync(
        IAppDbContext db, ICurrentUser user, Guid courseId, Guid versionId, Guid moduleId, CancellationToken ct)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, courseId, ct);
        var version = course.VersionOrNotFound(versionId);
        var module = version.ModuleOrNotFound(moduleId);
        if (module.Kind != ModuleKind.Scenario)
            throw new RequestValidationException("moduleId", "module.not-scenario");
        return (version, module, module.Scenario!);
    }

    public static async Task<(Course Course, CourseModule Module, ScenarioGraph Graph)> ReadAsync(
        IAppDbContext db, ICurrentUser user, Guid courseId, Guid versionId, Guid moduleId, CancellationToken ct)
    {
        var course = await CourseAccess.ForAuthorOrReviewerAsync(db, user, courseId, ct);
        var module = course.VersionOrNotFound(versionId).ModuleOrNotFound(moduleId);
        if (module.Kind != ModuleKind.Scenario)
            throw new RequestValidationException("moduleId", "module.not-scenario");
        return (course, module, module.Scenario!);
    }
}
