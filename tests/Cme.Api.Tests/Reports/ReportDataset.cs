using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Reports;

/// <summary>
/// A small consortium of its own next to the demo one, written straight into the database: three
/// institutions in two regions of their own, seven people, and ledger entries for last year (over,
/// so shortfalls are "not met") and this year (running, so "at risk"), recorded in known months.
///
/// Last year, CN-2024 (25 credits and 90 hours):
///   报表甲区 RPT-A (tertiary): a1 GP met in June (20/60 in March, +10/40 in June); a2 physician 10/30, not met;
///                               a3 nurse met in September (25/90 in Sep; 5 more in Sep revoked in October)
///   报表甲区 RPT-B (primary):  b1 GP nothing, not met; b2 GP met in December (25/90)
///   报表乙区 RPT-C (primary):  c1 GP met in January (26/95); c2 GP "=HYPERLINK(…)" nothing (a formula as a name)
/// This year: c2 5 credits, at risk.
/// </summary>
public sealed class ReportDataset
{
    public const string RegionA = "报表甲区";
    public const string RegionB = "报表乙区";
    public const string FormulaName = "=HYPERLINK(\"http://evil.example/x\",\"点我\")";

    public static readonly int LastYear = DateTime.UtcNow.Year - 1;
    public static readonly int ThisYear = DateTime.UtcNow.Year;

    public Guid InstitutionA { get; } = Guid.NewGuid();
    public Guid InstitutionB { get; } = Guid.NewGuid();
    public Guid InstitutionC { get; } = Guid.NewGuid();
    public Dictionary<string, Guid> People { get; } = [];

    public static async Task<ReportDataset> CreateAsync(string connectionString)
    {
        var data = new ReportDataset();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var consortium = (Guid)(await new NpgsqlCommand("SELECT id FROM consortia LIMIT 1", connection).ExecuteScalarAsync())!;
        await data.InstitutionAsync(connection, consortium, data.InstitutionA, "RPT-A", "报表三级医院", "Report Tertiary Hospital", "Tertiary", RegionA);
        await data.InstitutionAsync(connection, consortium, data.InstitutionB, "RPT-B", "报表甲区社区中心", "Report CHSC A", "Primary", RegionA);
        await data.InstitutionAsync(connection, consortium, data.InstitutionC, "RPT-C", "报表乙区社区中心", "Report CHSC B", "Primary", RegionB);

        await data.PersonAsync(connection, "a1", data.InstitutionA, "报表甲一", "GeneralPractitioner", "Junior");
        await data.PersonAsync(connection, "a2", data.InstitutionA, "报表甲二", "Physician", "Senior");
        await data.PersonAsync(connection, "a3", data.InstitutionA, "报表甲三", "Nurse", "Intermediate");
        await data.PersonAsync(connection, "b1", data.InstitutionB, "报表乙一", "GeneralPractitioner", "Junior");
        await data.PersonAsync(connection, "b2", data.InstitutionB, "报表乙二", "GeneralPractitioner", "Intermediate");
        await data.PersonAsync(connection, "c1", data.InstitutionC, "报表丙一", "GeneralPractitioner", "Junior");
        await data.PersonAsync(connection, "c2", data.InstitutionC, FormulaName, "GeneralPractitioner", "Junior");

        var y = LastYear;
        await data.EntryAsync(connection, "a1", "Award", 20, 60, "I", "National", "Completion", y, month: 3);
        await data.EntryAsync(connection, "a1", "Award", 10, 40, "II", null, "Conference", y, month: 6);
        await data.EntryAsync(connection, "a2", "Award", 10, 30, "II", null, "Completion", y, month: 5);
        await data.EntryAsync(connection, "a3", "Award", 25, 90, "II", null, "Completion", y, month: 9);
        var revoked = await data.EntryAsync(connection, "a3", "Award", 5, 0, "I", null, "Teaching", y, month: 9);
        await data.EntryAsync(connection, "a3", "Revocation", -5, 0, "I", null, "Teaching", y, month: 10, revokes: revoked);
        await data.EntryAsync(connection, "b2", "Award", 25, 90, "II", null, "Completion", y, month: 12);
        await data.EntryAsync(connection, "c1", "Award", 26, 95, "I", "Provincial", "Completion", y, month: 1);
        await data.EntryAsync(connection, "c2", "Award", 5, 12, "I", null, "SelfStudy", ThisYear, month: 1);
        return data;
    }

    private async Task InstitutionAsync(NpgsqlConnection connection, Guid consortium, Guid id, string code, string name, string nameEn, string tier, string region)
    {
        await using var command = new NpgsqlCommand(
            "INSERT INTO institutions (id, consortium_id, code, name, name_en, tier, region) VALUES ($1, $2, $3, $4, $5, $6, $7)", connection);
        foreach (var value in new object[] { id, consortium, code, name, nameEn, tier, region })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    private async Task PersonAsync(NpgsqlConnection connection, string key, Guid institution, string nameZh, string profession, string title)
    {
        var id = Guid.NewGuid();
        People[key] = id;
        await using var command = new NpgsqlCommand(
            "INSERT INTO professionals (id, institution_id, name_zh, name_latin, profession, title_level, licence_number, email, preferred_language) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'zh-CN')", connection);
        foreach (var value in new object[] { id, institution, nameZh, $"Report {key}", profession, title, $"RPT{key.ToUpperInvariant()}{id:N}"[..16], $"{key}.{id:N}@report.test" })
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        await command.ExecuteNonQueryAsync();
    }

    private async Task<Guid> EntryAsync(NpgsqlConnection connection, string person, string kind, decimal credits, decimal hours, string creditClass,
        string? projectLevel, string source, int year, int month, Guid? revokes = null)
    {
        var id = Guid.NewGuid();
        await using var command = new NpgsqlCommand(
            "INSERT INTO credit_ledger (id, learner_id, kind, credits, hours, credit_class, project_level, source, year, revokes_id, award_key, recorded_by, reason, recorded_at) " +
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, '报表测试', $13)", connection);
        foreach (var value in new object?[]
                 {
                     id, People[person], kind, credits, hours, creditClass, projectLevel, source, year, revokes, $"report-test:{id}", Guid.Empty,
                     new DateTimeOffset(year, month, 15, 4, 0, 0, TimeSpan.Zero),
                 })
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        await command.ExecuteNonQueryAsync();
        return id;
    }
}

/// <summary>The API over a database holding the demo consortium and <see cref="ReportDataset"/>.</summary>
public sealed class ReportsApiFactory : CmeApiFactory
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ReportDataset? _dataset;

    public async Task<ReportDataset> DatasetAsync()
    {
        await _gate.WaitAsync();
        try
        {
            return _dataset ??= await ReportDataset.CreateAsync(ConnectionString);
        }
        finally
        {
            _gate.Release();
        }
    }
}
