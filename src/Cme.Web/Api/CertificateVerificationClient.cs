namespace Cme.Web.Api;

/// <summary>
/// Public certificate verification, without anyone's token. The API limits it per client address, so
/// each call names the browser's address in X-Forwarded-For (the API trusts it from loopback proxies).
/// </summary>
public sealed class CertificateVerificationClient(HttpClient http) : ApiClientBase(http)
{
    /// <summary>No sign-in here: a 401 or 403 is an answer to show, not a reason to redirect.</summary>
    protected override bool ThrowsOnAccessFailure => false;

    public Task<ApiResult<CertificateVerification>> VerifyAsync(string code, string? clientAddress, CancellationToken cancellationToken = default)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"api/v1/certificates/verify/{Uri.EscapeDataString(code)}");
        if (!string.IsNullOrEmpty(clientAddress))
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", clientAddress);
        return SendAsync<CertificateVerification>(request, cancellationToken);
    }
}
