using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Cme.Testing;

/// <summary>
/// A throwaway PostgreSQL cluster from the machine's own binaries, one per test process, or the
/// server named by CME_TEST_DATABASE. Each test class gets a fresh database cloned from a template
/// that is migrated and seeded once.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync);
    private static readonly SemaphoreSlim CloneLock = new(1, 1);
    private readonly string? _dataDir;
    private readonly string? _binDir;

    private PostgresServer(string adminConnectionString, string? dataDir, string? binDir)
    {
        AdminConnectionString = adminConnectionString;
        _dataDir = dataDir;
        _binDir = binDir;
    }

    public string AdminConnectionString { get; }

    public static Task<PostgresServer> InstanceAsync() => Shared.Value;

    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true, MaxPoolSize = 300 }.ConnectionString;

    /// <summary>A new, empty database (no schema).</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 33)];
        await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\"");
        return ConnectionStringFor(name);
    }

    /// <summary>A new database cloned from a template built once by <paramref name="prepare"/>.</summary>
    public async Task<string> CloneAsync(string template, Func<string, Task> prepare)
    {
        await CloneLock.WaitAsync();
        try
        {
            if (!await DatabaseExistsAsync(template))
            {
                var building = $"{template}_building";
                await ExecuteAsync(AdminConnectionString, $"DROP DATABASE IF EXISTS \"{building}\" WITH (FORCE)");
                await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{building}\"");
                await prepare(ConnectionStringFor(building));
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(AdminConnectionString, $"ALTER DATABASE \"{building}\" RENAME TO \"{template}\"");
            }
            var name = $"{template}_{Guid.NewGuid():N}"[..Math.Min(63, template.Length + 33)];
            await ExecuteAsync(AdminConnectionString, $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");
            return ConnectionStringFor(name);
        }
        finally
        {
            CloneLock.Release();
        }
    }

    private async Task<bool> DatabaseExistsAsync(string name)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
        command.Parameters.Add(new() { Value = name });
        return await command.ExecuteScalarAsync() is not null;
    }

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Restarts the cluster (for fault tests); only for a cluster this process started.</summary>
    public void Restart()
    {
        if (_dataDir is null || _binDir is null)
            throw new InvalidOperationException("Only a throwaway cluster can be restarted.");
        PgCtl(_binDir, _dataDir, "restart -m fast -w");
    }

    private static async Task<PostgresServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("CME_TEST_DATABASE") is { Length: > 0 } external)
            return new PostgresServer(external, null, null);

        var bin = FindBinaries();
        var dataDir = Path.Combine(Path.GetTempPath(), $"cme-test-pg-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (IsRoot)
            Run("chown", $"postgres:postgres {dataDir}");
        var cluster = Path.Combine(dataDir, "data");
        RunAsPostgres(Path.Combine(bin, "initdb"), $"-D {cluster} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 -N");
        var port = FreePort();
        File.AppendAllText(Path.Combine(cluster, "postgresql.conf"), $"""

            port = {port}
            listen_addresses = '127.0.0.1'
            unix_socket_directories = '{dataDir}'
            fsync = off
            synchronous_commit = off
            full_page_writes = off
            max_connections = 400
            shared_buffers = 128MB
            """);
        PgCtl(bin, cluster, $"start -w -t 60 -l {Path.Combine(dataDir, "server.log")}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                PgCtl(bin, cluster, "stop -m immediate -w");
                Directory.Delete(dataDir, recursive: true);
            }
            catch (Exception)
            {
                // The process is ending; a leftover temp folder is harmless.
            }
        };
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false", cluster, bin);
        await ExecuteAsync(server.AdminConnectionString, "SELECT 1");
        return server;
    }

    private static bool IsRoot => Environment.UserName == "root";

    private static string FindBinaries()
    {
        if (Environment.GetEnvironmentVariable("CME_PG_BIN") is { Length: > 0 } configured)
            return configured;
        var root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root).Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0).FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL server binaries were not found. Run ./test.sh (it installs them) or set CME_PG_BIN or CME_TEST_DATABASE.");
    }

    private static void PgCtl(string bin, string cluster, string arguments) =>
        RunAsPostgres(Path.Combine(bin, "pg_ctl"), $"-D {cluster} {arguments}");

    private static void RunAsPostgres(string program, string arguments)
    {
        if (IsRoot)
            Run("runuser", $"-u postgres -- {program} {arguments}");
        else
            Run(program, arguments);
    }

    private static void Run(string program, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {arguments} failed ({process.ExitCode}): {stderr}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
