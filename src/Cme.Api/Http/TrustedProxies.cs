using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Cme.Hosting;

/// <summary>
/// Which callers may say, in X-Forwarded-For, whose request they pass on: the addresses in
/// <c>Cme:Security:KnownProxies</c> and the networks (CIDR, e.g. <c>172.18.0.0/16</c>) in
/// <c>Cme:Security:KnownNetworks</c>. ASP.NET Core's default (loopback) is cleared, so with nothing
/// configured no forwarded header is believed and every limit sees the connection's own address.
/// Shared by Cme.Api and Cme.Web (linked source).
/// </summary>
internal static class TrustedProxies
{
    public static ForwardedHeadersOptions Options(IConfiguration configuration)
    {
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
#pragma warning disable CS0618, ASPDEPR005 // the older list, in case it still holds the loopback default
        options.KnownNetworks.Clear();
#pragma warning restore CS0618, ASPDEPR005
        foreach (var proxy in Values(configuration, "Cme:Security:KnownProxies"))
            options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                ? address
                : throw new InvalidOperationException($"Cme:Security:KnownProxies: '{proxy}' is not an IP address."));
        foreach (var network in Values(configuration, "Cme:Security:KnownNetworks"))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                ? parsed
                : throw new InvalidOperationException($"Cme:Security:KnownNetworks: '{network}' is not a network such as 10.0.0.0/8."));
        // Careful: with both lists empty the middleware believes every caller, so then it reads no header at all.
        if (options.KnownProxies.Count == 0 && options.KnownIPNetworks.Count == 0)
            options.ForwardedHeaders = ForwardedHeaders.None;
        return options;
    }

    /// <summary>A list (<c>Key:0</c>, <c>Key:1</c>…) or one value separated by commas or semicolons (handy in an environment variable).</summary>
    private static IEnumerable<string> Values(IConfiguration configuration, string key) =>
        configuration.GetSection(key).GetChildren().Select(c => c.Value).Append(configuration[key])
            .SelectMany(v => (v ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Distinct();
}
