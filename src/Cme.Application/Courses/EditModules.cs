using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Courses;

/// <summary>Adds a content page, a clinical scenario or a quiz at the end of a draft version.</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record AddModule(Guid CourseId, Guid VersionId, ModuleKind Kind, string Title, string? Markdown, ScenarioGraph? Scenario, Quiz? Quiz)
    : ICommand<ModuleCreated>;

internal sealed class AddModuleValidator : AbstractValidator<AddModule>
{
    public AddModuleValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Title).NotEmpty().MaximumLength(CourseModule.TitleMaxLength);
        RuleFor(x => x.Markdown).MaximumLength(CourseModule.MarkdownMaxLength);
        RuleFor(x => x.Scenario!.Nodes).NotNull().When(x => x.Scenario is not null); // the field is scenario.nodes
        RuleFor(x => x.Scenario!.Nodes.Count).LessThanOrEqualTo(ScenarioGraph.MaxNodes).When(x => x.Scenario is { Nodes: not null })
            .OverridePropertyName("scenario");
        RuleFor(x => x.Quiz).SetValidator(new QuizPolicyValidator()!).When(x => x.Quiz is not null).OverridePropertyName("quiz");
    }
}

internal sealed class AddModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<AddModule, ModuleCreated>
{
    public async ValueTask<ModuleCreated> Handle(AddModule request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        // A new module starts empty where the author gave nothing: an empty page, a scenario with no nodes, a quiz with no questions.
        var module = version.AddModule(request.Kind, request.Title,
            request.Kind == ModuleKind.Page ? request.Markdown ?? "" : null,
            request.Kind == ModuleKind.Scenario ? request.Scenario ?? new ScenarioGraph([], 60) : null,
            request.Kind == ModuleKind.Quiz ? request.Quiz ?? new Quiz(QuizPurpose.Practice, 60, []) : null);
        db.CourseModules.Add(module);
        await db.SaveChangesAsync(cancellationToken);
        return new ModuleCreated(module.Id);
    }
}

/// <summary>Replaces a module's title and content (its kind stays).</summary>
[AuthorizeRoles(Roles.Author)]
public sealed record UpdateModule(Guid CourseId, Guid VersionId, Guid ModuleId, string Title, string? Markdown, ScenarioGraph? Scenario, Quiz? Quiz)
    : ICommand<Unit>;

internal sealed class UpdateModuleValidator : AbstractValidator<UpdateModule>
{
    public UpdateModuleValidator()
    {
        RuleFor(x => x.Title).NotEmpty().MaximumLength(CourseModule.TitleMaxLength);
        RuleFor(x => x.Markdown).MaximumLength(CourseModule.MarkdownMaxLength);
        RuleFor(x => x.Scenario!.Nodes).NotNull().When(x => x.Scenario is not null); // the field is scenario.nodes
        RuleFor(x => x.Quiz).SetValidator(new QuizPolicyValidator()!).When(x => x.Quiz is not null).OverridePropertyName("quiz");
    }
}

/// <summary>A post-test's policy: 1 to 10 attempts, and a known choice of when answers are shown.</summary>
internal sealed class QuizPolicyValidator : AbstractValidator<Quiz>
{
    public QuizPolicyValidator()
    {
        RuleFor(x => x.Policy!.AttemptsAllowed).NotNull().InclusiveBetween(1, QuizPolicy.MaxAttempts)
            .When(x => x.Policy is not null).OverridePropertyName("policy.attemptsAllowed");
        RuleFor(x => x.Policy!.ShowAnswers).IsInEnum().When(x => x.Policy is not null).OverridePropertyName("policy.showAnswers");
    }
}

internal sealed class UpdateModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<UpdateModule, Unit>
{
    public async ValueTask<Unit> Handle(UpdateModule request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        var module = version.ModuleOrNotFound(request.ModuleId);
        version.UpdateModule(module.Id, request.Title, request.Markdown ?? module.Markdown, request.Scenario ?? module.Scenario, request.Quiz ?? module.Quiz);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

[AuthorizeRoles(Roles.Author)]
public sealed record RemoveModule(Guid CourseId, Guid VersionId, Guid ModuleId) : ICommand<Unit>;

internal sealed class RemoveModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<RemoveModule, Unit>
{
    public async ValueTask<Unit> Handle(RemoveModule request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        var module = version.ModuleOrNotFound(request.ModuleId);
        version.RemoveModule(module.Id);
        db.CourseModules.Remove(module);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

[AuthorizeRoles(Roles.Author)]
public sealed record MoveModule(Guid CourseId, Guid VersionId, Guid ModuleId, int Position) : ICommand<Unit>;

internal sealed class MoveModuleValidator : AbstractValidator<MoveModule>
{
    public MoveModuleValidator() => RuleFor(x => x.Position).InclusiveBetween(0, CourseVersion.MaxModules - 1);
}

internal sealed class MoveModuleHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<MoveModule, Unit>
{
    public async ValueTask<Unit> Handle(MoveModule request, CancellationToken cancellationToken)
    {
        var course = await CourseAccess.ForAuthorAsync(db, user, request.CourseId, cancellationToken);
        var version = course.VersionOrNotFound(request.VersionId);
        version.MoveModule(version.ModuleOrNotFound(request.ModuleId).Id, request.Position);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}
