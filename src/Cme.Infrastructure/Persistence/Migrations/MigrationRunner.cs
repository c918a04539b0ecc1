using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Cme.Infrastructure.Persistence.Migrations;

/// <summary>
/// Applies the versioned SQL scripts embedded in this assembly. The whole run holds a PostgreSQL
/// advisory lock, so several API instances starting at once migrate once; each script runs in its
/// own transaction; an applied script whose text changed stops the start-up.
/// </summary>
public sealed partial class MigrationRunner(string connectionString, ILogger<MigrationRunner> logger, TimeProvider clock)
{
    /// <summary>An arbitrary, fixed key for pg_advisory_lock ("cme-migr").</summary>
    private const long LockKey = 0x636d652d6d696772;

    public static IReadOnlyList<MigrationScript> Scripts { get; } = LoadScripts();

    public async Task<IReadOnlyList<MigrationScript>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    checksum text NOT NULL,
                    applied_at timestamp with time zone NOT NULL)
                """, cancellationToken);

            var applied = new Dictionary<int, string>();
            await using (var read = new NpgsqlCommand("SELECT version, checksum FROM schema_migrations", connection))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
                while (await reader.ReadAsync(cancellationToken))
                    applied[reader.GetInt32(0)] = reader.GetString(1);

            foreach (var (version, checksum) in applied)
            {
                var script = Scripts.FirstOrDefault(s => s.Version == version)
                    ?? throw new InvalidOperationException($"The database has migration {version}, which this build does not know. Is it an older build?");
                if (script.Checksum != checksum)
                    throw new InvalidOperationException(
                        $"Migration {script.FileName} was edited after it was applied (checksum {checksum} in the database, {script.Checksum} now). Add a new script instead.");
            }

            var done = new List<MigrationScript>();
            foreach (var script in Scripts.Where(s => !applied.ContainsKey(s.Version)))
            {
                logger.LogInformation("Applying migration {Script}", script.FileName);
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var apply = new NpgsqlCommand(script.Sql, connection, transaction))
                    await apply.ExecuteNonQueryAsync(cancellationToken);
                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)", connection, transaction))
                {
                    record.Parameters.Add(new() { Value = script.Version });
                    record.Parameters.Add(new() { Value = script.Name });
                    record.Parameters.Add(new() { Value = script.Checksum });
                    record.Parameters.Add(new() { Value = clock.GetUtcNow() });
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }
                await transaction.CommitAsync(cancellationToken);
                done.Add(script);
            }
            return done;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static List<MigrationScript> LoadScripts()
    {
        var assembly = Assembly.GetExecutingAssembly();
        var scripts = new List<MigrationScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var match = ScriptName().Match(resource);
            if (!match.Success)
                throw new InvalidOperationException($"Migration script {resource} must be named NNNN_name.sql.");
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var sql = reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
            var checksum = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sql)));
            scripts.Add(new MigrationScript(int.Parse(match.Groups["version"].Value), match.Groups["name"].Value,
                $"{match.Groups["version"].Value}_{match.Groups["name"].Value}.sql", sql, checksum));
        }
        var duplicate = scripts.GroupBy(s => s.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new InvalidOperationException($"Two migration scripts have version {duplicate.Key}.");
        return [.. scripts.OrderBy(s => s.Version)];
    }

    [GeneratedRegex(@"\.(?<version>\d{4})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex ScriptName();
}

public sealed record MigrationScript(int Version, string Name, string FileName, string Sql, string Checksum);
