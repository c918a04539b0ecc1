using System.Globalization;

namespace Cme.Web.Api;

/// <summary>The consortium trainer pool: trainers, assignment to sessions, train-the-trainer candidates.</summary>
public sealed class TrainersApiClient(HttpClient http) : ApiClientBase(http)
{
    private const string Path = "api/v1/trainers";

    public Task<ApiResult<List<TrainerView>>> ListAsync(int year, CancellationToken cancellationToken = default) =>
        GetAsync<List<TrainerView>>(Query(Path, ("year", year.ToString(CultureInfo.InvariantCulture))), cancellationToken);

    public Task<ApiResult<CreatedResponse>> AddAsync(AddTrainerRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>(Path, request, cancellationToken);

    public Task<ApiResult> UpdateAsync(Guid id, UpdateTrainerRequest request, CancellationToken cancellationToken = default) =>
        PutAsync($"{Path}/{id}", request, cancellationToken);

    public Task<ApiResult<List<TrainerCandidate>>> CandidatesAsync(CancellationToken cancellationToken = default) =>
        GetAsync<List<TrainerCandidate>>($"{Path}/candidates", cancellationToken);

    public Task<ApiResult<CreatedResponse>> ApproveAsync(Guid candidateId, TrainerInput input, CancellationToken cancellationToken = default) =>
        PostAsync<CreatedResponse>($"{Path}/candidates/{candidateId}/approve", input, cancellationToken);

    public Task<ApiResult> RejectAsync(Guid candidateId, string reason, CancellationToken cancellationToken = default) =>
        PostAsync($"{Path}/candidates/{candidateId}/reject", new RejectCandidateRequest(reason), cancellationToken);

    public Task<ApiResult<MyTrainerPathway>> MyPathwayAsync(CancellationToken cancellationToken = default) =>
        GetAsync<MyTrainerPathway>("api/v1/me/trainer-pathway", cancellationToken);

    /// <summary>Applies to become a trainer; the evidence file is optional when a link is given. 409 when one is open.</summary>
    public Task<ApiResult<CreatedResponse>> ApplyAsync(TrainerApplicationInput input, Stream? evidence, string? fileName, string? contentType,
        CancellationToken cancellationToken = default)
    {
        var content = new MultipartFormDataContent
        {
            { new StringContent(input.Specialty), "specialty" },
            { new StringContent(input.YearsOfExperience.ToString(CultureInfo.InvariantCulture)), "yearsOfExperience" },
            { new StringContent(input.Statement), "statement" },
            { new StringContent(input.EvidenceUrl ?? ""), "evidenceUrl" },
        };
        if (evidence is not null)
        {
            var file = new StreamContent(evidence);
            file.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var type)
                ? type : new System.Net.Http.Headers.MediaTypeHeaderValue("application/octet-stream");
            content.Add(file, "file", fileName ?? "evidence");
        }
        return SendAsync<CreatedResponse>(new HttpRequestMessage(HttpMethod.Post, "api/v1/trainer-applications") { Content = content }, cancellationToken);
    }

    public Task<ApiResult> WithdrawAsync(Guid applicationId, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/trainer-applications/{applicationId}/withdraw", null, cancellationToken);

    public Task<ApiResult<ApiFile>> ApplicationEvidenceAsync(Guid applicationId, CancellationToken cancellationToken = default) =>
        GetFileAsync($"api/v1/trainer-applications/{applicationId}/evidence", cancellationToken);

    public Task<ApiResult<List<TrainerSuggestion>>> SuggestionsAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        GetAsync<List<TrainerSuggestion>>($"api/v1/sessions/{sessionId}/trainer-suggestions", cancellationToken);

    /// <summary>409 when refused, with every failed check in <see cref="ApiProblem.Problems"/>.</summary>
    public Task<ApiResult> AssignAsync(Guid sessionId, Guid trainerId, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/sessions/{sessionId}/trainers", new AssignTrainerRequest(trainerId), cancellationToken);

    public Task<ApiResult> UnassignAsync(Guid sessionId, Guid trainerId, CancellationToken cancellationToken = default) =>
        DeleteAsync($"api/v1/sessions/{sessionId}/trainers/{trainerId}", cancellationToken);
}
