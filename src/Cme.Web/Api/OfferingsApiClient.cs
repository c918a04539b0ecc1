namespace Cme.Web.Api;

/// <summary>Offerings and their sessions and enrolments, as the CME office manages them.</summary>
public sealed class OfferingsApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/offerings";

    public Task<ApiResult<List<OfferingSummary>>> ListAsync(bool openToMe = false, CancellationToken cancellationToken = default) =>
        GetAsync<List<OfferingSummary>>(openToMe ? $"{Path}?openToMe=true" : Path, cancellationToken);

    /// <summary>The course's classes open to the caller, and those they are in.</summary>
    public Task<ApiResult<List<CourseOffering>>> ForCourseAsync(Guid courseId, CancellationToken cancellationToken = default) =>
        GetAsync<List<CourseOffering>>($"api/v1/catalogue/{courseId}/offerings", cancellationToken);

    public Task<ApiResult<CreatedResponse>> CreateAsync(CreateOfferingRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>(Path, request, cancellationToken);

    public Task<ApiResult<OfferingView>> GetAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<OfferingView>($"{Path}/{id}", cancellationToken);

    public Task<ApiResult> UpdateAsync(Guid id, OfferingInput input, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}", input, cancellationToken);

    public Task<ApiResult<CreatedResponse>> AddSessionAsync(Guid id, SessionInput input, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>($"{Path}/{id}/sessions", input, cancellationToken);

    public Task<ApiResult> UpdateSessionAsync(Guid sessionId, UpdateSessionRequest request, CancellationToken cancellationToken = default) =>
        PutAsync($"api/v1/sessions/{sessionId}", request, cancellationToken);

    public Task<ApiResult> CancelSessionAsync(Guid sessionId, string reason, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/sessions/{sessionId}/cancel", new ReasonRequest(reason), cancellationToken);

    public Task<ApiResult<List<EnrolmentView>>> EnrolmentsAsync(Guid id, CancellationToken cancellationToken = default) =>
        GetAsync<List<EnrolmentView>>($"{Path}/{id}/enrolments", cancellationToken);

    public Task<ApiResult<MyEnrolment>> EnrolOnBehalfAsync(Guid id, Guid professionalId, CancellationToken cancellationToken = default) =>
        PostAsync<MyEnrolment>($"{Path}/{id}/enrol-on-behalf", new EnrolOnBehalfRequest(professionalId), cancellationToken);

    public Task<ApiResult> CompleteEnrolmentAsync(Guid enrolmentId, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/enrolments/{enrolmentId}/complete", new ReasonRequest(null), cancellationToken);

    public Task<ApiResult> CancelEnrolmentAsync(Guid enrolmentId, string? reason = null, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/enrolments/{enrolmentId}/cancel", new ReasonRequest(reason), cancellationToken);

    /// <summary>Where each learner of the class stands, filtered.</summary>
    public Task<ApiResult<OfferingLearners>> LearnersAsync(Guid id, LearnerFilter filter = LearnerFilter.All, CancellationToken cancellationToken = default) =>
        GetAsync<OfferingLearners>($"{Path}/{id}/learners?filter={filter}", cancellationToken);

    /// <summary>Reminds the learners still missing something, once a day at most.</summary>
    public Task<ApiResult<LearnersReminded>> RemindLearnersAsync(Guid id, CancellationToken cancellationToken = default) =>
        PostAsync<LearnersReminded>($"{Path}/{id}/learners/remind", new { }, cancellationToken);
}
