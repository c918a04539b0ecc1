namespace Cme.Web.Api;

/// <summary>Evaluations read back for the CME office and an offering's trainers, and their CSV exports.</summary>
public sealed class EvaluationsApiClient(HttpClient http) : ApiClientBase(http)
{
    public Task<ApiResult<EvaluationSummary>> ForOfferingAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        GetAsync<EvaluationSummary>($"api/v1/offerings/{offeringId}/evaluations", cancellationToken);

    public Task<ApiResult<EvaluationSummary>> ForCourseAsync(Guid courseId, CancellationToken cancellationToken = default) =>
        GetAsync<EvaluationSummary>($"api/v1/courses/{courseId}/evaluations", cancellationToken);

    public Task<ApiResult<ApiFile>> OfferingCsvAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/offerings/{offeringId}/evaluations.csv", cancellationToken);

    public Task<ApiResult<ApiFile>> CourseCsvAsync(Guid courseId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/courses/{courseId}/evaluations.csv", cancellationToken);
}
