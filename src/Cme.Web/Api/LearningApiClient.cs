using System.Globalization;

namespace Cme.Web.Api;

/// <summary>The catalogue of published courses and a learner's modules, attempts and media.</summary>
public sealed class LearningApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Learning = "api/v1/learning";

    public Task<ApiResult<PagedResponse<CatalogueEntry>>> CatalogueAsync(CatalogueQuery query, CancellationToken cancellationToken = default) =>
        GetAsync<PagedResponse<CatalogueEntry>>(
            Query("api/v1/catalogue",
                ("search", query.Search),
                ("specialty", query.Specialty),
                ("creditClass", query.CreditClass),
                ("projectLevel", query.ProjectLevel?.ToString()),
                ("page", query.Page.ToString(CultureInfo.InvariantCulture)),
                ("pageSize", query.PageSize.ToString(CultureInfo.InvariantCulture))),
            cancellationToken);

    public Task<ApiResult<CoursePage>> CourseAsync(Guid courseId, CancellationToken cancellationToken = default) =>
        GetAsync<CoursePage>($"api/v1/catalogue/{courseId}", cancellationToken);

    public Task<ApiResult<LearnerModule>> ModuleAsync(Guid courseId, Guid moduleId, CancellationToken cancellationToken = default) =>
        GetAsync<LearnerModule>($"{Learning}/courses/{courseId}/modules/{moduleId}", cancellationToken);

    /// <summary>Resumes the attempt in progress, or starts one.</summary>
    public Task<ApiResult<AttemptView>> StartAttemptAsync(Guid courseId, Guid moduleId, CancellationToken cancellationToken = default) =>
        SendAsync<AttemptView>(new HttpRequestMessage(HttpMethod.Post, $"{Learning}/courses/{courseId}/modules/{moduleId}/attempts"),
            cancellationToken);

    public Task<ApiResult<List<AttemptSummary>>> AttemptsAsync(Guid? courseId = null, CancellationToken cancellationToken = default) =>
        GetAsync<List<AttemptSummary>>(Query($"{Learning}/attempts", ("courseId", courseId?.ToString())), cancellationToken);

    public Task<ApiResult<AttemptView>> AttemptAsync(Guid attemptId, CancellationToken cancellationToken = default) =>
        GetAsync<AttemptView>($"{Learning}/attempts/{attemptId}", cancellationToken);

    public Task<ApiResult<AttemptView>> ContinueAsync(Guid attemptId, CancellationToken cancellationToken = default) =>
        SendAsync<AttemptView>(new HttpRequestMessage(HttpMethod.Post, $"{Learning}/attempts/{attemptId}/continue"), cancellationToken);

    public Task<ApiResult<AttemptView>> ChooseAsync(Guid attemptId, string optionId, CancellationToken cancellationToken = default) =>
        PostAsync<AttemptView>($"{Learning}/attempts/{attemptId}/choose", new ChooseInput(optionId), cancellationToken);

    public Task<ApiResult<QuizResult>> SubmitQuizAsync(Guid courseId, Guid moduleId, QuizAnswers answers, CancellationToken cancellationToken = default) =>
        PostAsync<QuizResult>($"{Learning}/courses/{courseId}/modules/{moduleId}/quiz-attempts", answers, cancellationToken);

    public Task<ApiResult<ApiFile>> MediaAsync(Guid mediaId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/media/{mediaId}", cancellationToken);
}
