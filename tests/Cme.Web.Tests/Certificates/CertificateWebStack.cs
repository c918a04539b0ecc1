namespace Cme.Web.Tests.Certificates;

/// <summary>
/// The stack with the API's certificate worker off: a completion waits for its learner to ask for the
/// certificate, and a test moves a bulk issue on itself, one certificate at a time, to watch the bar.
/// </summary>
public sealed class CertificateWebStack : WebStack
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings =>
        new Dictionary<string, string?> { ["Cme:Certificates:Worker"] = "false" };
}
