using System.Net;

namespace Cme.Web.Api;

/// <summary>
/// A learner's side of attendance: checking in, their completion, the evaluation. A 403 (not
/// enrolled) is an answer to show on the page, not a reason to leave it, so only a 401 is thrown.
/// </summary>
public sealed class CheckInApiClient(HttpClient http) : ApiClientBase(http)
{
    protected override bool Throws(HttpStatusCode status) => status == HttpStatusCode.Unauthorized;

    public Task<ApiResult<CheckInResult>> CheckInAsync(Guid sessionId, string code, CancellationToken cancellationToken = default) =>
        PostAsync<CheckInResult>($"api/v1/sessions/{sessionId}/check-in", new CheckInRequest(code), cancellationToken);

    public Task<ApiResult<MyCheckIn>> MyCheckInAsync(Guid sessionId, CancellationToken cancellationToken = default) =>
        GetAsync<MyCheckIn>($"api/v1/sessions/{sessionId}/check-in", cancellationToken);

    public Task<ApiResult<CompletionView>> MyCompletionAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        GetAsync<CompletionView>($"api/v1/offerings/{offeringId}/my-completion", cancellationToken);

    public Task<ApiResult<CompletionView>> EvaluateAsync(Guid offeringId, EvaluationRequest request, CancellationToken cancellationToken = default) =>
        PostAsync<CompletionView>($"api/v1/offerings/{offeringId}/evaluation", request, cancellationToken);
}
