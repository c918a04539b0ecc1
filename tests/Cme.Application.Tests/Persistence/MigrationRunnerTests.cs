using Cme.Infrastructure.Persistence.Migrations;
using Cme.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Cme.Application.Tests.Persistence;

public sealed class MigrationRunnerTests
{
    [Fact]
    public async Task Migrate_ManyInstancesAtOnce_AppliesEachScriptOnce()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("migr");

        var runs = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() =>
            new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance, TimeProvider.System).MigrateAsync())));

        runs.Sum(r => r.Count).ShouldBe(MigrationRunner.Scripts.Count);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var recorded = (long)(await new NpgsqlCommand("SELECT count(*) FROM schema_migrations", connection).ExecuteScalarAsync())!;
        recorded.ShouldBe(MigrationRunner.Scripts.Count);
    }

    [Fact]
    public async Task Migrate_WhenAnAppliedScriptWasEdited_RefusesToStart()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("migr");
        var runner = new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance, TimeProvider.System);
        await runner.MigrateAsync();
        await PostgresServer.ExecuteAsync(connectionString, "UPDATE schema_migrations SET checksum = 'edited' WHERE version = 1");

        var error = await Should.ThrowAsync<InvalidOperationException>(() => runner.MigrateAsync());

        error.Message.ShouldContain("0001_initial.sql was edited");
    }

    [Fact]
    public async Task Migrate_RecordsVersionNameChecksumAndTime()
    {
        var server = await PostgresServer.InstanceAsync();
        var connectionString = await server.CreateEmptyDatabaseAsync("migr");

        await new MigrationRunner(connectionString, NullLogger<MigrationRunner>.Instance, TimeProvider.System).MigrateAsync();

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(
            "SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version LIMIT 1", connection).ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        reader.GetInt32(0).ShouldBe(1);
        reader.GetString(1).ShouldBe("initial");
        reader.GetString(2).ShouldBe(MigrationRunner.Scripts[0].Checksum);
        reader.GetDateTime(3).ShouldBeGreaterThan(DateTime.UtcNow.AddMinutes(-5));
    }
}
