using System.Net.Http.Headers;

namespace Cme.Web.Api;

/// <summary>Editing one scenario module node by node, and its checks, drawing, export and import.</summary>
public sealed class ScenarioApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult> PutNodeAsync(ModuleRef module, ScenarioNode node, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path(module)}/nodes/{Uri.EscapeDataString(node.Id)}", node, cancellationToken);

    public Task<ApiResult> DeleteNodeAsync(ModuleRef module, string nodeId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Path(module)}/nodes/{Uri.EscapeDataString(nodeId)}", cancellationToken);

    public Task<ApiResult> SetPassMarkAsync(ModuleRef module, decimal percent, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path(module)}/pass-mark", new PassMarkInput(percent), cancellationToken);

    public Task<ApiResult<ScenarioValidation>> ValidateAsync(ModuleRef module, CancellationToken cancellationToken = default) =>
        GetAsync<ScenarioValidation>($"{Path(module)}/validation", cancellationToken);

    /// <summary>The graph as SVG drawn by the API from the scenario's own data.</summary>
    public Task<ApiResult<string>> GraphSvgAsync(ModuleRef module, CancellationToken cancellationToken = default) =>
        GetTextAsync($"{Path(module)}/graph.svg", cancellationToken);

    public Task<ApiResult<ApiFile>> ExportAsync(ModuleRef module, CancellationToken cancellationToken = default) =>
        GetFileAsync($"{Path(module)}/export", cancellationToken);

    /// <summary>Replaces the scenario with an uploaded scenario file, sent on as JSON.</summary>
    public Task<ApiResult> ImportAsync(ModuleRef module, Stream file, CancellationToken cancellationToken = default)
    {
        var content = new StreamContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return SendAsync(new HttpRequestMessage(HttpMethod.Post, $"{Path(module)}/import") { Content = content }, cancellationToken);
    }

    private static string Path(ModuleRef module) =>
        $"api/v1/courses/{module.CourseId}/versions/{module.VersionId}/modules/{module.ModuleId}/scenario";
}

/// <summary>Where a module lives: course, version, module.</summary>
public readonly record struct ModuleRef(Guid CourseId, Guid VersionId, Guid ModuleId);
