namespace Cme.Testing;

/// <summary>
/// The clock of a test host: the real time plus an offset the test moves forward with
/// <see cref="Advance"/> ("the session has ended", "a day later") instead of sleeping. Between jumps it
/// runs at real speed, so that what the jobs do (which reads this clock) keeps pace with Hangfire,
/// which schedules the jobs by the real time: a frozen clock (FakeTimeProvider) would have the jobs
/// run over and over at one instant. Jumps only go forward, as time does.
/// </summary>
public sealed class TestClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>How far ahead of the real time this clock is.</summary>
    public TimeSpan Offset => TimeSpan.FromTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        Interlocked.Add(ref _offsetTicks, by.Ticks);
    }
}
