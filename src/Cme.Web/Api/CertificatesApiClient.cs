namespace Cme.Web.Api;

/// <summary>Certificates for the signed-in user: own certificates, the CME office's bulk issue, revocation and re-issue; PDF downloads.</summary>
public sealed class CertificatesApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/certificates";

    /// <summary>Mine, newest first.</summary>
    public Task<ApiResult<List<CertificateView>>> MineAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<CertificateView>>(Path, cancellationToken);

    /// <summary>Every certificate of an offering (CmeAdmin).</summary>
    public Task<ApiResult<List<CertificateView>>> ForOfferingAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        GetAsync<List<CertificateView>>(Query(Path, ("offeringId", offeringId.ToString())), cancellationToken);

    public Task<ApiResult<CertificateView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<CertificateView>($"{Path}/{id}", cancellationToken);

    /// <summary>Every certificate the administrator may see (CmeAdmin all; InstitutionAdmin own staff's) matching number, name or title.</summary>
    public Task<ApiResult<PagedResponse<CertificateSearchRow>>> SearchAsync(string? search, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResponse<CertificateSearchRow>>(Query($"{Path}/search", ("search", search),
            ("page", page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("pageSize", pageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>The certificate of a completed offering, issued on first request.</summary>
    public Task<ApiResult<CertificateView>> IssueAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        PostAsync<CertificateView>($"api/v1/offerings/{offeringId}/certificate", new IssueCertificateRequest(null), cancellationToken);

    public Task<ApiResult<ApiFile>> PdfAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetFileAsync($"{Path}/{id}/pdf", cancellationToken);

    public Task<ApiResult<CertificateView>> RevokeAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        PostAsync<CertificateView>($"{Path}/{id}/revoke", new CertificateReasonRequest(reason), cancellationToken);

    public Task<ApiResult<CertificateView>> ReissueAsync(Guid id, string reason, CancellationToken cancellationToken = default) =>
        PostAsync<CertificateView>($"{Path}/{id}/reissue", new CertificateReasonRequest(reason), cancellationToken);

    public Task<ApiResult<CertificateBatchView>> StartBatchAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        SendAsync<CertificateBatchView>(new HttpRequestMessage(HttpMethod.Post, $"api/v1/offerings/{offeringId}/certificate-batches"), cancellationToken);

    /// <summary>The offering's batches, newest first.</summary>
    public Task<ApiResult<List<CertificateBatchView>>> BatchesAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        GetAsync<List<CertificateBatchView>>($"api/v1/offerings/{offeringId}/certificate-batches", cancellationToken);

    public Task<ApiResult<CertificateBatchView>> BatchAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        GetAsync<CertificateBatchView>($"api/v1/certificate-batches/{batchId}", cancellationToken);

    public Task<ApiResult<CertificateBatchView>> RetryBatchAsync(Guid batchId, CancellationToken cancellationToken = default) =>
        SendAsync<CertificateBatchView>(new HttpRequestMessage(HttpMethod.Post, $"api/v1/certificate-batches/{batchId}/retry"), cancellationToken);
}
