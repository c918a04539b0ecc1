using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// A GP's year on a 390 px phone: the menu behind its button, the attempts page without sideways
/// scrolling, the check-in page that remembers they checked in, and the calendar subscribed from the phone.
/// </summary>
public sealed partial class PhoneTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task MenuButton_OpensTheFoldedMenu_ByClickOrKeyboard_AndALinkInsideNavigates()
    {
        var admin = await PhoneViewport.SignInAsync(stack, Demo.CmeAdmin);
        var toggle = admin.GetByTestId("menu-toggle");
        await Assertions.Expect(toggle).ToBeVisibleAsync();
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-controls", "site-menu admin-menu");
        await Assertions.Expect(admin.GetByTestId("nav-schedule")).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("nav-reports")).ToBeHiddenAsync(); // the administration row folds too

        // Keyboard: Enter opens it, Escape closes it and gives the focus back to the button.
        await toggle.FocusAsync();
        await admin.Keyboard.PressAsync("Enter");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
        await Assertions.Expect(admin.GetByTestId("nav-reports")).ToBeVisibleAsync();
        await admin.Keyboard.PressAsync("Escape");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(toggle).ToBeFocusedAsync();
        await Assertions.Expect(admin.GetByTestId("nav-reports")).ToBeHiddenAsync();

        await toggle.ClickAsync();
        await Assertions.Expect(admin.GetByTestId("nav-schedule")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("logout")).ToBeVisibleAsync();
        await admin.GetByTestId("nav-schedule").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/schedule$"));
        await Assertions.Expect(admin.GetByTestId("menu-toggle")).ToHaveAttributeAsync("aria-expanded", "false"); // a new page starts folded
        (await WidthsAsync(admin)).ShouldSatisfyAllConditions(w => w.Scroll.ShouldBeLessThanOrEqualTo(w.Inner));
    }

    [Fact]
    public async Task MenuButton_OnAWideScreen_IsNotThere_AndTheMenusShowAsBefore()
    {
        var admin = await stack.SignInAsync(Demo.CmeAdmin); // 1280 px
        await Assertions.Expect(admin.GetByTestId("user-name")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("menu-toggle")).ToBeHiddenAsync();
        await Assertions.Expect(admin.GetByTestId("nav-schedule")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("nav-reports")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AttemptsPage_OnAPhone_ShowsEachAttempt_WithoutScrollingSideways()
    {
        using var gpApi = await stack.ApiClientAsync(Demo.Gp);
        var items = (await gpApi.GetFromJsonAsync<JsonElement>("api/v1/catalogue?search=CARD-CP-01")).GetProperty("items");
        var courseId = items[0].GetProperty("courseId").GetGuid();
        var course = await gpApi.GetFromJsonAsync<JsonElement>($"api/v1/catalogue/{courseId}");
        var scenario = course.GetProperty("modules").EnumerateArray().First(m => m.GetProperty("kind").GetString() == "Scenario").GetProperty("id").GetGuid();
        (await gpApi.PostAsync($"api/v1/learning/courses/{courseId}/modules/{scenario}/attempts", null)).IsSuccessStatusCode.ShouldBeTrue();

        var gp = await PhoneViewport.SignInAsync(stack, Demo.Gp);
        await gp.GotoAsync("/learn/attempts");
        var rows = gp.GetByTestId("attempt-row");
        await Assertions.Expect(rows.First).ToBeVisibleAsync();
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        await Assertions.Expect(rows.First.GetByTestId("attempt-open")).ToBeInViewportAsync();
        var widths = await WidthsAsync(gp);
        widths.Scroll.ShouldBeLessThanOrEqualTo(widths.Inner, $"the attempts page is {widths.Scroll} px wide on a {widths.Inner} px phone");
    }

    [Fact]
    public async Task CheckInPage_ReopenedAfterCheckingIn_SaysCheckedInAndWhen_InsteadOfAskingForACode()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 手机签到班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(-5), 90, "手机签到演练");
        await arrange.EnrolAsync(offering, Demo.Gp);
        using var adminApi = await stack.ApiClientAsync(Demo.CmeAdmin);
        var code = await adminApi.GetFromJsonAsync<JsonElement>($"api/v1/sessions/{session}/check-in-code");

        var gp = await PhoneViewport.SignInAsync(stack, Demo.Gp);
        await gp.GotoAsync($"/checkin/{session}");
        await gp.GetByTestId("checkin-number").FillAsync(code.GetProperty("number").GetString()!);
        await gp.GetByTestId("checkin-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToContainTextAsync("签到成功");

        using var gpApi = await stack.ApiClientAsync(Demo.Gp);
        var mine = await gpApi.GetFromJsonAsync<JsonElement>($"api/v1/sessions/{session}/check-in");
        var at = mine.GetProperty("checkedInAt").GetDateTimeOffset();
        var chengdu = at.ToOffset(TimeSpan.FromHours(8)).ToString("HH:mm", CultureInfo.InvariantCulture); // the session's zone: Asia/Shanghai

        await gp.GotoAsync($"/checkin/{session}"); // reopened (a reload would post the form again)
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToHaveTextAsync($"已签到 {chengdu}");
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveAttributeAsync("data-status", "Present");
        await Assertions.Expect(gp.GetByTestId("checkin-submit")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("checkin-number")).ToHaveCountAsync(0);
        await gp.GotoAsync($"/checkin/{session}?code={code.GetProperty("token").GetString()}"); // the QR code scanned again
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToHaveTextAsync($"已签到 {chengdu}");
        await Assertions.Expect(gp.GetByTestId("checkin-submit")).ToHaveCountAsync(0);

        // Only one's own check-in: someone without a seat in the class learns nothing about the session.
        using var otherApi = await stack.ApiClientAsync(Demo.Author);
        (await otherApi.GetAsync($"api/v1/sessions/{session}/check-in")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task CalendarPanel_OffersAWebcalLinkOnTheWebsAddress_AndItsQrCode_AndTheFeedComesFromTheWeb()
    {
        var gp = await PhoneViewport.SignInAsync(stack, Demo.Gp);
        await gp.GotoAsync("/schedule");
        await gp.GetByTestId("feed-create").ClickAsync();
        var webcalLink = gp.GetByTestId("feed-webcal");
        await Assertions.Expect(webcalLink).ToBeVisibleAsync();
        var webcal = (await webcalLink.GetAttributeAsync("href"))!;
        var web = new Uri(stack.WebUrl);
        var api = new Uri(stack.ApiUrl);
        webcal.ShouldStartWith($"webcal://{web.Authority}/calendar/");
        webcal.ShouldEndWith(".ics");
        webcal.ShouldNotContain(api.Authority);
        (await gp.GetByTestId("feed-url").InputValueAsync()).Trim().ShouldBe($"{web.Scheme}://{webcal["webcal://".Length..]}");

        var qr = gp.GetByTestId("feed-qr");
        await Assertions.Expect(qr.Locator("svg path")).ToHaveCountAsync(1);
        var decoded = await PdfTools.QrCodesInImageAsync(await qr.ScreenshotAsync());
        decoded.ShouldHaveSingleItem().ShouldBe(webcal);
        (await WidthsAsync(gp)).ShouldSatisfyAllConditions(w => w.Scroll.ShouldBeLessThanOrEqualTo(w.Inner));

        // The calendar app fetches the http(s) form of the link from the Web, not signed in.
        using var calendarApp = new HttpClient();
        var response = await calendarApp.GetAsync($"{web.Scheme}://{webcal["webcal://".Length..]}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/calendar");
        var events = await ICalendarParser.ParseAsync(await response.Content.ReadAsStringAsync());
        events.ShouldNotBeEmpty(); // the demo GP is enrolled in the chest-pain class with sessions in the coming weeks
        events.ShouldAllBe(e => e.Start < e.End);

        // An unknown link is 404 on the Web too.
        (await calendarApp.GetAsync($"{stack.WebUrl}/calendar/{new string('0', 48)}.ics")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private sealed record Widths(int Scroll, int Inner);

    private static async Task<Widths> WidthsAsync(IPage page)
    {
        var w = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        return new Widths(w[0], w[1]);
    }
}
