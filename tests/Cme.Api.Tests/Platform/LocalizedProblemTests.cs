using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using CsvHelper;

namespace Cme.Api.Tests.Platform;

/// <summary>
/// A refusal reaches the caller as a code with its values and, in words, in the caller's language:
/// Chinese unless English is asked for. The same holds for the shortfalls in the CSV and the PDF.
/// </summary>
public sealed partial class LocalizedProblemTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static DateTime ChengduNow => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8), DateTimeKind.Unspecified);

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    private static async Task<JsonElement> SendAsync(HttpClient client, HttpMethod method, string url, object? body, string? language)
    {
        var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);
        var response = await client.SendAsync(request);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("status").GetInt32().ShouldBe((int)response.StatusCode);
        return problem;
    }

    [Fact]
    public async Task EnrolWhenClosed_SaysSoInChinese_ByDefault_AndInEnglish_OnRequest()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var closed = await setup.OfferingAsync(closes: DateTimeOffset.UtcNow.AddMinutes(-5));
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var chinese = await SendAsync(gp, HttpMethod.Post, $"/api/v1/offerings/{closed}/enrol", null, null);
        var english = await SendAsync(gp, HttpMethod.Post, $"/api/v1/offerings/{closed}/enrol", null, "en");

        chinese.GetProperty("status").GetInt32().ShouldBe(409);
        chinese.GetProperty("code").GetString().ShouldBe("enrolment.closed");
        chinese.GetProperty("detail").GetString().ShouldBe("该培训班的报名已截止。");
        chinese.GetProperty("title").GetString()!.ShouldMatch(Chinese().ToString());
        english.GetProperty("code").GetString().ShouldBe("enrolment.closed");
        english.GetProperty("detail").GetString().ShouldBe("Enrolment for this offering has closed.");
        english.GetProperty("title").GetString().ShouldBe("The request breaks a rule.");
    }

    [Fact]
    public async Task CheckInWithAWrongCode_NamesTheFieldAndTheReason_InTheCallersLanguage()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, ChengduNow.AddMinutes(-5), minutes: 120);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var number = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/check-in-code")).GetProperty("number").GetString();
        var wrong = number == "00000000" ? "11111111" : "00000000";

        var chinese = await SendAsync(gp, HttpMethod.Post, $"/api/v1/sessions/{session}/check-in", new { code = wrong }, "zh-CN");
        var english = await SendAsync(gp, HttpMethod.Post, $"/api/v1/sessions/{session}/check-in", new { code = wrong }, "en");

        chinese.GetProperty("status").GetInt32().ShouldBe(400);
        chinese.GetProperty("codes").GetProperty("code")[0].GetString().ShouldBe("checkin.code-invalid");
        chinese.GetProperty("errors").GetProperty("code")[0].GetString().ShouldBe("签到码无效或已过期，请扫描当前显示的签到码。");
        chinese.GetProperty("title").GetString()!.ShouldMatch(Chinese().ToString());
        english.GetProperty("errors").GetProperty("code")[0].GetString().ShouldBe("This code is not valid for this session, or it has expired. Scan the code shown now.");
    }

    [Theory]
    [InlineData(null, "编码须为 2–32 位字母、数字或连字符。", "不能为空")]
    [InlineData("en", "Code must be 2–32 letters, digits or hyphens.", "must not be empty")]
    public async Task ValidationErrors_OursAndTheLibrarys_SpeakTheCallersLanguage(string? language, string badCode, string empty)
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var problem = await SendAsync(admin, HttpMethod.Post, "/api/v1/institutions",
            new { code = "?", name = "", nameEn = "Empty", tier = "Primary", region = "武侯区" }, language);

        problem.GetProperty("status").GetInt32().ShouldBe(400);
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        problem.GetProperty("codes").GetProperty("code").EnumerateArray().Select(c => c.GetString()).ShouldContain("institution.code-invalid");
        problem.GetProperty("errors").GetProperty("code").EnumerateArray().Select(c => c.GetString()).ShouldContain(badCode);
        problem.GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain(empty);
    }

    [Fact]
    public async Task NotFound_NamesWhatIsMissing_InChinese()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var id = Guid.NewGuid();

        var chinese = await SendAsync(gp, HttpMethod.Get, $"/api/v1/offerings/{id}", null, null);
        var english = await SendAsync(gp, HttpMethod.Get, $"/api/v1/offerings/{id}", null, "en");

        chinese.GetProperty("status").GetInt32().ShouldBe(404);
        chinese.GetProperty("code").GetString().ShouldBe("not-found");
        chinese.GetProperty("detail").GetString().ShouldBe($"未找到培训班（{id}）。");
        english.GetProperty("detail").GetString().ShouldBe($"Offering {id} was not found.");
    }

    [Fact]
    public async Task TranscriptCsvAndPdf_SayWhatIsMissing_InChinese()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var person = await setup.NewProfessionalAsync("WCH");
        var year = DateTime.UtcNow.Year;
        (await setup.Admin.PostAsJsonAsync("/api/v1/credits/adjustments", new
        {
            professionalId = person, credits = 2, hours = 6, creditClass = "II", year, reason = "补录讲座",
        })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var csvBody = await setup.Admin.GetByteArrayAsync($"/api/v1/credits/transcript.csv?professionalId={person}&from={year}&to={year}");
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/credits/transcript.csv?professionalId={person}&from={year}&to={year}");
        english.Headers.AcceptLanguage.ParseAdd("en");
        var englishBody = await (await setup.Admin.SendAsync(english)).Content.ReadAsByteArrayAsync();
        var pdf = await setup.Admin.GetByteArrayAsync($"/api/v1/credits/transcript.pdf?professionalId={person}&year={year}");

        var rows = Rows(csvBody);
        rows.Count.ShouldBeGreaterThan(1);
        var missing = rows[1][Array.IndexOf(rows[0], "年度缺口")];
        missing.ShouldBe("还需 23 学分（已有 2/25）；还需 84 学时（已有 6/90）");
        var englishRows = Rows(englishBody);
        englishRows[1][Array.IndexOf(englishRows[0], "Year shortfalls")].ShouldBe("needs 23 more credits (2 of 25); needs 84 more study hours (6 of 90)");
        var text = await PdfTools.TextAsync(pdf);
        var gaps = text.Split('\n').Where(l => l.Contains("缺口")).ToList();
        gaps.ShouldNotBeEmpty();
        gaps.ShouldAllBe(l => l.Contains("还需") && !l.Contains("needs"));
    }

    [Fact]
    public async Task AnOfferingsHost_IsNamedInTheReadersLanguage()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var wch = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "WCH");
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/{offering}");
        english.Headers.AcceptLanguage.ParseAdd("en");

        var chinese = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}");
        var inEnglish = await (await gp.SendAsync(english)).Content.ReadFromJsonAsync<JsonElement>();

        wch.GetProperty("nameEn").GetString().ShouldNotBe(wch.GetProperty("name").GetString());
        chinese.GetProperty("hostInstitutionName").GetString().ShouldBe(wch.GetProperty("name").GetString());
        inEnglish.GetProperty("hostInstitutionName").GetString().ShouldBe(wch.GetProperty("nameEn").GetString());
    }

    private static List<string[]> Rows(byte[] body)
    {
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(body.AsSpan(3)), new CsvReaderOptions());
        var rows = new List<string[]> { csv.Headers.ToArray() };
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        return rows;
    }
}
