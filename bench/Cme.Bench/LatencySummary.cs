namespace Cme.Bench;

/// <summary>Requests per second and nearest-rank percentiles of one timed run.</summary>
public sealed record LatencySummary(int Requests, int Errors, double Seconds, double PerSecond, double P50, double P95, double P99, double Max)
{
    public static LatencySummary Of(IReadOnlyList<double> latenciesMs, int errors, TimeSpan elapsed)
    {
        var sorted = latenciesMs.Order().ToArray();
        double At(double p) => sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, errors, elapsed.TotalSeconds, sorted.Length / elapsed.TotalSeconds,
            At(0.50), At(0.95), At(0.99), sorted.Length == 0 ? 0 : sorted[^1]);
    }
}
