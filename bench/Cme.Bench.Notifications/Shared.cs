using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Cme.Testing;
using Npgsql;

namespace Cme.Bench.Notifications;

internal static class Db
{
    public static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 600 };
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>count e-mail notifications due now, to the demo staff (ReviewDigest: no subject to go stale).</summary>
    public static Task InsertDueEmailsAsync(string connectionString, string tag, int count, string channel = "Email") => ExecuteAsync(connectionString, $$"""
        INSERT INTO notifications (id, recipient_id, kind, channel, subject_id, occurrence, dedup_key, language, data, status,
                                   due_at, next_attempt_at, attempts, created_at)
        SELECT gen_random_uuid(), p.id, 'ReviewDigest', '{{channel}}', gen_random_uuid(), '{{tag}}-' || g, '{{tag}}:{{channel}}:' || g, 'en',
               '{"count": 1, "oldestSubmittedAt": "2026-11-01T00:00:00Z"}', 'Pending', now(), now(), 0, now()
        FROM generate_series(1, {{count}}) g
        CROSS JOIN LATERAL (SELECT id FROM professionals ORDER BY id OFFSET (g % 40) LIMIT 1) p
        """);
}

/// <summary>A Cme.Api process (the Release build next to this repository), with the scheduler on.</summary>
internal sealed class ApiProcess : IDisposable
{
    private readonly Process _process;

    /// <param name="instanceName">Cme:Scheduler:InstanceName: the name its Hangfire servers start with and its dispatcher records per attempt.</param>
    public ApiProcess(string connectionString, int smtpPort, string name, string logDir, string? instanceName = null)
    {
        Port = FreePort();
        var dll = Path.Combine(Repo.Root, "src", "Cme.Api", "bin", Repo.Configuration, "net10.0", "Cme.Api.dll");
        var start = new ProcessStartInfo("dotnet", [dll])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["ConnectionStrings__Cme"] = connectionString;
        start.Environment["Cme__Email__Host"] = "127.0.0.1";
        start.Environment["Cme__Email__Port"] = smtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Cme__Scheduler__DispatchIntervalSeconds"] = "1";
        start.Environment["Cme__Notifications__BatchSize"] = "50";
        start.Environment["Cme__Notifications__ClaimLeaseSeconds"] = "10";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (instanceName is not null)
            start.Environment["Cme__Scheduler__InstanceName"] = instanceName;
        _process = Process.Start(start)!;
        var log = new StreamWriter(Path.Combine(logDir, $"{name}.log"), append: true) { AutoFlush = true };
        _process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Port { get; }

    public int Id => _process.Id;

    /// <summary>SIGKILL: no shutdown, no cleanup, as a crash or an OOM kill.</summary>
    public void Kill9()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async Task<bool> ReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if ((await http.GetAsync($"http://127.0.0.1:{Port}/health/ready")).StatusCode == HttpStatusCode.OK)
                    return true;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(200);
        }
        return false;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.Dispose();
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}

internal static class Repo
{
    public static string Root { get; } = Find();

    public static string Configuration =>
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Cme.sln")))
            dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Cme.sln not found above " + AppContext.BaseDirectory);
    }
}

internal static class Sink
{
    public static (int Total, int Distinct) Count(SmtpSink sink, string subjectPrefix)
    {
        var messages = sink.Messages.Where(m => m.Subject.StartsWith(subjectPrefix, StringComparison.Ordinal)).ToList();
        return (messages.Count, messages.Select(m => m.NotificationId).Distinct().Count());
    }
}
