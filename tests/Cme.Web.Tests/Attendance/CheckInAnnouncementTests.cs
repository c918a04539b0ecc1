using System.Text.RegularExpressions;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Attendance;

/// <summary>
/// A trainer using a screen reader on the session page hears a new check-in code once, when it arrives,
/// and is not read a countdown every second. The hosts' clock and the browser's clock are both moved past
/// the code's 30 seconds; nothing waits for real time.
/// </summary>
public sealed partial class CheckInAnnouncementTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task SessionPage_AnnouncesTheNewCodeOnce_WhenItRotates_AndTheCountdownIsNotALiveRegion()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 签到码播报班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(10), 60, "签到码播报");
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(admin).Not.ToHaveURLAsync(new Regex("/login"));
        await admin.Clock.InstallAsync();
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await admin.GetByTestId("session-attendance-link").ClickAsync();

        var shown = admin.GetByTestId("checkin-code-number");
        await Assertions.Expect(shown).ToHaveTextAsync(EightDigitsInTwoGroups());
        var first = (await shown.TextContentAsync())!;
        var countdown = admin.GetByTestId("checkin-countdown");
        await Assertions.Expect(countdown).ToHaveTextAsync(new Regex(@"^\d{1,2} 秒后更换$"));
        (await countdown.EvaluateAsync<bool>(InsideALiveRegion)).ShouldBeFalse("the countdown must not be read out every second");

        var announcement = admin.GetByTestId("checkin-announcement");
        await Assertions.Expect(announcement).ToHaveAttributeAsync("aria-live", "polite");
        await Assertions.Expect(announcement).ToHaveTextAsync("");
        (await announcement.EvaluateAsync<bool>("e => e.contains(document.querySelector('[data-testid=checkin-countdown]'))")).ShouldBeFalse();

        // The code runs out: both clocks pass its 30 seconds, and the page fetches the next one.
        stack.Clock.Advance(TimeSpan.FromSeconds(31));
        await admin.Clock.FastForwardAsync("00:31");
        await Assertions.Expect(shown).Not.ToHaveTextAsync(first);
        await Assertions.Expect(shown).ToHaveTextAsync(EightDigitsInTwoGroups());
        var second = (await shown.TextContentAsync())!;
        await Assertions.Expect(announcement).ToHaveTextAsync($"新签到码：{second}");
        var heard = (await announcement.TextContentAsync())!;
        Regex.Matches(heard, Regex.Escape(second)).Count.ShouldBe(1);

        // The countdown goes on changing; the announcement stays as it was, so nothing more is read out.
        var before = (await countdown.TextContentAsync())!;
        await admin.Clock.FastForwardAsync("00:02");
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(before);
        (await announcement.TextContentAsync()).ShouldBe(heard);
        var later = (await countdown.TextContentAsync())!;
        await admin.Clock.FastForwardAsync("00:02");
        await Assertions.Expect(countdown).Not.ToHaveTextAsync(later);
        (await announcement.TextContentAsync()).ShouldBe(heard);
        (await countdown.EvaluateAsync<bool>(InsideALiveRegion)).ShouldBeFalse();
    }

    private const string InsideALiveRegion =
        "e => e.closest('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log], [role=marquee], [role=timer]') !== null";

    [GeneratedRegex(@"^\d{4} \d{4}$")]
    private static partial Regex EightDigitsInTwoGroups();
}
