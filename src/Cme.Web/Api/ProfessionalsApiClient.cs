using System.Globalization;
using System.Net.Http.Headers;

namespace Cme.Web.Api;

public sealed class ProfessionalsApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/professionals";

    public Task<ApiResult<PagedResponse<ProfessionalSummary>>> ListAsync(ProfessionalQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResponse<ProfessionalSummary>>(
            Query(Path,
                ("search", query.Search),
                ("institutionId", query.InstitutionId?.ToString()),
                ("page", query.Page.ToString(CultureInfo.InvariantCulture)),
                ("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture))),
            cancellationToken);

    public Task<ApiResult<ProfessionalDetails>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<ProfessionalDetails>($"{Path}/{id}", cancellationToken);

    public Task<ApiResult<ProfessionalCreated>> CreateAsync(CreateProfessionalRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<ProfessionalCreated>(Path, request, cancellationToken);

    public Task<ApiResult> UpdateAsync(Guid id, UpdateProfessionalRequest request, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}", request, cancellationToken);

    /// <summary>Stops a person signing in, or lets them in again.</summary>
    public Task<ApiResult> SetSignInAccessAsync(Guid id, bool disabled, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}/sign-in", new SignInAccessRequest(disabled), cancellationToken);

    /// <summary>Forwards an uploaded CSV as the multipart field <c>file</c>.</summary>
    public Task<ApiResult<ImportResult>> ImportAsync(Stream csv, string fileName, CancellationToken cancellationToken = default)
    {
        var file = new StreamContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var content = new MultipartFormDataContent { { file, "file", fileName } };
        return SendAsync<ImportResult>(new HttpRequestMessage(HttpMethod.Post, $"{Path}/import") { Content = content }, cancellationToken);
    }
}
