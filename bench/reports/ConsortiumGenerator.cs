using System.Diagnostics;
using Npgsql;
using NpgsqlTypes;

namespace Cme.Bench.Reports;

/// <summary>
/// Builds a realistic consortium, deterministic from a seed: institutions in 21 districts and counties
/// (a lead tertiary hospital or few, secondary hospitals, community centres, township health centres),
/// professionals spread over them by tier, and credit ledger entries over several years. How much
/// people learn depends on their region (rural counties less: the regional disparity) and on each
/// person, so completion varies the way the reports must show. Loaded with binary COPY.
/// </summary>
internal sealed class ConsortiumGenerator(int seed, int professionals, int entries, int endYear, int years)
{
    private static readonly string[] UrbanRegions = ["武侯区", "成华区", "锦江区", "青羊区", "金牛区", "高新区", "天府新区", "龙泉驿区", "新都区", "温江区", "双流区", "郫都区"];
    private static readonly string[] RuralRegions = ["新津区", "简阳市", "都江堰市", "彭州市", "邛崃市", "崇州市", "金堂县", "大邑县", "蒲江县"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "高"];
    private static readonly string[] Given = ["芳", "伟", "娜", "敏", "静", "丽", "强", "磊", "洋", "艳", "勇", "军", "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英"];
    private static readonly string[] Sources = ["Completion", "Teaching", "Conference", "SelfStudy", "StudyPlacement", "Publication", "Adjustment"];
    private static readonly string[] Levels = ["National", "Provincial", "Municipal", "Consortium"];

    private readonly Random _random = new(seed);

    private Guid NextGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 layout, deterministic bytes
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes);
    }

    public async Task GenerateAsync(string connectionString)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var consortium = NextGuid();
        await using (var command = new NpgsqlCommand(
                         "INSERT INTO consortia (id, name, name_en, active_policy_code) VALUES ($1, '华西医联体（基准数据）', 'Benchmark consortium', 'CN-2024')", connection))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = consortium });
            await command.ExecuteNonQueryAsync();
        }

        // Institutions: about one per 200 staff, tiers in the proportions of a real consortium.
        var institutions = new List<(Guid Id, string Tier, string Region, double Engagement, double Size)>();
        var count = Math.Max(8, professionals / 200);
        for (var i = 0; i < count; i++)
        {
            var tier = i < Math.Max(1, count / 100) ? "Tertiary" : i < count / 12 ? "Secondary" : i < count * 55 / 100 ? "Primary" : "Township";
            var rural = tier == "Township" || (tier != "Tertiary" && _random.NextDouble() < 0.35);
            var region = rural ? RuralRegions[_random.Next(RuralRegions.Length)] : UrbanRegions[_random.Next(UrbanRegions.Length)];
            var engagement = (rural ? 0.75 : 1.05) * (0.8 + 0.4 * _random.NextDouble());
            var size = tier switch { "Tertiary" => 40.0, "Secondary" => 6.0, "Primary" => 1.0, _ => 0.6 };
            institutions.Add((NextGuid(), tier, region, engagement, size));
        }
        await using (var import = await connection.BeginBinaryImportAsync(
                         "COPY institutions (id, consortium_id, code, name, name_en, tier, region) FROM STDIN (FORMAT BINARY)"))
        {
            for (var i = 0; i < institutions.Count; i++)
            {
                var (id, tier, region, _, _) = institutions[i];
                var kind = tier switch { "Tertiary" => "医院", "Secondary" => "人民医院", "Primary" => "社区卫生服务中心", _ => "乡镇卫生院" };
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Uuid);
                await import.WriteAsync(consortium, NpgsqlDbType.Uuid);
                await import.WriteAsync($"B-{i:D4}", NpgsqlDbType.Varchar);
                await import.WriteAsync($"{region}第{i + 1}{kind}", NpgsqlDbType.Varchar);
                await import.WriteAsync($"Benchmark {tier} {i + 1}", NpgsqlDbType.Varchar);
                await import.WriteAsync(tier, NpgsqlDbType.Varchar);
                await import.WriteAsync(region, NpgsqlDbType.Varchar);
            }
            await import.CompleteAsync();
        }

        // Professionals: spread by institution size; GPs in primary care, physicians and nurses in hospitals.
        var sizeTotal = institutions.Sum(i => i.Size);
        var cumulative = new double[institutions.Count];
        var running = 0.0;
        for (var i = 0; i < institutions.Count; i++)
            cumulative[i] = running += institutions[i].Size / sizeTotal;
        var people = new (Guid Id, double Weight)[professionals];
        await using (var import = await connection.BeginBinaryImportAsync(
                         "COPY professionals (id, institution_id, name_zh, name_latin, profession, title_level, licence_number, email, preferred_language) FROM STDIN (FORMAT BINARY)"))
        {
            for (var p = 0; p < professionals; p++)
            {
                var index = Pick(cumulative, _random.NextDouble());
                var institution = institutions[index];
                var primary = institution.Tier is "Primary" or "Township";
                var roll = _random.NextDouble();
                var profession = primary
                    ? roll < 0.45 ? "GeneralPractitioner" : roll < 0.75 ? "Nurse" : roll < 0.85 ? "PublicHealth" : roll < 0.93 ? "Pharmacist" : "MedicalTechnologist"
                    : roll < 0.40 ? "Physician" : roll < 0.80 ? "Nurse" : roll < 0.88 ? "MedicalTechnologist" : roll < 0.95 ? "Pharmacist" : "GeneralPractitioner";
                var title = _random.NextDouble() switch { < 0.40 => "Junior", < 0.75 => "Intermediate", < 0.92 => "AssociateSenior", _ => "Senior" };
                var id = NextGuid();
                // Each person's own diligence times their institution's engagement: some never reach the minimum.
                people[p] = (id, institution.Engagement * (0.35 + 1.3 * _random.NextDouble()));
                await import.StartRowAsync();
                await import.WriteAsync(id, NpgsqlDbType.Uuid);
                await import.WriteAsync(institution.Id, NpgsqlDbType.Uuid);
                await import.WriteAsync(Surnames[_random.Next(Surnames.Length)] + Given[_random.Next(Given.Length)], NpgsqlDbType.Varchar);
                await import.WriteAsync($"Bench Person {p}", NpgsqlDbType.Varchar);
                await import.WriteAsync(profession, NpgsqlDbType.Varchar);
                await import.WriteAsync(title, NpgsqlDbType.Varchar);
                await import.WriteAsync($"B{510100000000000L + p}", NpgsqlDbType.Varchar);
                await import.WriteAsync($"p{p}@bench.cme", NpgsqlDbType.Varchar);
                await import.WriteAsync("zh-CN", NpgsqlDbType.Varchar);
            }
            await import.CompleteAsync();
        }
        Console.WriteLine($"  {institutions.Count} institutions, {professionals} professionals ({watch.Elapsed.TotalSeconds:0.0} s)");

        // Ledger entries: a person is picked in proportion to their diligence, a year uniformly (the running
        // year only up to its current day). About 1 % of awards are later revoked.
        var weightTotal = people.Sum(p => p.Weight);
        var personCumulative = new double[professionals];
        running = 0;
        for (var p = 0; p < professionals; p++)
            personCumulative[p] = running += people[p].Weight / weightTotal;
        var firstYear = endYear - years + 1;
        var endDay = new DateTimeOffset(endYear, 11, 22, 0, 0, 0, TimeSpan.Zero);
        var revocable = new List<(Guid Id, Guid Learner, decimal Credits, decimal Hours, string Class, string? Level, string Source, int Year, DateTimeOffset At)>();
        await using (var import = await connection.BeginBinaryImportAsync(
                         "COPY credit_ledger (id, learner_id, kind, credits, hours, credit_class, project_level, source, year, revokes_id, award_key, recorded_by, reason, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            for (var e = 0; e < entries; e++)
            {
                var id = NextGuid();
                if (revocable.Count > 0 && _random.NextDouble() < 0.01)
                {
                    var r = revocable[_random.Next(revocable.Count)];
                    revocable.Remove(r);
                    var at = r.At.AddDays(_random.Next(1, 60));
                    await WriteEntryAsync(import, id, r.Learner, "Revocation", -r.Credits, -r.Hours, r.Class, r.Level, r.Source, r.Year, r.Id, $"revocation:{r.Id}",
                        "考勤记录有误，撤销", at < endDay || r.Year < endYear ? at : r.At);
                    continue;
                }
                var person = people[Pick(personCumulative, _random.NextDouble())];
                var year = firstYear + _random.Next(years);
                var yearStart = new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.Zero);
                var span = (year == endYear ? endDay : yearStart.AddYears(1)) - yearStart;
                var recordedAt = yearStart.AddSeconds(_random.NextDouble() * span.TotalSeconds);
                var sourceRoll = _random.NextDouble();
                var source = sourceRoll switch { < 0.62 => Sources[0], < 0.66 => Sources[1], < 0.80 => Sources[2], < 0.95 => Sources[3], < 0.96 => Sources[4], < 0.98 => Sources[5], _ => Sources[6] };
                var credits = Math.Round((decimal)(1 + _random.NextDouble() * 9) * 2, MidpointRounding.AwayFromZero) / 2; // 1–10 in halves
                var hours = Math.Round(credits * (decimal)(2.5 + _random.NextDouble() * 2), 1);
                var creditClass = _random.NextDouble() < 0.3 ? "I" : "II";
                var level = source == "Completion" ? Levels[_random.Next(Levels.Length)] : null;
                var kind = source == "Adjustment" ? "Adjustment" : "Award";
                await WriteEntryAsync(import, id, person.Id, kind, credits, hours, creditClass, level, source, year, null,
                    kind == "Award" ? $"bench:{id:N}" : null, kind == "Award" ? "完成培训项目" : "补录", recordedAt);
                if (kind == "Award" && revocable.Count < 10_000)
                    revocable.Add((id, person.Id, credits, hours, creditClass, level, source, year, recordedAt));
            }
            await import.CompleteAsync();
        }
        await using (var analyze = new NpgsqlCommand("ANALYZE", connection))
            await analyze.ExecuteNonQueryAsync();
        Console.WriteLine($"  {entries} ledger entries {firstYear}–{endYear} ({watch.Elapsed.TotalSeconds:0.0} s in all)");
    }

    /// <summary>The index whose cumulative share first reaches <paramref name="roll"/>.</summary>
    private static int Pick(double[] cumulative, double roll)
    {
        var at = Array.BinarySearch(cumulative, roll);
        return Math.Min(cumulative.Length - 1, at < 0 ? ~at : at);
    }

    private static async Task WriteEntryAsync(NpgsqlBinaryImporter import, Guid id, Guid learner, string kind, decimal credits, decimal hours, string creditClass,
        string? level, string source, int year, Guid? revokes, string? awardKey, string reason, DateTimeOffset at)
    {
        await import.StartRowAsync();
        await import.WriteAsync(id, NpgsqlDbType.Uuid);
        await import.WriteAsync(learner, NpgsqlDbType.Uuid);
        await import.WriteAsync(kind, NpgsqlDbType.Varchar);
        await import.WriteAsync(credits, NpgsqlDbType.Numeric);
        await import.WriteAsync(hours, NpgsqlDbType.Numeric);
        await import.WriteAsync(creditClass, NpgsqlDbType.Varchar);
        if (level is null) await import.WriteNullAsync(); else await import.WriteAsync(level, NpgsqlDbType.Varchar);
        await import.WriteAsync(source, NpgsqlDbType.Varchar);
        await import.WriteAsync(year, NpgsqlDbType.Integer);
        if (revokes is null) await import.WriteNullAsync(); else await import.WriteAsync(revokes.Value, NpgsqlDbType.Uuid);
        if (awardKey is null) await import.WriteNullAsync(); else await import.WriteAsync(awardKey, NpgsqlDbType.Varchar);
        await import.WriteAsync(Guid.Empty, NpgsqlDbType.Uuid);
        await import.WriteAsync(reason, NpgsqlDbType.Varchar);
        await import.WriteAsync(at.ToUniversalTime(), NpgsqlDbType.TimestampTz);
    }
}
