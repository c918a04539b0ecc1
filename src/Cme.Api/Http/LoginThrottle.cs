using System.Threading.RateLimiting;

namespace Cme.Api.Http;

/// <summary>
/// Slows down password guessing: a fixed budget of sign-in attempts per minute for each client
/// address and for each account, on top of Identity's lockout after repeated failures.
/// </summary>
internal sealed class LoginThrottle(IConfiguration configuration) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _perIp = Create(configuration.GetValue("Cme:LoginThrottle:PerIpPerMinute", 30));
    private readonly PartitionedRateLimiter<string> _perAccount = Create(configuration.GetValue("Cme:LoginThrottle:PerAccountPerMinute", 10));

    public bool TryAcquire(string? ip, string account)
    {
        using var ipLease = _perIp.AttemptAcquire(ip ?? "unknown");
        using var accountLease = _perAccount.AttemptAcquire(account.Trim().ToLowerInvariant());
        return ipLease.IsAcquired && accountLease.IsAcquired;
    }

    private static PartitionedRateLimiter<string> Create(int permitsPerMinute) =>
        PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
            new FixedWindowRateLimiterOptions { PermitLimit = permitsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public void Dispose()
    {
        _perIp.Dispose();
        _perAccount.Dispose();
    }
}
