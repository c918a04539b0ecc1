using Cme.Web.Api;

namespace Cme.Web.Endpoints;

/// <summary>
/// Passes a file from the API on to the browser as an attachment. The API wants the user's bearer
/// token, which only this server holds (in the auth cookie), so downloads go through here.
/// </summary>
internal static class ApiFileDownload
{
    /// <summary>The file, never cached or sniffed; the API's failures as a status page (404, 400, else 502).</summary>
    public static IResult Send(HttpContext httpContext, ApiResult<ApiFile> result, string? contentType, string fallbackName)
    {
        if (!result.Succeeded)
            return TypedResults.StatusCode(result.Problem.Status is StatusCodes.Status404NotFound or StatusCodes.Status400BadRequest
                ? result.Problem.Status
                : StatusCodes.Status502BadGateway);
        var headers = httpContext.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "private, no-store";
        var fileName = string.IsNullOrWhiteSpace(result.Value.FileName) ? fallbackName : result.Value.FileName;
        return TypedResults.File(result.Value.Content, contentType ?? result.Value.ContentType, fileName);
    }
}
