using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Offerings;

/// <summary>
/// The demo institution administrator (刘海燕, 芳草社区) finds an offering from the admin menu, enrols one of her staff
/// and sees them listed; she sees only her own staff, and none of the CME office's tools (editing, reminders, certificates).
/// </summary>
public sealed class InstitutionAdminEnrolmentTests(WebStack stack) : IClassFixture<WebStack>
{
    private static async Task<Guid> InstitutionAsync(HttpClient admin, string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
        .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();

    private static async Task<Guid> PersonAsync(HttpClient admin, string nameZh, string institutionCode)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var person = await admin.PostAsJsonAsync("api/v1/professionals", new
        {
            nameZh, nameLatin = "Ceshi", profession = "GeneralPractitioner", titleLevel = "Intermediate",
            licenceNumber = $"T{unique}", institutionId = await InstitutionAsync(admin, institutionCode), email = $"{unique}@test.cme",
            preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });
        person.StatusCode.ShouldBe(HttpStatusCode.Created, await person.Content.ReadAsStringAsync());
        return (await person.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> OfferingAsync(HttpClient admin, string title)
    {
        var now = DateTimeOffset.UtcNow;
        var course = (await admin.GetFromJsonAsync<JsonElement>("api/v1/catalogue?search=CARD-CP-01")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var host = await InstitutionAsync(admin, "WCH");
        var created = await admin.PostAsJsonAsync("api/v1/offerings", new
        {
            courseId = course,
            offering = new
            {
                title, modality = "FaceToFace", hostInstitutionId = host,
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 20, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = (decimal?)null, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var offering = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var start = new DateTime(now.Year, now.Month, 1).AddMonths(1).AddDays(9).AddHours(14);
        var session = await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/sessions", new
        {
            title = "胸痛病例讨论", type = "CaseDiscussion", startsAtLocal = start, endsAtLocal = start.AddHours(2), institutionId = host, place = "教学楼 201",
        });
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        return offering;
    }

    [Fact]
    public async Task InstitutionAdmin_EnrolsHerStaffMember_AndSeesOnlyHerOwnStaffListed()
    {
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var offering = await OfferingAsync(admin, "E2E 机构代报名班");
        await PersonAsync(admin, "芳草新护士", Demo.GpInstitutionCode);
        var outsider = await PersonAsync(admin, "华西外院学员", "WCH");
        (await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = outsider })).StatusCode.ShouldBe(HttpStatusCode.OK);

        var page = await stack.SignInAsync(Demo.InstitutionAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await page.GetByTestId("nav-admin-offerings").ClickAsync();
        await Assertions.Expect(page.GetByTestId("offering-new")).ToHaveCountAsync(0);
        await page.Locator($"[data-testid=offering-row][data-offering-id='{offering}']").GetByTestId("offering-open").ClickAsync();

        await Assertions.Expect(page.GetByTestId("offering-heading")).ToHaveTextAsync("E2E 机构代报名班");
        await Assertions.Expect(page.GetByTestId("session-line")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("offering-edit")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("learners-remind")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("enrolments-empty")).ToBeVisibleAsync(); // the outsider is not hers to see

        await page.GetByTestId("enrol-for-search").FillAsync("芳草新护士");
        await page.GetByTestId("enrol-for-find").ClickAsync();
        await Assertions.Expect(page.GetByTestId("enrol-for-select").Locator("option")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("enrol-for-select")).ToContainTextAsync("芳草新护士 · 芳草社区卫生服务中心");
        await page.GetByTestId("enrol-for-submit").ClickAsync();

        await Assertions.Expect(page.GetByTestId("offering-done")).ToBeVisibleAsync();
        var rows = page.GetByTestId("enrolment-row");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("芳草新护士");
        await Assertions.Expect(rows).ToContainTextAsync("芳草社区卫生服务中心");
        await Assertions.Expect(rows).ToHaveAttributeAsync("data-status", "Enrolled");
        await Assertions.Expect(rows.GetByTestId("enrolment-complete")).ToHaveCountAsync(0);

        // Someone of another institution cannot be found to enrol.
        await page.GetByTestId("enrol-for-search").FillAsync("华西外院学员");
        await page.GetByTestId("enrol-for-find").ClickAsync();
        await Assertions.Expect(page.GetByTestId("enrol-for-submit")).ToBeDisabledAsync();
    }
}
