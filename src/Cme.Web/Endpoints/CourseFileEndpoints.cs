using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// Files the browser fetches directly: course images and scenario exports. The API wants the
/// user's bearer token, which only this server holds (in the auth cookie), so it passes them on.
/// </summary>
public static class CourseFileEndpoints
{
    public static IEndpointRouteBuilder MapCourseFileEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/media/{id:guid}", GetMediaAsync).RequireAuthorization();
        app.MapGet("/authoring/courses/{courseId:guid}/versions/{versionId:guid}/modules/{moduleId:guid}/scenario/export",
            ExportScenarioAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> GetMediaAsync(Guid id, HttpContext httpContext, LearningApiClient learningApi)
    {
        var result = await learningApi.MediaAsync(id, httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? 404 : 502);

        // Only images are served from here; anything else is downloaded, never rendered.
        var contentType = result.Value.ContentType;
        var isImage = contentType.StartsWith("image/png", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/jpeg", StringComparison.OrdinalIgnoreCase)
            || contentType.StartsWith("image/webp", StringComparison.OrdinalIgnoreCase);
        var headers = httpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, max-age=3600";
        return isImage
            ? TypedResults.File(result.Value.Content, contentType)
            : TypedResults.File(result.Value.Content, "application/octet-stream", result.Value.FileName ?? $"{id}");
    }

    private static async Task<IResult> ExportScenarioAsync(
        Guid courseId, Guid versionId, Guid moduleId, HttpContext httpContext, ScenarioApiClient scenarioApi)
    {
        var result = await scenarioApi.ExportAsync(new ModuleRef(courseId, versionId, moduleId), httpContext.RequestAborted);
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status == StatusCodes.Status404NotFound ? 404 : 502);

        httpContext.Response.Headers.XContentTypeOptions = "nosniff";
        var fileName = string.IsNullOrWhiteSpace(result.Value.FileName) ? $"scenario-{moduleId:N}.json" : result.Value.FileName;
        return TypedResults.File(result.Value.Content, "application/json", fileName);
    }
}
