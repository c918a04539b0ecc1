using System.Globalization;

namespace Cme.Web.Api;

/// <summary>Credits: my standing, transcripts, ledger corrections and the credit policies.</summary>
public sealed class CreditsApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/credits";

    public Task<ApiResult<CreditStanding>> MyStandingAsync(int? year = null, CancellationToken cancellationToken = default) =>
        GetAsync<CreditStanding>(Query("api/v1/me/credits", ("year", year?.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<ApiResult<Transcript>> TranscriptAsync(Guid? professionalId, int? from, int? to, CancellationToken cancellationToken = default) =>
        GetAsync<Transcript>(
            Query($"{Path}/transcript",
                ("professionalId", professionalId?.ToString()),
                ("from", from?.ToString(CultureInfo.InvariantCulture)),
                ("to", to?.ToString(CultureInfo.InvariantCulture))),
            cancellationToken);

    /// <summary>The annual transcript as a PDF.</summary>
    public Task<ApiResult<ApiFile>> TranscriptPdfAsync(Guid? professionalId, int year, CancellationToken cancellationToken = default) =>
        GetFileAsync(Query($"{Path}/transcript.pdf",
            ("professionalId", professionalId?.ToString()), ("year", year.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    /// <summary>The transcript as CSV, its headings in the page's language (Accept-Language).</summary>
    public Task<ApiResult<ApiFile>> TranscriptCsvAsync(Guid? professionalId, int from, int to, CancellationToken cancellationToken = default) =>
        GetFileAsync(Query($"{Path}/transcript.csv",
            ("professionalId", professionalId?.ToString()),
            ("from", from.ToString(CultureInfo.InvariantCulture)), ("to", to.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<ApiResult<LedgerEntryCreated>> AdjustAsync(AdjustCreditsRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<LedgerEntryCreated>($"{Path}/adjustments", request, cancellationToken);

    public Task<ApiResult<LedgerEntryCreated>> RevokeAsync(Guid entryId, string reason, CancellationToken cancellationToken = default) =>
        PostAsync<LedgerEntryCreated>($"{Path}/entries/{entryId}/revoke", new RevokeCreditRequest(reason), cancellationToken);

    public Task<ApiResult<List<PolicyView>>> PoliciesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<PolicyView>>("api/v1/credit-policies", cancellationToken);

    public Task<ApiResult> ActivateAsync(string code, CancellationToken cancellationToken = default) =>
        PutAsync("api/v1/credit-policies/active", new ActivePolicyRequest(code), cancellationToken);
}
