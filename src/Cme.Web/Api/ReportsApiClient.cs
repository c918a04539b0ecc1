namespace Cme.Web.Api;

/// <summary>Reports for administrators: completion, delivery, effectiveness, and their exports.</summary>
public sealed class ReportsApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/reports";

    public Task<ApiResult<CompletionReport>> CompletionAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        GetAsync<CompletionReport>(Query($"{Path}/completion", filter.Query()), cancellationToken);

    public Task<ApiResult<CompletionTrend>> TrendAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        GetAsync<CompletionTrend>(Query($"{Path}/completion/trend", filter.Query()), cancellationToken);

    public Task<ApiResult<PagedResponse<CompletionPerson>>> PeopleAsync(ReportFilter filter, ComplianceStatus? status, int page, int pageSize,
        CancellationToken cancellationToken = default) =>
        GetAsync<PagedResponse<CompletionPerson>>(Query($"{Path}/completion/people",
            [.. filter.Query(), ("status", status?.ToString()), ("page", page.ToString()), ("pageSize", pageSize.ToString())]), cancellationToken);

    public Task<ApiResult<TrainingDeliveryReport>> DeliveryAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        GetAsync<TrainingDeliveryReport>(Query($"{Path}/delivery", filter.Query()), cancellationToken);

    public Task<ApiResult<CourseEffectivenessReport>> EffectivenessAsync(ReportFilter filter, CancellationToken cancellationToken = default) =>
        GetAsync<CourseEffectivenessReport>(Query($"{Path}/effectiveness", filter.Query()), cancellationToken);

    public Task<ApiResult<ScenarioInsights>> ScenarioInsightsAsync(Guid courseId, ReportFilter filter, CancellationToken cancellationToken = default) =>
        GetAsync<ScenarioInsights>(Query($"{Path}/effectiveness/courses/{courseId}/scenarios", filter.Query()), cancellationToken);

    /// <summary>An export as the API writes it: <paramref name="export"/> is completion-summary, completion-people, registry or annual-summary.</summary>
    public Task<ApiResult<ApiFile>> ExportAsync(string export, ReportFilter filter, ComplianceStatus? status = null, CancellationToken cancellationToken = default) =>
        GetFileAsync(export switch
        {
            "completion-people" => Query($"{Path}/completion/export", [.. filter.Query(), ("kind", "People"), ("status", status?.ToString())]),
            "registry" => Query($"{Path}/registry-export", filter.Query()),
            "annual-summary" => Query($"{Path}/annual-summary", filter.Query()),
            _ => Query($"{Path}/completion/export", [.. filter.Query(), ("kind", "Summary")]),
        }, cancellationToken);
}
