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

    private static string Preview(Guid courseId, Guid versionId) => $"api/v1/courses/{courseId}/versions/{versionId}/preview";

    /// <summary>Preview: the course page of any version, for its authors and the CME office.</summary>
    public Task<ApiResult<CoursePage>> PreviewCourseAsync(Guid courseId, Guid versionId, CancellationToken cancellationToken = default) =>
        GetAsync<CoursePage>(Preview(courseId, versionId), cancellationToken);

    public Task<ApiResult<LearnerModule>> PreviewModuleAsync(Guid courseId, Guid versionId, Guid moduleId, CancellationToken cancellationToken = default) =>
        GetAsync<LearnerModule>($"{Preview(courseId, versionId)}/modules/{moduleId}", cancellationToken);

    /// <summary>Preview: where the case stands after these moves (an option's id, or null to go on); nothing is stored.</summary>
    public Task<ApiResult<AttemptView>> PreviewWalkAsync(Guid courseId, Guid versionId, Guid moduleId, IReadOnlyList<string?> moves,
        CancellationToken cancellationToken = default) =>
        PostAsync<AttemptView>($"{Preview(courseId, versionId)}/modules/{moduleId}/walk", new PreviewWalk(moves), cancellationToken);

    /// <summary>Preview: marks the answers with the key shown; nothing is stored.</summary>
    public Task<ApiResult<QuizResult>> PreviewQuizAsync(Guid courseId, Guid versionId, Guid moduleId, QuizAnswers answers,
        CancellationToken cancellationToken = default) =>
        PostAsync<QuizResult>($"{Preview(courseId, versionId)}/modules/{moduleId}/quiz", answers, cancellationToken);

    public Task<ApiResult<ApiFile>> MediaAsync(Guid mediaId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/media/{mediaId}", cancellationToken);
}
