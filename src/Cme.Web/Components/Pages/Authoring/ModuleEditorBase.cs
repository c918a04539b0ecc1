using Cme.Web.Api;
using Microsoft.AspNetCore.Components;

namespace Cme.Web.Components.Pages.Authoring;

/// <summary>What every module editor loads first: the course, the version and the module being edited.</summary>
public abstract class ModuleEditorBase : ComponentBase
{
    [Inject]
    protected CoursesApiClient CoursesApi { get; set; } = default!;

    [Inject]
    protected NavigationManager Navigation { get; set; } = default!;

    [Parameter]
    public Guid CourseId { get; set; }

    [Parameter]
    public Guid VersionId { get; set; }

    [Parameter]
    public Guid ModuleId { get; set; }

    [CascadingParameter]
    protected HttpContext? HttpContext { get; set; }

    /// <summary>A post re-renders the page at its old address; its query's success notice is stale.</summary>
    protected bool IsPost => HttpContext is not null && HttpMethods.IsPost(HttpContext.Request.Method);

    protected CourseView? Course { get; private set; }

    protected VersionView? Version { get; private set; }

    protected VersionModule? Module { get; private set; }

    /// <summary>Why the module could not be loaded, or what the last action was refused for.</summary>
    protected ApiProblem? Problem { get; set; }

    protected bool IsEditable => Version?.IsEditable == true;

    protected ModuleRef Ref => new(CourseId, VersionId, ModuleId);

    protected string VersionUrl => $"/authoring/courses/{CourseId}/versions/{VersionId}";

    protected string ModuleUrl => $"{VersionUrl}/modules/{ModuleId}/{Module?.Kind.ToString().ToLowerInvariant()}";

    /// <summary>Loads the module; false (with <see cref="Problem"/> set) when it cannot be shown.</summary>
    protected async Task<bool> LoadModuleAsync(ModuleKind kind)
    {
        var course = await CoursesApi.GetAsync(CourseId);
        if (course.Succeeded)
            Course = course.Value;
        var version = await CoursesApi.GetVersionAsync(CourseId, VersionId);
        if (!version.Succeeded)
        {
            Problem = version.Problem;
            return false;
        }
        Version = version.Value;
        Module = version.Value.Modules?.FirstOrDefault(m => m.Id == ModuleId && m.Kind == kind);
        if (Module is null)
            Problem = new ApiProblem(StatusCodes.Status404NotFound);
        return Module is not null;
    }
}
