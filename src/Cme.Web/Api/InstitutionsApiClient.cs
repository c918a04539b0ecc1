namespace Cme.Web.Api;

public sealed class InstitutionsApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/institutions";

    public Task<ApiResult<PagedResponse<InstitutionSummary>>> ListAsync(InstitutionQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResponse<InstitutionSummary>>(
            Query(Path,
                ("search", query.Search),
                ("tier", query.Tier?.ToString()),
                ("page", query.Page.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ("pageSize", query.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture))),
            cancellationToken);

    /// <summary>Every institution, for pickers; pages through the list (a consortium has tens, not thousands).</summary>
    public async Task<IReadOnlyList<InstitutionSummary>> ListAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<InstitutionSummary>();
        for (var page = 1; page <= 50; page++)
        {
            var result = await ListAsync(new InstitutionQuery(null, null, page, 100), cancellationToken);
            if (!result.Succeeded)
                break;
            all.AddRange(result.Value.Rows);
            if (result.Value.Rows.Count == 0 || all.Count >= result.Value.TotalCount)
                break;
        }
        return all;
    }

    public Task<ApiResult<InstitutionDetails>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<InstitutionDetails>($"{Path}/{id}", cancellationToken);

    public Task<ApiResult<CreatedResponse>> CreateAsync(CreateInstitutionRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>(Path, request, cancellationToken);

    public Task<ApiResult> UpdateAsync(Guid id, UpdateInstitutionRequest request, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}", request, cancellationToken);
}
