using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Testing;
using static Cme.Api.Tests.Reports.ReportDataset;

namespace Cme.Api.Tests.Reports;

public sealed class CompletionReportTests(ReportsApiFactory api) : IClassFixture<ReportsApiFactory>
{
    private static string Region(string region) => Uri.EscapeDataString(region);

    private static Dictionary<string, JsonElement> ByKey(JsonElement groups, string property = "label") =>
        groups.EnumerateArray().ToDictionary(g => g.GetProperty(property).GetString()!);

    [Fact]
    public async Task Completion_OfARegion_CountsMetAndNotMetByInstitutionProfessionAndTier()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion?year={LastYear}&region={Region(RegionA)}");

        report.GetProperty("policy").GetProperty("code").GetString().ShouldBe("CN-2024");
        report.GetProperty("yearIsOver").GetBoolean().ShouldBeTrue();
        var total = report.GetProperty("total");
        (total.GetProperty("headcount").GetInt32(), total.GetProperty("met").GetInt32(), total.GetProperty("atRisk").GetInt32(),
            total.GetProperty("notMet").GetInt32(), total.GetProperty("metPercent").GetDecimal()).ShouldBe((5, 3, 0, 2, 60.0m));
        var institutions = ByKey(report.GetProperty("byInstitution"));
        institutions.Keys.ShouldBe(["报表甲区社区中心", "报表三级医院"], ignoreOrder: false); // the one falling behind most comes first
        institutions["报表三级医院"].GetProperty("met").GetInt32().ShouldBe(2);
        institutions["报表三级医院"].GetProperty("metPercent").GetDecimal().ShouldBe(66.7m);
        institutions["报表甲区社区中心"].GetProperty("metPercent").GetDecimal().ShouldBe(50.0m);
        var professions = ByKey(report.GetProperty("byProfession"), "key");
        (professions["GeneralPractitioner"].GetProperty("headcount").GetInt32(), professions["GeneralPractitioner"].GetProperty("met").GetInt32()).ShouldBe((3, 2));
        professions["Physician"].GetProperty("notMet").GetInt32().ShouldBe(1);
        ByKey(report.GetProperty("byTier"), "key").Keys.ShouldBe(["Tertiary", "Primary"], ignoreOrder: true);
        ByKey(report.GetProperty("byRegion")).Keys.ShouldBe([RegionA]);
    }

    [Fact]
    public async Task Completion_ForTheConsortium_CoversEveryoneAndShowsTheRegionsFallingBehind()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var staff = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32();

        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion?year={LastYear}");

        report.GetProperty("total").GetProperty("headcount").GetInt32().ShouldBe(staff);
        report.GetProperty("total").GetProperty("met").GetInt32().ShouldBe(4); // nobody in the demo consortium has credits last year
        var regions = ByKey(report.GetProperty("byRegion"));
        regions[RegionA].GetProperty("met").GetInt32().ShouldBe(3);
        regions[RegionB].GetProperty("met").GetInt32().ShouldBe(1);
        report.GetProperty("byRegion")[0].GetProperty("metPercent").GetDecimal().ShouldBe(0m);
    }

    [Fact]
    public async Task Completion_ThisYear_IsAtRiskRatherThanNotMet()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var report = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion?year={ThisYear}&region={Region(RegionB)}");

        var total = report.GetProperty("total");
        (total.GetProperty("atRisk").GetInt32(), total.GetProperty("notMet").GetInt32(), total.GetProperty("met").GetInt32()).ShouldBe((2, 0, 0));
    }

    [Fact]
    public async Task Trend_IsTheCumulativeShareMeetingTheRequirementAtEachMonthEnd()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var trend = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/trend?year={LastYear}&region={Region(RegionA)}");

        var points = trend.GetProperty("points").EnumerateArray().ToList();
        points.Select(p => p.GetProperty("month").GetInt32()).ShouldBe(Enumerable.Range(1, 12));
        points.Select(p => p.GetProperty("met").GetInt32()).ShouldBe([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 3]);
        points.ShouldAllBe(p => p.GetProperty("applicable").GetInt32() == 5);
        points[11].GetProperty("metPercent").GetDecimal().ShouldBe(60.0m);
        var regionB = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/trend?year={LastYear}&region={Region(RegionB)}");
        regionB.GetProperty("points")[0].GetProperty("met").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task People_AreThoseNotMeetingTheRequirement_WithWhatEachIsMissing()
    {
        var data = await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/people?year={LastYear}&region={Region(RegionA)}");

        page.GetProperty("totalCount").GetInt32().ShouldBe(2);
        var people = page.GetProperty("items").EnumerateArray().ToList();
        // by institution (报表三级医院, then 报表甲区社区中心), most missing first within each
        people.Select(p => p.GetProperty("professionalId").GetGuid()).ShouldBe([data.People["a2"], data.People["b1"]]);
        people[1].GetProperty("status").GetString().ShouldBe("NotMet");
        people[1].GetProperty("shortfalls").EnumerateArray().Select(s => (s.GetProperty("code").GetString(), s.GetProperty("missing").GetDecimal(), s.GetProperty("have").GetDecimal()))
            .ShouldBe([("credits", 25m, 0m), ("hours", 90m, 0m)]);
        people[0].GetProperty("shortfalls").EnumerateArray().Select(s => (s.GetProperty("code").GetString(), s.GetProperty("missing").GetDecimal(), s.GetProperty("have").GetDecimal()))
            .ShouldBe([("credits", 15m, 10m), ("hours", 60m, 30m)]);
        people[0].GetProperty("nameZh").GetString().ShouldBe("报表甲二");
        var met = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/people?year={LastYear}&region={Region(RegionA)}&status=Met");
        met.GetProperty("totalCount").GetInt32().ShouldBe(3);
    }

    [Theory]
    [InlineData("CN-2024")]
    [InlineData("CN-2006")]
    [InlineData("UK-RCGP")]
    public async Task EveryonesStandingInTheReport_IsTheStandingOfTheirOwnTranscript(string policy)
    {
        var data = await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        (await admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = policy })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        try
        {
            foreach (var year in new[] { LastYear, ThisYear })
            {
                var all = new List<JsonElement>();
                foreach (var status in new[] { "Met", "AtRisk", "NotMet", "NotApplicable" })
                foreach (var region in new[] { RegionA, RegionB })
                    all.AddRange((await admin.GetFromJsonAsync<JsonElement>(
                        $"/api/v1/reports/completion/people?year={year}&region={Region(region)}&status={status}&pageSize=200")).GetProperty("items").EnumerateArray());
                all.Count.ShouldBe(7);
                foreach (var person in all)
                {
                    var transcript = await admin.GetFromJsonAsync<JsonElement>(
                        $"/api/v1/credits/transcript?professionalId={person.GetProperty("professionalId")}&from={year}&to={year}");
                    var standing = transcript.GetProperty("years")[0];
                    person.GetProperty("status").GetString().ShouldBe(standing.GetProperty("status").GetString());
                    person.GetProperty("countedCredits").GetDecimal().ShouldBe(standing.GetProperty("countedCredits").GetDecimal());
                    person.GetProperty("hours").GetDecimal().ShouldBe(standing.GetProperty("hours").GetDecimal());
                    Shortfalls(person).ShouldBe(Shortfalls(standing));
                }
            }
            data.People.Count.ShouldBe(7);
        }
        finally
        {
            await admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = "CN-2024" });
        }
    }

    private static List<(string?, decimal, string?)> Shortfalls(JsonElement standing) =>
        standing.GetProperty("shortfalls").EnumerateArray()
            .Select(s => (s.GetProperty("code").GetString(), s.GetProperty("missing").GetDecimal(), s.GetProperty("kind").GetString())).ToList();

    [Fact]
    public async Task PeopleExport_IsUtf8WithBom_KeepsChinese_AndNeutralisesFormulas()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var response = await admin.GetAsync($"/api/v1/reports/completion/export?year={LastYear}&region={Region(RegionB)}&kind=People");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe($"completion-people-{LastYear}-consortium.csv");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 3, bytes.Length - 3);
        var lines = text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("年度 year,执业证号 licence_number,姓名 name");
        lines.Length.ShouldBe(2); // c2 only: c1 met
        lines[1].ShouldContain("\"'=HYPERLINK(\"\"http://evil.example/x\"\",\"\"点我\"\")\"");
        lines[1].ShouldNotContain(",=HYPERLINK");
        lines[1].ShouldContain("报表乙区社区中心");
        lines[1].ShouldContain("还需 25 学分（已有 0/25）");
        lines[1].ShouldNotContain("needs");
    }

    [Fact]
    public async Task SummaryExport_HasEveryBreakdown()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var text = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/v1/reports/completion/export?year={LastYear}&region={Region(RegionA)}"));

        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain("total,全部,5,5,3,0,2,0,60");
        lines.ShouldContain("institution,报表三级医院,3,3,2,0,1,0,66.7");
        lines.ShouldContain($"region,{RegionA},5,5,3,0,2,0,60");
        lines.Select(l => l.Split(',')[0]).Distinct().ShouldBe(["维度 dimension", "total", "institution", "tier", "region", "profession", "title_level"]);
    }

    [Fact]
    public async Task RegistryExport_HasCreditsByClassAndSourcePerProfessional()
    {
        var data = await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var text = Encoding.UTF8.GetString(await admin.GetByteArrayAsync($"/api/v1/reports/registry-export?year={LastYear}&region={Region(RegionA)}"));

        var lines = text.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        header.ShouldBe(["year", "licence_number", "name", "name_latin", "institution_code", "institution", "profession", "title_level",
            "class_i_credits", "class_ii_credits", "completion_credits", "teaching_credits", "conference_credits", "self_study_credits",
            "study_placement_credits", "publication_credits", "adjustment_credits", "total_credits", "counted_credits", "hours", "status"]);
        lines.Length.ShouldBe(6);
        var a1 = lines.Single(l => l.Contains("报表甲一")).Split(',');
        a1[0].ShouldBe(LastYear.ToString());
        a1[4].ShouldBe("RPT-A");
        (a1[8], a1[9], a1[10], a1[12], a1[17], a1[19], a1[20]).ShouldBe(("20", "10", "20", "10", "30", "100", "Met"));
        var a3 = lines.Single(l => l.Contains("报表甲三")).Split(',');
        (a3[8], a3[11], a3[17]).ShouldBe(("0", "0", "25")); // the revoked teaching credit nets to zero
        data.People.ShouldContainKey("a3");
    }

    [Fact]
    public async Task InstitutionAdmin_SeesOnlyTheirOwnInstitution_InEveryCompletionReportAndExport()
    {
        var data = await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var own = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?pageSize=1&search={Uri.EscapeDataString(Demo.InstitutionAdmin)}");
        var ownInstitution = own.GetProperty("items")[0].GetProperty("institutionName").GetString();
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var staff = (await client.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32();

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion?year={LastYear}");
        var filtered = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion?year={LastYear}&region={Region(RegionA)}");
        var trend = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/trend?year={LastYear}");
        var people = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/completion/people?year={LastYear}&pageSize=200");
        var summary = await client.GetStringAsync($"/api/v1/reports/completion/export?year={LastYear}");
        var peopleCsv = await client.GetStringAsync($"/api/v1/reports/completion/export?year={LastYear}&kind=People");
        var registry = await client.GetStringAsync($"/api/v1/reports/registry-export?year={LastYear}");

        report.GetProperty("total").GetProperty("headcount").GetInt32().ShouldBe(staff);
        report.GetProperty("byInstitution").EnumerateArray().Select(i => i.GetProperty("label").GetString()).ShouldBe([ownInstitution]);
        filtered.GetProperty("total").GetProperty("headcount").GetInt32().ShouldBe(0);
        trend.GetProperty("points").EnumerateArray().ShouldAllBe(p => p.GetProperty("applicable").GetInt32() == staff);
        people.GetProperty("totalCount").GetInt32().ShouldBe(staff);
        people.GetProperty("items").EnumerateArray().ShouldAllBe(p => p.GetProperty("institutionName").GetString() == ownInstitution);
        foreach (var csv in new[] { summary, peopleCsv, registry })
        {
            csv.ShouldContain(ownInstitution!);
            csv.ShouldNotContain("报表");
            csv.ShouldNotContain("华西医院");
        }
        registry.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(staff + 1);
        foreach (var path in new[]
                 {
                     "completion", "completion/trend", "completion/people", "completion/export", "completion/export?kind=People", "registry-export",
                     "delivery", "effectiveness", "annual-summary",
                 })
        {
            var url = $"/api/v1/reports/{path}{(path.Contains('?') ? '&' : '?')}year={LastYear}&institutionId={data.InstitutionA}";
            (await client.GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        }
    }

    [Fact]
    public async Task AnnualSummary_IsAPdfWithTheInstitutionsAndTheMetShare_InChinese()
    {
        await api.DatasetAsync();
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var instAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var response = await admin.GetAsync($"/api/v1/reports/annual-summary?year={LastYear}&region={Region(RegionA)}");
        var own = await instAdmin.GetByteArrayAsync($"/api/v1/reports/annual-summary?year={LastYear}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var text = await PdfTextAsync(await response.Content.ReadAsByteArrayAsync());
        text.ShouldContain("报表三级医院");
        text.ShouldContain("66.7%");
        text.ShouldContain("60%");
        var ownText = await PdfTextAsync(own);
        ownText.ShouldContain("芳草社区卫生服务中心");
        ownText.ShouldNotContain("报表");
    }

    private static async Task<string> PdfTextAsync(byte[] pdf)
    {
        Encoding.ASCII.GetString(pdf, 0, 5).ShouldBe("%PDF-");
        var file = Path.GetTempFileName();
        await File.WriteAllBytesAsync(file, pdf);
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext", [file, "-"]) { RedirectStandardOutput = true };
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        File.Delete(file);
        return text;
    }

    [Fact]
    public async Task Reports_AreRefusedToLearners()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);

        foreach (var path in new[] { "completion", "completion/trend", "completion/people", "completion/export", "registry-export", "delivery", "effectiveness", "annual-summary" })
            (await gp.GetAsync($"/api/v1/reports/{path}")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        (await api.CreateClient().GetAsync("/api/v1/reports/completion")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task OpenApi_DescribesTheReportsAndTheirCsvAnswers()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths");
        paths.TryGetProperty("/api/v1/reports/completion", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/reports/registry-export").GetProperty("get").GetProperty("responses").GetProperty("200").GetProperty("content")
            .TryGetProperty("text/csv", out _).ShouldBeTrue();
        paths.GetProperty("/api/v1/reports/completion").GetProperty("get").GetProperty("parameters").EnumerateArray()
            .Select(p => p.GetProperty("name").GetString()).ShouldBe(["year", "institutionId", "region", "tier", "profession", "titleLevel"], ignoreOrder: true);
    }
}
