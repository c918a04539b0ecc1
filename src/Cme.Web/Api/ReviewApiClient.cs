namespace Cme.Web.Api;

/// <summary>The CME office's review of submitted versions: comments, accreditation, publishing.</summary>
public sealed class ReviewApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult<List<ReviewItem>>> QueueAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ReviewItem>>("api/v1/reviews", cancellationToken);

    public Task<ApiResult> RequestChangesAsync(Guid id, Guid versionId, RequestChanges request, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/request-changes", request, cancellationToken);

    public Task<ApiResult> AccreditAsync(Guid id, Guid versionId, AccreditInput input, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/accredit", input, cancellationToken);

    public Task<ApiResult> PublishAsync(Guid id, Guid versionId, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/publish", null, cancellationToken);

    public Task<ApiResult> RetireAsync(Guid id, Guid versionId, string? reason, CancellationToken cancellationToken = default) =>
        PostAsync($"{Version(id, versionId)}/retire", new RetireInput(reason), cancellationToken);

    /// <summary>What changed against the previous accredited version, module by module.</summary>
    public Task<ApiResult<VersionChanges>> ChangesAsync(Guid id, Guid versionId, CancellationToken cancellationToken = default) =>
        GetAsync<VersionChanges>($"{Version(id, versionId)}/changes", cancellationToken);

    private static string Version(Guid id, Guid versionId) => $"api/v1/courses/{id}/versions/{versionId}";
}
