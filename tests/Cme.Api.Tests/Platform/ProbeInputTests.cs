using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Api.Tests.Courses;
using Cme.Testing;

namespace Cme.Api.Tests.Platform;

/// <summary>
/// The probe's input findings (issue 13, rows 8 and 9): bad input is a 400 that names the field in
/// Chinese by default, never a 500; an empty body is refused in our words; every answer carries
/// <c>X-Content-Type-Options: nosniff</c>.
/// </summary>
public sealed partial class ProbeInputTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    /// <summary>The 400's body, after checking it is a ProblemDetails naming <paramref name="field"/> with a Chinese reason.</summary>
    private static async Task<JsonElement> RefusedAsync(HttpResponseMessage response, string field, string? code = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonDocument.Parse(text).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("validation.failed");
        var errors = problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()!).ToList();
        errors.ShouldNotBeEmpty();
        errors.ShouldAllBe(e => Chinese().IsMatch(e), text);
        var codes = problem.GetProperty("codes").GetProperty(field).EnumerateArray().Select(e => e.GetString()).ToList();
        codes.ShouldNotBeEmpty();
        if (code is not null)
            codes.ShouldContain(code);
        return problem;
    }

    private static HttpContent Json(string json) => new StringContent(json, Encoding.UTF8, "application/json");

    [Theory]
    [InlineData("\u0000")]
    [InlineData("\u0007")]
    [InlineData("\u001b")]
    public async Task ControlCharacterInSignIn_Is400NamingTheField_NotA500(string control)
    {
        var anonymous = api.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = $"gp{control}@demo.cme", password = "x" });

        await RefusedAsync(response, "email", "request.control-character");
    }

    [Fact]
    public async Task NulAnywhereInABody_IsRefusedNamingTheField_AndChangesNothing()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        var topLevel = await admin.PostAsJsonAsync("/api/v1/institutions",
            new { code = "NUL-1", name = "空\u0000字", nameEn = "Nul", tier = "Primary", region = "武侯区" });
        var inAList = await admin.PostAsync("/api/v1/professionals", Json("""
            {"nameZh":"赵雪梅","nameLatin":"Zhao Xuemei","profession":"GeneralPractitioner","titleLevel":"Junior",
             "licenceNumber":"510199900000091","institutionId":"00000000-0000-0000-0000-000000000001",
             "email":"nul@demo.cme","preferredLanguage":"zh-CN","roles":["Learner\u0000"]}
            """));

        await RefusedAsync(topLevel, "name", "request.control-character");
        await RefusedAsync(inAList, "roles[0]", "request.control-character");
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=NUL-1");
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task TabsAndLineBreaks_AreStillAccepted()
    {
        var anonymous = api.CreateClient();

        var response = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody@demo.cme", password = "a\tb\r\nc" });

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public async Task MyCreditsForAnImpossibleYear_Is400NamingYear(int year)
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);

        await RefusedAsync(await gp.GetAsync($"/api/v1/me/credits?year={year}"), "year");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10000)]
    public async Task TrainerPoolForAnImpossibleYear_Is400NamingYear(int year)
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);

        await RefusedAsync(await admin.GetAsync($"/api/v1/trainers?year={year}"), "year");
    }

    [Fact]
    public async Task NullRoles_WhenAddingAProfessional_Is400NamingRoles()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var institutions = await admin.GetFromJsonAsync<JsonElement>("/api/v1/institutions?search=WCH");
        var items = institutions.GetProperty("items").EnumerateArray().ToList();
        items.ShouldNotBeEmpty();
        var institutionId = items[0].GetProperty("id").GetGuid();

        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "钱多多", nameLatin = "Qian Duoduo", profession = "Nurse", titleLevel = "Junior",
            licenceNumber = "510199900000092", institutionId, email = "null-roles@demo.cme", preferredLanguage = "zh-CN",
            roles = (string[]?)null,
        });

        await RefusedAsync(response, "roles");
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/professionals?search=null-roles%40demo.cme"))
            .GetProperty("items").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task ScenarioWithNullNodes_WhenAddingAModule_Is400()
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var created = await author.PostAsJsonAsync("/api/v1/courses", CourseScenarios.NewCourse("PROBE-NODES"));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var version = $"/api/v1/courses/{ids.GetProperty("id").GetGuid()}/versions/{ids.GetProperty("versionId").GetGuid()}";

        var added = await author.PostAsync($"{version}/modules",
            Json("""{"kind":"Scenario","title":"胸痛病例","scenario":{"nodes":null,"passMarkPercent":60}}"""));

        await RefusedAsync(added, "scenario.nodes");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public async Task EmptyOrMissingBody_IsRefusedInOurWords(string? body)
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var anonymous = api.CreateClient();

        var institution = await admin.PostAsync("/api/v1/institutions", body is null ? null : Json(body));
        var login = await anonymous.PostAsync("/api/v1/auth/login", body is null ? null : Json(body));

        foreach (var response in new[] { institution, login })
        {
            var problem = await RefusedAsync(response, "body", "request.body-missing");
            problem.GetRawText().ShouldNotContain("Implicit body");
            problem.GetRawText().ShouldNotContain("was not provided");
        }
    }

    [Fact]
    public async Task EmptyBody_SpeaksEnglish_WhenAskedTo()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = Json("") };
        request.Headers.AcceptLanguage.ParseAdd("en");

        var response = await api.CreateClient().SendAsync(request);

        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("body")[0].GetString().ShouldBe("The request has no body: send the data as JSON.");
    }

    [Fact]
    public async Task Nosniff_IsOnEveryAnswer_SuccessRefusalAndMissing()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var ok = await gp.GetAsync("/api/v1/me");
        var badRequest = await gp.GetAsync("/api/v1/me/credits?year=0");
        var notFound = await gp.GetAsync($"/api/v1/offerings/{Guid.NewGuid()}");
        var noRoute = await gp.GetAsync("/api/v1/no-such-thing");
        var malformed = await api.CreateClient().PostAsync("/api/v1/auth/login", Json("{"));

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        badRequest.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        notFound.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        noRoute.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        foreach (var response in new[] { ok, badRequest, notFound, noRoute, malformed })
            response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"], response.RequestMessage!.RequestUri!.ToString());
    }
}
