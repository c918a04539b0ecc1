using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Persistence;
using Cme.Infrastructure.Persistence.Migrations;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Xunit.Abstractions;

namespace Cme.Application.Tests.Persistence;

/// <summary>
/// The migrated schema and the schema EF Core would create from its model must be the same set of
/// catalog facts: tables, columns with type and nullability, primary keys, foreign keys, indexes.
/// </summary>
public sealed class SchemaMatchesModelTests(ITestOutputHelper output)
{
    [Fact]
    public async Task MigratedSchema_EqualsTheEfModel()
    {
        var server = await PostgresServer.InstanceAsync();
        var migrated = await server.CreateEmptyDatabaseAsync("mig");
        var fromModel = await server.CreateEmptyDatabaseAsync("ef");
        await new MigrationRunner(migrated, NullLogger<MigrationRunner>.Instance, TimeProvider.System).MigrateAsync();
        await using (var db = new AppDbContext(
            new DbContextOptionsBuilder<AppDbContext>().UseNpgsql(fromModel).Options, new NoAudit(), new TestUser(), TimeProvider.System))
        {
            await db.Database.ExecuteSqlRawAsync(db.Database.GenerateCreateScript());
        }

        var expected = await CatalogFactsAsync(fromModel);
        var actual = await CatalogFactsAsync(migrated);

        var missing = expected.Except(actual).Order().ToList();
        var extra = actual.Except(expected).Where(f => !f.Contains("schema_migrations", StringComparison.Ordinal)).Order().ToList();
        foreach (var fact in missing)
            output.WriteLine($"- in the EF model, not in the migrations: {fact}");
        foreach (var fact in extra)
            output.WriteLine($"+ in the migrations, not in the EF model: {fact}");
        (missing.Count + extra.Count).ShouldBe(0,
            "The migrations and the EF model differ:\n" + string.Join('\n', missing.Select(f => "- model only: " + f).Concat(extra.Select(f => "+ migrations only: " + f))));
    }

    private static async Task<HashSet<string>> CatalogFactsAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || c.table_name || '.' || c.column_name || ' ' || c.data_type
                   || coalesce('(' || c.character_maximum_length || ')', '')
                   || CASE WHEN c.is_nullable = 'YES' THEN ' null' ELSE ' not null' END
                   || CASE WHEN c.is_identity = 'YES' THEN ' identity ' || c.identity_generation ELSE '' END
            FROM information_schema.columns c
            WHERE c.table_schema = 'public'
            UNION ALL
            SELECT 'constraint ' || tc.table_name || ' ' || tc.constraint_type || ' ' || tc.constraint_name || ' '
                   || pg_get_constraintdef(pc.oid)
            FROM information_schema.table_constraints tc
            JOIN pg_constraint pc ON pc.conname = tc.constraint_name AND pc.connamespace = 'public'::regnamespace
            WHERE tc.table_schema = 'public' AND tc.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY', 'UNIQUE')
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes WHERE schemaname = 'public'
            """;
        var facts = new HashSet<string>(StringComparer.Ordinal);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var reader = await new NpgsqlCommand(sql, connection).ExecuteReaderAsync();
        while (await reader.ReadAsync())
            facts.Add(reader.GetString(0));
        return facts;
    }

    private sealed class NoAudit : IAuditContext
    {
        public string? Action { get; set; }
    }
}
