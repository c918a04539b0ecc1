using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Attendance;

/// <summary>
/// The trainer puts the check-in on the room's projector: a QR code a phone reads (decoded here by zbar, as a
/// phone would) holding the check-in link with the current code, the number in large digits, and the count of
/// those checked in, which goes up by itself; when the code rotates, the screen follows.
/// </summary>
public sealed partial class ProjectorTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Trainer_ProjectsTheCheckIn_APhoneReadsTheCurrentCode_TheCountGoesUp_AndTheCodeRotates()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 投屏签到班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(-5), 120, "投屏签到演练");
        await arrange.AssignTrainerAsync(session, "陈晓燕");
        await arrange.EnrolAsync(offering, Demo.Gp);
        await arrange.EnrolAsync(offering, Demo.Author);

        var trainer = await stack.SignInAsync(Demo.Trainer, CmeDatabase.DemoPassword,
            new BrowserNewContextOptions { Locale = "zh-CN", ViewportSize = new ViewportSize { Width = 1280, Height = 720 } });
        await trainer.GotoAsync("/teaching");
        await trainer.Locator($"[data-testid=schedule-item][data-session-id='{session}']").GetByTestId("session-attendance-link").ClickAsync();
        await trainer.GetByTestId("checkin-projector-link").ClickAsync();

        await Assertions.Expect(trainer).ToHaveURLAsync(new Regex($"/teaching/sessions/{session}/projector"));
        await Assertions.Expect(trainer.GetByTestId("projector-title")).ToHaveTextAsync("投屏签到演练");
        await Assertions.Expect(trainer.GetByTestId("bell")).ToHaveCountAsync(0); // the whole screen is the check-in
        var count = trainer.GetByTestId("projector-count");
        await Assertions.Expect(count).ToHaveTextAsync("已签到 0 / 2");
        await Assertions.Expect(trainer.GetByTestId("projector-code")).ToHaveTextAsync(EightDigitsInTwoGroups());
        var digits = await trainer.GetByTestId("projector-code").EvaluateAsync<double>("e => parseFloat(getComputedStyle(e).fontSize)");
        digits.ShouldBeGreaterThan(60); // readable from the back of the room

        var trainerApi = await stack.ApiClientAsync(Demo.Trainer);
        var first = await ScanAsync(trainer, session, trainerApi);

        // A GP checks in with the code the phone read; the screen counts them without anyone touching it.
        var gpApi = await stack.ApiClientAsync(Demo.Gp);
        var checkedIn = await gpApi.PostAsJsonAsync($"api/v1/sessions/{session}/check-in", new { code = first.Token });
        checkedIn.StatusCode.ShouldBe(HttpStatusCode.OK, await checkedIn.Content.ReadAsStringAsync());
        await Assertions.Expect(count).ToHaveTextAsync("已签到 1 / 2", new() { Timeout = 15_000 });

        // The next period: the screen shows the next code by itself.
        stack.Clock.Advance(TimeSpan.FromSeconds(30));
        await Assertions.Expect(trainer.GetByTestId("projector-code")).Not.ToHaveTextAsync(first.Number, new() { Timeout = 15_000 });
        var next = await ScanAsync(trainer, session, trainerApi);
        next.Token.ShouldNotBe(first.Token);
        await Assertions.Expect(count).ToHaveTextAsync("已签到 1 / 2");
    }

    [Fact]
    public async Task ATrainerWhoDoesNotTeachTheSession_GetsNoCode()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 投屏权限班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(-5), 60, "投屏权限演练");

        var otherTrainer = await stack.SignInAsync(Demo.Author, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await otherTrainer.GotoAsync($"/teaching/sessions/{session}/projector");

        await Assertions.Expect(otherTrainer.GetByTestId("projector-problem")).ToBeVisibleAsync();
        await Assertions.Expect(otherTrainer.GetByTestId("projector-qr")).ToHaveCountAsync(0);
        await Assertions.Expect(otherTrainer.GetByTestId("projector-code")).ToHaveCountAsync(0);
    }

    private sealed record Scanned(string Token, string Number);

    /// <summary>
    /// Waits for the screen to show the code the API gives the trainer now, then reads its QR code with zbar, as a
    /// phone would: the check-in link of this session with that code. (Read again if the period turned in between.)
    /// </summary>
    private async Task<Scanned> ScanAsync(IPage page, Guid session, HttpClient trainerApi)
    {
        var prefix = $"{stack.WebUrl}/checkin/{session}?code=";
        var qr = page.GetByTestId("projector-qr");
        for (var attempt = 1; ; attempt++)
        {
            var token = await CurrentTokenAsync(trainerApi, session);
            var link = prefix + Uri.EscapeDataString(token);
            await Assertions.Expect(qr).ToHaveAttributeAsync("data-checkin-url", link, new() { Timeout = 15_000 });
            var number = (await page.GetByTestId("projector-code").TextContentAsync())!.Trim();
            var decoded = (await PdfTools.QrCodesInImageAsync(await qr.ScreenshotAsync())).ShouldHaveSingleItem();
            if (decoded == link)
                return new Scanned(token, number);
            attempt.ShouldBeLessThan(3, $"the QR code holds {decoded}, the code now is {link}");
        }
    }

    private static async Task<string> CurrentTokenAsync(HttpClient trainerApi, Guid session) =>
        (await trainerApi.GetFromJsonAsync<JsonElement>($"api/v1/sessions/{session}/check-in-code")).GetProperty("token").GetString()!;

    [GeneratedRegex(@"^\d{4} \d{4}$")]
    private static partial Regex EightDigitsInTwoGroups();
}
