using Microsoft.AspNetCore.Http.HttpResults;
using System.Collections.Concurrent;

namespace Cme.Api.Http;

/// <summary>
/// Slows down guessing of passwords and second-factor codes without locking anyone out (docs/operations.md,
/// "Sign-in throttling"). Three leaky counters of failures each allow a number of free failures, then ask
/// the caller to wait before the next try is heard, the wait doubling with each further failure up to a cap:
/// <list type="bullet">
/// <item>an account from one address (free 5, cap 15 minutes): one source guessing one account;</item>
/// <item>an address for any account (free 50, cap 15 minutes): one source spraying many accounts;</item>
/// <item>an account from any address (free 20, cap 1 minute): many sources guessing one account. This is the
/// counter an attacker could aim at the owner, so its wait is short, and an address that signed in to the
/// account successfully in the last 30 days is exempt from it.</item>
/// </list>
/// A counter forgets one failure per interval (15, 1 and 5 minutes), so typing mistakes behind a shared
/// address never add up to a block. A try that is being checked counts as a failure until
/// <see cref="Succeeded"/> or <see cref="Failed"/> says otherwise, so a burst of parallel tries gets no more
/// than the free ones. Memory is bounded: counters that have drained are swept out every minute, and past
/// <c>MaxEntries</c> the emptiest counters go first. State is per API instance.
/// </summary>
internal sealed class LoginThrottle
{
    private const string Section = "Cme:LoginThrottle";

    private readonly TimeProvider _clock;
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _knownGood = new(StringComparer.Ordinal);
    private readonly Policy _pair;
    private readonly Policy _account;
    private readonly Policy _address;
    private readonly TimeSpan _firstWait;
    private readonly TimeSpan _rememberSuccess;
    private readonly int _maxEntries;
    private long _nextSweepTicks;
    private int _sweeping;

    public LoginThrottle(IConfiguration configuration, TimeProvider clock)
    {
        _clock = clock;
        _pair = Policy.Read(configuration, "AccountAndAddress", 5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15));
        _account = Policy.Read(configuration, "Account", 20, TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(1));
        _address = Policy.Read(configuration, "Address", 50, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(15));
        _firstWait = configuration.GetValue($"{Section}:FirstWait", TimeSpan.FromSeconds(1));
        _rememberSuccess = configuration.GetValue($"{Section}:RememberSuccessFor", TimeSpan.FromDays(30));
        _maxEntries = Math.Max(1000, configuration.GetValue($"{Section}:MaxEntries", 100_000));
    }

    /// <summary>
    /// <see cref="Check"/> as an answer: null when the try may go on (then end it with <see cref="Failed"/>
    /// or <see cref="Succeeded"/>), else 429 <c>auth.too-many-attempts</c> with Retry-After.
    /// </summary>
    public ProblemHttpResult? Refuse(HttpContext http, string? address, string account)
    {
        if (Check(address, account) is not { } wait)
            return null;
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(wait.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Problem(ProblemExceptionHandler.Problem(StatusCodes.Status429TooManyRequests, Cme.Domain.Common.Reason.Of("auth.too-many-attempts")));
    }

    /// <summary>
    /// How long the caller must still wait before another try is heard; null when it may try now, and then the
    /// try is counted as a failure in flight until <see cref="Failed"/> or <see cref="Succeeded"/>.
    /// </summary>
    public TimeSpan? Check(string? address, string account)
    {
        var now = _clock.GetUtcNow();
        SweepIfDue(now);
        var keys = Keys(address, account, now);
        // Looking and counting the try in flight as one step (microseconds), so two tries cannot both take the last free one.
        lock (_gate)
        {
            var wait = TimeSpan.Zero;
            foreach (var (key, policy) in keys)
                if (_counters.TryGetValue(key, out var counter))
                {
                    var w = counter.Wait(now, policy, _firstWait);
                    if (w > wait) wait = w;
                }
            if (wait > TimeSpan.Zero)
                return wait;
            foreach (var (key, _) in keys)
                Update(key, c => c.Begin(now));
            return null;
        }
    }

    public void Failed(string? address, string account)
    {
        var now = _clock.GetUtcNow();
        var checkedKeys = Keys(address, account, now).Select(k => k.Key).ToHashSet(StringComparer.Ordinal);
        // Every counter learns of the failure; only those Check counted the try in ends its flight.
        foreach (var (key, policy) in Keys(address, account, now, all: true))
            Update(key, c => c.Fail(now, policy, endsFlight: checkedKeys.Contains(key)));
    }

    /// <summary>The account-and-address counter is cleared, and the address is remembered as the owner's.</summary>
    public void Succeeded(string? address, string account)
    {
        var now = _clock.GetUtcNow();
        var keys = Keys(address, account, now);
        foreach (var (key, _) in keys)
            if (_counters.TryGetValue(key, out var counter))
                lock (counter)
                    counter.End();
        if (_counters.TryGetValue(keys[0].Key, out var pair))
            lock (pair)
                Remove(keys[0].Key, pair);
        _knownGood[keys[0].Key] = now;
    }

    /// <summary>Number of counters held (for tests of the memory bound).</summary>
    internal int Count => _counters.Count + _knownGood.Count;

    private List<(string Key, Policy Policy)> Keys(string? address, string account, DateTimeOffset now, bool all = false)
    {
        var who = account.Trim().ToLowerInvariant();
        var from = address ?? "unknown";
        var pair = $"pair|{who}|{from}";
        var keys = new List<(string, Policy)>(3) { (pair, _pair), ($"address|{from}", _address) };
        // The owner's own address is not held back by failures others cause to the account.
        if (all || !(_knownGood.TryGetValue(pair, out var at) && now - at < _rememberSuccess))
            keys.Add(($"account|{who}", _account));
        return keys;
    }

    private void Update(string key, Action<Counter> change)
    {
        while (true)
        {
            var counter = _counters.GetOrAdd(key, _ => new Counter());
            lock (counter)
            {
                if (counter.Removed)
                    continue; // swept out between the lookup and the lock: take the fresh one
                change(counter);
                return;
            }
        }
    }

    private void SweepIfDue(DateTimeOffset now)
    {
        var due = Interlocked.Read(ref _nextSweepTicks);
        if ((now.UtcTicks < due && _counters.Count + _knownGood.Count <= _maxEntries) || Interlocked.Exchange(ref _sweeping, 1) == 1)
            return;
        try
        {
            Interlocked.Exchange(ref _nextSweepTicks, (now + TimeSpan.FromMinutes(1)).UtcTicks);
            foreach (var (key, at) in _knownGood)
                if (now - at >= _rememberSuccess)
                    _knownGood.TryRemove(key, out _);
            foreach (var (key, counter) in _counters)
                lock (counter)
                    if (counter.Drained(now, PolicyOf(key)))
                        Remove(key, counter);

            // Still too many (addresses spraying made-up e-mails): the emptiest counters go first, then the
            // oldest remembered successes.
            var excess = _counters.Count + _knownGood.Count - _maxEntries * 9 / 10;
            if (excess > 0)
                foreach (var (key, counter) in _counters.ToArray()
                             .OrderBy(e => { lock (e.Value) return e.Value.Level(now, PolicyOf(e.Key)); })
                             .Take(excess))
                    lock (counter)
                        if (Remove(key, counter))
                            excess--;
            if (excess > 0)
                foreach (var (key, _) in _knownGood.ToArray().OrderBy(e => e.Value).Take(excess))
                    _knownGood.TryRemove(key, out _);
        }
        finally
        {
            Volatile.Write(ref _sweeping, 0);
        }
    }

    private bool Remove(string key, Counter counter)
    {
        if (!_counters.TryRemove(new KeyValuePair<string, Counter>(key, counter)))
            return false;
        counter.Removed = true;
        return true;
    }

    private Policy PolicyOf(string key) =>
        key.StartsWith("pair|", StringComparison.Ordinal) ? _pair : key.StartsWith("account|", StringComparison.Ordinal) ? _account : _address;

    /// <summary>Free failures, how often one failure is forgiven, and the longest wait.</summary>
    private sealed record Policy(int Free, TimeSpan ForgiveOneEvery, TimeSpan MaxWait)
    {
        public static Policy Read(IConfiguration configuration, string name, int free, TimeSpan forgive, TimeSpan maxWait) => new(
            Math.Max(1, configuration.GetValue($"{Section}:{name}:FreeFailures", free)),
            configuration.GetValue($"{Section}:{name}:ForgiveOneEvery", forgive) is { Ticks: > 0 } f ? f : forgive,
            configuration.GetValue($"{Section}:{name}:MaxWait", maxWait));
    }

    /// <summary>A leaky count of failures (guarded by locking the instance).</summary>
    private sealed class Counter
    {
        private double _level;        // failures not yet forgiven, as of _at
        private DateTimeOffset _at;   // the last failure
        private int _inFlight;        // tries being checked now, counted as failures until they end
        private DateTimeOffset _inFlightSince;

        public bool Removed { get; set; }

        /// <summary>Failures not yet forgiven (a failure counts whole until its interval has fully passed), plus tries in flight.</summary>
        public double Level(DateTimeOffset now, Policy policy) =>
            Math.Ceiling(Math.Max(0, _level - (now - _at) / policy.ForgiveOneEvery) - 1e-9) + InFlight(now);

        public TimeSpan Wait(DateTimeOffset now, Policy policy, TimeSpan firstWait)
        {
            lock (this)
            {
                var pending = InFlight(now);
                if (Level(now, policy) < policy.Free)
                    return TimeSpan.Zero;
                // Failures beyond the free ones double the wait after the last of them (tries in flight count as now).
                var beyond = (int)Math.Ceiling(_level - 1e-9) + pending - policy.Free;
                var wait = TimeSpan.FromTicks((long)Math.Min(firstWait.Ticks * Math.Pow(2, Math.Clamp(beyond, 0, 40)), policy.MaxWait.Ticks));
                var from = pending > 0 && _inFlightSince > _at ? _inFlightSince : _at;
                var left = from + wait - now;
                // While a try is in flight the answer is not known yet: ask for at least a second.
                return left > TimeSpan.Zero ? left : pending > 0 ? TimeSpan.FromSeconds(1) : TimeSpan.Zero;
            }
        }

        public void Begin(DateTimeOffset now)
        {
            if (InFlight(now) == 0)
            {
                _inFlightSince = now;
                _inFlight = 0; // forget tries that never ended
            }
            _inFlight++;
        }

        public void Fail(DateTimeOffset now, Policy policy, bool endsFlight)
        {
            _level = Math.Max(0, _level - (now - _at) / policy.ForgiveOneEvery) + 1;
            _at = now;
            if (endsFlight)
                End();
        }

        public void End()
        {
            if (_inFlight > 0)
                _inFlight--;
        }

        public bool Drained(DateTimeOffset now, Policy policy) => Level(now, policy) <= 0;

        /// <summary>A try takes well under a minute; one never ended (a dropped request) stops counting after that.</summary>
        private int InFlight(DateTimeOffset now) => now - _inFlightSince < TimeSpan.FromMinutes(1) ? _inFlight : 0;
    }
}
