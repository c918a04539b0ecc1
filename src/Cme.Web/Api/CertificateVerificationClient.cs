namespace Cme.Web.Api;

/// <summary>
/// Public certificate verification, without anyone's token. The API limits it per client address, so
/// each call names the browser's address in X-Forwarded-For (<see cref="ForwardedForHandler"/>; the API
/// believes it only from its configured proxies).
/// </summary>
public sealed class CertificateVerificationClient(HttpClient http) : ApiClientBase(http)
{
    /// <summary>No sign-in here: a 401 or 403 is an answer to show, not a reason to redirect.</summary>
    protected override bool ThrowsOnAccessFailure => false;

    public Task<ApiResult<CertificateVerification>> VerifyAsync(string code, CancellationToken cancellationToken = default) =>
        SendAsync<CertificateVerification>(new HttpRequestMessage(HttpMethod.Get, $"api/v1/certificates/verify/{Uri.EscapeDataString(code)}"), cancellationToken);
}
