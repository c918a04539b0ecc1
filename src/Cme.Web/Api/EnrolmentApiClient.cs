using System.Net;

namespace Cme.Web.Api;

/// <summary>
/// A learner enrolling themself. The API answers 403 when the offering is for another audience:
/// that is an answer to show on the page, not a reason to leave it, so only a 401 is thrown.
/// </summary>
public sealed class EnrolmentApiClient(HttpClient http) : ApiClientBase(http)
{
    protected override bool Throws(HttpStatusCode status) => status == HttpStatusCode.Unauthorized;

    public Task<ApiResult<MyEnrolment>> EnrolAsync(Guid offeringId, CancellationToken cancellationToken = default) =>
        SendAsync<MyEnrolment>(new HttpRequestMessage(HttpMethod.Post, $"api/v1/offerings/{offeringId}/enrol"), cancellationToken);

    public Task<ApiResult> CancelAsync(Guid enrolmentId, CancellationToken cancellationToken = default) =>
        PostAsync($"api/v1/enrolments/{enrolmentId}/cancel", new ReasonRequest(null), cancellationToken);
}
