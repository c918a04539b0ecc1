using System.Net;
using System.Net.Http.Json;
using System.Text;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using CsvHelper;

namespace Cme.Api.Tests.Credits;

public sealed class TranscriptCsvTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static List<string[]> Rows(byte[] body)
    {
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(body.AsSpan(3)), new CsvReaderOptions());
        var rows = new List<string[]> { csv.Headers.ToArray() };
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        return rows;
    }

    [Fact]
    public async Task TranscriptCsv_OpensWithChineseIntact_AndAFormulaInAReasonStaysText()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var person = await setup.NewProfessionalAsync("WCH");
        var year = DateTime.UtcNow.Year;
        (await setup.Admin.PostAsJsonAsync("/api/v1/credits/adjustments", new
        {
            professionalId = person, credits = 2.5, hours = 6, creditClass = "II", year, reason = "=HYPERLINK(\"http://evil.example\",\"补录讲座\")",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await setup.Admin.GetAsync($"/api/v1/credits/transcript.csv?professionalId={person}&from={year}&to={year}");
        var body = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldEndWith($"-{year}.csv");
        body.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var rows = Rows(body);
        rows[0].ShouldContain("执业证号");
        rows[0].ShouldContain("年度状态");
        rows.Count.ShouldBe(2);
        var line = rows[1];
        line[Array.IndexOf(rows[0], "姓名")].ShouldBe("测试专家");
        line[Array.IndexOf(rows[0], "原因")].ShouldBe("'=HYPERLINK(\"http://evil.example\",\"补录讲座\")");
        line[Array.IndexOf(rows[0], "学分")].ShouldBe("2.5");
        line[Array.IndexOf(rows[0], "类型")].ShouldBe("调整");
        line[Array.IndexOf(rows[0], "年度状态")].ShouldBe("有风险");
    }

    [Fact]
    public async Task TranscriptCsv_SpeaksEnglishWhenAskedFor_AndIsHiddenFromAnotherInstitutionsAdmin()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var person = await setup.NewProfessionalAsync("WCH");
        await setup.Admin.PostAsJsonAsync("/api/v1/credits/adjustments", new
        {
            professionalId = person, credits = 1, hours = 3, creditClass = "I", year = DateTime.UtcNow.Year, reason = "补录",
        });
        await setup.Admin.PostAsJsonAsync("/api/v1/credits/adjustments", new
        {
            professionalId = person, credits = -0.5, hours = 0, creditClass = "I", year = DateTime.UtcNow.Year, reason = "更正",
        });
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/credits/transcript.csv?professionalId={person}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var otherInstitution = await api.SignedInClientAsync(Demo.InstitutionAdmin); // 芳草 CHSC, not West China Hospital

        var rows = Rows(await (await setup.Admin.SendAsync(english)).Content.ReadAsByteArrayAsync());
        var hidden = await otherInstitution.GetAsync($"/api/v1/credits/transcript.csv?professionalId={person}");

        rows[0][0].ShouldBe("Licence number");
        rows[1][Array.IndexOf(rows[0], "Kind")].ShouldBe("Adjustment");
        rows[1][Array.IndexOf(rows[0], "Year status")].ShouldBe("AtRisk");
        rows[2][Array.IndexOf(rows[0], "Credits")].ShouldBe("-0.5"); // a number stays a number, not escaped as a formula
        hidden.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
