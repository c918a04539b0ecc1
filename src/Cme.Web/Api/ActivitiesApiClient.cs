using System.Globalization;
using System.Net;
using System.Net.Http.Headers;

namespace Cme.Web.Api;

/// <summary>
/// External learning activities: a learner records them with evidence; their institution's
/// administrator (or the CME office) approves or rejects them. A 403 (deciding one's own
/// activity) is shown on the page, so only a 401 is thrown.
/// </summary>
public sealed class ActivitiesApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/credits/activities";

    protected override bool Throws(HttpStatusCode status) => status == HttpStatusCode.Unauthorized;

    public Task<ApiResult<List<ActivityView>>> MineAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<ActivityView>>($"{Path}?mine=true", cancellationToken);

    /// <summary>Those the signed-in administrator decides (InstitutionAdmin: own staff; CmeAdmin: all).</summary>
    public Task<ApiResult<List<ActivityView>>> ToDecideAsync(ActivityStatus? status, CancellationToken cancellationToken = default) =>
        GetAsync<List<ActivityView>>(Query(Path, ("status", status?.ToString())), cancellationToken);

    public Task<ApiResult<ActivitySubmitted>> SubmitAsync(ActivityInput input, Stream evidence, string fileName, string contentType,
        CancellationToken cancellationToken = default)
    {
        var inv = CultureInfo.InvariantCulture;
        var file = new StreamContent(evidence);
        file.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        var content = new MultipartFormDataContent
        {
            { new StringContent(input.Kind), "kind" },
            { new StringContent(input.Title), "title" },
            { new StringContent(input.StartDate.ToString("yyyy-MM-dd", inv)), "startDate" },
            { new StringContent(input.EndDate.ToString("yyyy-MM-dd", inv)), "endDate" },
            { new StringContent(input.Hours.ToString(inv)), "hours" },
            { new StringContent(input.ClaimedCredits.ToString(inv)), "claimedCredits" },
            { new StringContent(input.CreditClass), "creditClass" },
            { file, "file", fileName },
        };
        return SendAsync<ActivitySubmitted>(new HttpRequestMessage(HttpMethod.Post, Path) { Content = content }, cancellationToken);
    }

    public Task<ApiResult<ApiFile>> EvidenceAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetFileAsync($"{Path}/{id}/evidence", cancellationToken);

    public Task<ApiResult<LedgerEntryCreated>> ApproveAsync(Guid id, string? comment, decimal? awardedCredits = null,
        CancellationToken cancellationToken = default) =>
        PostAsync<LedgerEntryCreated>($"{Path}/{id}/approve", new ActivityDecisionRequest(comment, awardedCredits), cancellationToken);

    public Task<ApiResult> RejectAsync(Guid id, string comment, CancellationToken cancellationToken = default) =>
        PostAsync($"{Path}/{id}/reject", new ActivityDecisionRequest(comment), cancellationToken);
}
