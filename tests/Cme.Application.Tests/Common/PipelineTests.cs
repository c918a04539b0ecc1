using Cme.Application.Common.Exceptions;
using Cme.Application.Institutions;
using Cme.Domain.Institutions;
using Cme.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Cme.Application.Tests.Common;

public sealed class PipelineTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    [Fact]
    public async Task Send_WithoutSignIn_IsRefusedBeforeTheHandler()
    {
        await Should.ThrowAsync<UnauthenticatedException>(() => app.SendAs(null, new ListInstitutions(null, null)));
    }

    [Fact]
    public async Task Send_ByWrongRole_IsForbidden()
    {
        await Should.ThrowAsync<ForbiddenException>(() =>
            app.SendAs(Demo.Gp, new CreateInstitution("X-1", "某中心", "Some centre", InstitutionTier.Primary, "武侯区")));
    }

    [Fact]
    public async Task Send_InvalidInput_ReportsEveryFieldInCamelCase()
    {
        var error = await Should.ThrowAsync<RequestValidationException>(() =>
            app.SendAs(Demo.CmeAdmin, new CreateInstitution("!", "", new string('x', 300), (InstitutionTier)42, "")));

        error.Errors.Keys.ShouldBe(["code", "name", "nameEn", "tier", "region"], ignoreOrder: true);
    }

    [Fact]
    public async Task Command_IsAuditedWithWhoWhatAndWhichRecord()
    {
        var created = await app.SendAs(Demo.CmeAdmin,
            new CreateInstitution("CHSC-AUD", "红牌楼社区卫生服务中心", "Hongpailou CHSC", InstitutionTier.Primary, "武侯区"));

        var entry = await app.QueryAsync(db => db.AuditEntries.AsNoTracking()
            .SingleAsync(a => a.EntityType == "Institution" && a.EntityId == created.Id.ToString()));
        entry.Action.ShouldBe("CreateInstitution");
        entry.UserName.ShouldBe(Demo.CmeAdmin);
        entry.Operation.ShouldBe("Added");
        entry.Changes.ShouldNotBeNull().ShouldContain("红牌楼社区卫生服务中心");
    }

    [Fact]
    public async Task AuditLog_RefusesUpdateAndDeleteInTheDatabase()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        var update = new NpgsqlCommand("UPDATE audit_log SET action = 'forged'", connection);
        var delete = new NpgsqlCommand("DELETE FROM audit_log", connection);

        (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
        (await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
    }
}

public sealed class PublishedContentTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    [Fact]
    public async Task PublishedModules_CannotBeChangedEvenBySqlInTheDatabase()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();

        var update = new NpgsqlCommand(
            "UPDATE course_modules SET title = 'changed' WHERE version_id IN (SELECT id FROM course_versions WHERE status = 'Published')", connection);

        (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText.ShouldContain("cannot change");
    }
}

public sealed class CreditLedgerDatabaseTests(ApplicationFixture app) : IClassFixture<ApplicationFixture>
{
    [Fact]
    public async Task Ledger_RefusesUpdateAndDeleteInTheDatabase()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        var learner = await app.QueryAsync(db => db.Professionals.Select(p => p.Id).FirstAsync());
        await using (var insert = new NpgsqlCommand("""
            INSERT INTO credit_ledger (id, learner_id, kind, credits, hours, credit_class, source, year, award_key, recorded_by, reason, recorded_at)
            VALUES (gen_random_uuid(), $1, 'Adjustment', 1, 0, 'II', 'Adjustment', 2026, NULL, $1, 'test', now())
            """, connection))
        {
            insert.Parameters.Add(new() { Value = learner });
            await insert.ExecuteNonQueryAsync();
        }

        var update = new NpgsqlCommand("UPDATE credit_ledger SET credits = 100", connection);
        var delete = new NpgsqlCommand("DELETE FROM credit_ledger", connection);

        (await Should.ThrowAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
        (await Should.ThrowAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).MessageText.ShouldContain("append-only");
    }
}
