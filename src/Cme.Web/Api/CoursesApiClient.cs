using System.Net.Http.Headers;

namespace Cme.Web.Api;

/// <summary>Courses as authors write them: the course, its versions, modules and media.</summary>
public sealed class CoursesApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/courses";

    public Task<ApiResult<List<Specialty>>> SpecialtiesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<Specialty>>($"{Path}/specialties", cancellationToken);

    public Task<ApiResult<List<MyCourse>>> MineAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<MyCourse>>($"{Path}/mine", cancellationToken);

    public Task<ApiResult<CourseCreated>> CreateAsync(CourseInput input, CancellationToken cancellationToken = default) =>
        PostAsync<CourseCreated>(Path, input, cancellationToken);

    public Task<ApiResult<CourseView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<CourseView>($"{Path}/{id}", cancellationToken);

    public Task<ApiResult> UpdateAsync(Guid id, CourseUpdate input, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}", input, cancellationToken);

    public Task<ApiResult<VersionCreated>> StartVersionAsync(Guid id, CancellationToken cancellationToken = default) =>
        SendAsync<VersionCreated>(new HttpRequestMessage(HttpMethod.Post, $"{Path}/{id}/versions"), cancellationToken);

    public Task<ApiResult<VersionView>> GetVersionAsync(Guid id, Guid versionId, CancellationToken cancellationToken = default) =>
        GetAsync<VersionView>(Version(id, versionId), cancellationToken);

    public Task<ApiResult> SetDisclosureAsync(Guid id, Guid versionId, string text, CancellationToken cancellationToken = default) =>
        PutAsync($"{Version(id, versionId)}/disclosure", new DisclosureInput(text), cancellationToken);

    public Task<ApiResult<CreatedResponse>> AddModuleAsync(Guid id, Guid versionId, NewModule module, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>($"{Version(id, versionId)}/modules", module, cancellationToken);

    public Task<ApiResult> UpdateModuleAsync(Guid id, Guid versionId, Guid moduleId, ModuleUpdate module, CancellationToken cancellationToken = default) =>
        PutAsync($"{Version(id, versionId)}/modules/{moduleId}", module, cancellationToken);

    public Task<ApiResult> DeleteModuleAsync(Guid id, Guid versionId, Guid moduleId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"{Version(id, versionId)}/modules/{moduleId}", cancellationToken);

    public Task<ApiResult> MoveModuleAsync(Guid id, Guid versionId, Guid moduleId, int position, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/modules/{moduleId}/move", new ModuleMove(position), cancellationToken);

    public Task<ApiResult> SubmitAsync(Guid id, Guid versionId, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/submit", null, cancellationToken);

    public Task<ApiResult<List<MediaAsset>>> ListMediaAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<List<MediaAsset>>($"{Path}/{id}/media", cancellationToken);

    /// <summary>Forwards an uploaded image as the multipart field <c>file</c>.</summary>
    public Task<ApiResult<MediaAsset>> UploadMediaAsync(Guid id, Stream image, string fileName, string contentType,
        CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(image);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type)
            ? type
            : new MediaTypeHeaderValue("application/octet-stream");
        var content = new MultipartFormDataContent { { file, "file", fileName } };
        return SendAsync<MediaAsset>(new HttpRequestMessage(HttpMethod.Post, $"{Path}/{id}/media") { Content = content }, cancellationToken);
    }

    private static string Version(Guid id, Guid versionId) => $"{Path}/{id}/versions/{versionId}";
}
