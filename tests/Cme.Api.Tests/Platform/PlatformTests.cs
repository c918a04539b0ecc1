using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Platform;

public sealed class PlatformTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Health_LiveAndReady_AreHealthy()
    {
        var client = api.CreateClient();

        (await client.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var ready = await client.GetAsync("/health/ready");
        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ready.Content.ReadAsStringAsync()).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocument_DescribesTheEndpointsAndBearerSignIn()
    {
        var document = await api.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var paths = document.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/v1/auth/login");
        paths.ShouldContain("/api/v1/professionals/import");
        paths.ShouldContain("/api/v1/institutions/{id}");
        document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer").GetProperty("scheme").GetString().ShouldBe("bearer");
    }

    [Fact]
    public async Task SwaggerUi_IsServed()
    {
        var response = await api.CreateClient().GetAsync("/swagger/index.html");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("swagger-ui");
    }

    [Fact]
    public async Task MalformedJson_Gets400ProblemWithoutStackTrace()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var response = await client.PostAsync("/api/v1/institutions",
            new StringContent("{\"code\": \"X1\", \"name\": ", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var body = await response.Content.ReadAsStringAsync();
        body.ShouldNotContain("   at ");
        JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().ShouldNotBeEmpty();
    }

    [Fact]
    public async Task WrongJsonType_Gets400NamingTheField()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var response = await client.PostAsync("/api/v1/institutions", new StringContent(
            """{"code":"NEW-1","name":"新机构","nameEn":"New","tier":"Hospital","region":"武侯区"}""", Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("tier", out _).ShouldBeTrue(errors.ToString());
    }

    [Fact]
    public async Task WrongQueryType_Gets400NamingTheParameter()
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);

        var response = await client.GetAsync("/api/v1/institutions?page=abc");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        errors.TryGetProperty("page", out _).ShouldBeTrue(errors.ToString());
    }

    [Fact]
    public async Task ResponsesCarryNoSniff()
    {
        var response = await api.CreateClient().GetAsync("/health/live");

        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
    }

    [Theory]
    [InlineData(null, "不能为空")]
    [InlineData("en", "must not be empty")]
    public async Task ValidationMessages_AreChineseByDefault_EnglishOnRequest(string? language, string expected)
    {
        var client = await api.SignedInClientAsync(Demo.CmeAdmin);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/institutions")
        {
            Content = JsonContent.Create(new { code = "EMPTY-1", name = "", nameEn = "Empty", tier = "Primary", region = "武侯区" }),
        };
        if (language is not null)
            request.Headers.AcceptLanguage.ParseAdd(language);

        var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("name")[0].GetString()!.ShouldContain(expected);
    }
}
