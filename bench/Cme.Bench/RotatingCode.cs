namespace Cme.Bench;

/// <summary>
/// The code on the trainer's screen: fetched again as each 30-second period ends, as the session
/// page does, so a burst longer than a period keeps checking in with a valid code.
/// </summary>
public sealed class RotatingCode : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private CheckInCode _current;
    private Task _refresher = Task.CompletedTask;

    private RotatingCode(CheckInCode first) => _current = first;

    public string Token => Volatile.Read(ref _current).Token;

    public int Fetches { get; private set; } = 1;

    public static async Task<RotatingCode> StartAsync(CmeApi api, Guid sessionId, string trainerToken, CancellationToken ct)
    {
        var code = new RotatingCode(await api.CurrentCodeAsync(sessionId, trainerToken, ct));
        code._refresher = code.RefreshAsync(api, sessionId, trainerToken, code._stop.Token);
        return code;
    }

    private async Task RefreshAsync(CmeApi api, Guid sessionId, string trainerToken, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var wait = Volatile.Read(ref _current).ValidUntil - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200);
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, ct);
                Volatile.Write(ref _current, await api.CurrentCodeAsync(sessionId, trainerToken, ct));
                Fetches++;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refresher;
        _stop.Dispose();
    }
}
