using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Notifications;

/// <summary>A waitlisted GP is told, on the bell and in the inbox, the moment another learner's cancellation gives them the seat.</summary>
public sealed class WaitlistNoticeTests(SchedulerWebStack stack) : IClassFixture<SchedulerWebStack>
{
    [Fact]
    public async Task WaitlistedGp_ASeatFrees_TheBellShowsTheNotice_AndTheGpIsEnrolled()
    {
        var offering = await OneSeatOfferingAsync();
        var other = await stack.SignInAsync(Demo.Trainer);
        await other.GotoAsync($"/offerings/{offering}");
        await other.GetByTestId("enrol").ClickAsync();
        await Assertions.Expect(other.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");
        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync($"/offerings/{offering}");
        await gp.GetByTestId("enrol").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Waitlisted");

        await other.GetByTestId("cancel-enrolment").ClickAsync();
        await Assertions.Expect(other.GetByTestId("cancel-enrolment")).ToHaveCountAsync(0);
        await Assertions.Expect(other.GetByTestId("enrol")).ToBeVisibleAsync(); // the seat went to the GP: the page offers the waitlist

        // The dispatcher runs every second in this stack; the page is reloaded until the bell has it (at most 30 s).
        var promoted = gp.GetByTestId("inbox-item").Filter(new() { HasText = "已从候补转为正式报名：" });
        await gp.GotoAsync("/notifications");
        for (var i = 0; i < 60 && !await promoted.IsVisibleAsync(); i++)
        {
            await Task.Delay(500);
            await gp.ReloadAsync();
        }
        await Assertions.Expect(gp.GetByTestId("bell-count")).ToBeVisibleAsync();
        await Assertions.Expect(promoted).ToHaveCountAsync(1);
        await Assertions.Expect(promoted).ToHaveAttributeAsync("data-kind", "WaitlistPromoted");
        await Assertions.Expect(promoted).ToContainTextAsync("基层胸痛：识别急性冠脉综合征与转诊决策");
        await Assertions.Expect(promoted).ToContainTextAsync("您已从候补名单转为正式报名");
        await Assertions.Expect(gp.GetByTestId("inbox-item").Filter(new() { HasText = "已加入候补：" })).ToHaveCountAsync(1);

        await promoted.GetByTestId("inbox-open").ClickAsync();
        await gp.WaitForURLAsync($"**/offerings/{offering}");
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");
    }

    private async Task<Guid> OneSeatOfferingAsync()
    {
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var course = (await admin.GetFromJsonAsync<JsonElement>("api/v1/catalogue?search=CARD-CP-01")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var host = (await admin.GetFromJsonAsync<JsonElement>("api/v1/institutions?search=WCH")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == "WCH").GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var created = await admin.PostAsJsonAsync("api/v1/offerings", new
        {
            courseId = course,
            offering = new
            {
                title = "一个名额的冬季班", modality = "FaceToFace", hostInstitutionId = host,
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 1, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = 60, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var offering = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var start = DateTime.UtcNow.Date.AddDays(10).AddHours(9);
        var session = await admin.PostAsJsonAsync($"api/v1/offerings/{offering}/sessions", new
        {
            title = "胸痛病例讨论", type = "CaseDiscussion", startsAtLocal = start, endsAtLocal = start.AddHours(2),
            institutionId = host, place = "华西医院 教学楼 201",
        });
        session.StatusCode.ShouldBe(HttpStatusCode.Created, await session.Content.ReadAsStringAsync());
        return offering;
    }
}
