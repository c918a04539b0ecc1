using Cme.Api.Http;
using Cme.Testing;
using Microsoft.Extensions.Configuration;

namespace Cme.Api.Tests.Auth;

/// <summary>The throttle's own rules, without HTTP: parallel bursts, the owner's address, the memory bound.</summary>
public sealed class LoginThrottleUnitTests
{
    private static LoginThrottle Throttle(TestClock clock, params (string Key, string Value)[] settings) => new(
        new ConfigurationBuilder().AddInMemoryCollection(settings.ToDictionary(s => "Cme:LoginThrottle:" + s.Key, s => (string?)s.Value)).Build(), clock);

    [Fact]
    public void AParallelBurst_GetsNoMoreTriesThanTheFreeOnes()
    {
        var throttle = Throttle(new TestClock());

        // 50 tries checked at once, none of them finished yet.
        var heard = Enumerable.Range(0, 50).AsParallel().Count(_ => throttle.Check("203.0.113.9", "gp@demo.cme") is null);

        heard.ShouldBe(5);
    }

    [Fact]
    public void ManyAddressesFailingOnOneAccount_HoldBackNewAddresses_ButNotTheOwnersKnownOne()
    {
        var clock = new TestClock();
        var throttle = Throttle(clock);
        throttle.Check("198.51.100.1", "gp@demo.cme").ShouldBeNull();
        throttle.Succeeded("198.51.100.1", "gp@demo.cme");

        for (var i = 0; i < 25; i++)
        {
            var from = $"203.0.113.{i}";
            if (throttle.Check(from, "gp@demo.cme") is null)
                throttle.Failed(from, "gp@demo.cme");
        }

        var stranger = throttle.Check("192.0.2.77", "gp@demo.cme");
        stranger.ShouldNotBeNull();
        stranger.Value.ShouldBeLessThanOrEqualTo(TimeSpan.FromMinutes(1));
        throttle.Check("198.51.100.1", "gp@demo.cme").ShouldBeNull();
    }

    [Fact]
    public void SprayingMadeUpEmails_DoesNotGrowTheThrottleWithoutLimit()
    {
        var clock = new TestClock();
        var throttle = Throttle(clock, ("MaxEntries", "1000"), ("Address:FreeFailures", "1000000"));

        for (var i = 0; i < 5000; i++)
        {
            var from = $"10.{i / 65536 % 256}.{i / 256 % 256}.{i % 256}";
            var account = $"nobody-{Guid.NewGuid():N}@example.org";
            if (throttle.Check(from, account) is null)
                throttle.Failed(from, account);
        }
        throttle.Count.ShouldBeLessThanOrEqualTo(1000 + 3);

        clock.Advance(TimeSpan.FromHours(1));
        throttle.Check("192.0.2.1", "someone@example.org");
        throttle.Count.ShouldBeLessThanOrEqualTo(3);
    }
}
