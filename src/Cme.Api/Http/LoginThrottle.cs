using System.Collections.Concurrent;

namespace Cme.Api.Http;

/// <summary>
/// Slows down guessing of passwords and second-factor codes without locking anyone out: each failure
/// for an account from an address, for an account from anywhere, and from an address for any account
/// adds to a backoff; the caller waits <see cref="Check"/>'s answer before the next try counts.
/// Successes clear the account-and-address counter. Keys are case-insensitive.
/// </summary>
internal sealed class LoginThrottle(IConfiguration configuration, TimeProvider clock)
{
    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.Ordinal);
    private readonly int _freePerAccountAndAddress = configuration.GetValue("Cme:LoginThrottle:FreeFailuresPerAccountAndAddress", 5);
    private readonly int _freePerAccount = configuration.GetValue("Cme:LoginThrottle:FreeFailuresPerAccount", 20);
    private readonly int _freePerAddress = configuration.GetValue("Cme:LoginThrottle:FreeFailuresPerAddress", 50);
    private static readonly TimeSpan Forget = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan MaxWait = TimeSpan.FromMinutes(5);

    /// <summary>How long the caller must still wait before another try is heard; null when it may try now.</summary>
    public TimeSpan? Check(string? address, string account)
    {
        var now = clock.GetUtcNow();
        var wait = Keys(address, account)
            .Select(key => _failures.TryGetValue(key.Key, out var f) ? f.WaitUntil(now, key.Free) - now : TimeSpan.Zero)
            .Max();
        return wait > TimeSpan.Zero ? wait : null;
    }

    public void Failed(string? address, string account)
    {
        var now = clock.GetUtcNow();
        foreach (var key in Keys(address, account))
            _failures.AddOrUpdate(key.Key, _ => new Failures(1, now), (_, f) => f.Add(now));
    }

    public void Succeeded(string? address, string account) =>
        _failures.TryRemove(Keys(address, account)[0].Key, out _);

    private (string Key, int Free)[] Keys(string? address, string account)
    {
        var who = account.Trim().ToLowerInvariant();
        var from = address ?? "unknown";
        return [($"pair|{who}|{from}", _freePerAccountAndAddress), ($"account|{who}", _freePerAccount), ($"address|{from}", _freePerAddress)];
    }

    private sealed record Failures(int Count, DateTimeOffset Last)
    {
        public Failures Add(DateTimeOffset now) => now - Last > Forget ? new Failures(1, now) : new Failures(Count + 1, now);

        public DateTimeOffset WaitUntil(DateTimeOffset now, int free)
        {
            if (now - Last > Forget || Count < free)
                return now;
            var seconds = Math.Min(Math.Pow(2, Count - free), MaxWait.TotalSeconds);
            return Last + TimeSpan.FromSeconds(seconds);
        }
    }
}
