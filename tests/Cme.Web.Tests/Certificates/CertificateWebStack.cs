namespace Cme.Web.Tests.Certificates;

/// <summary>
/// The stack with no job scheduler in the API (the default for tests), so no background work issues
/// certificates: a completion waits for its learner to ask for the certificate, and a test moves a
/// bulk issue on itself, one certificate at a time, to watch the bar.
/// </summary>
public sealed class CertificateWebStack : WebStack
{
    protected override IReadOnlyDictionary<string, string?> ApiSettings =>
        new Dictionary<string, string?> { ["Cme:Scheduler:Enabled"] = "false" };
}
