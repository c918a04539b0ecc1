using System.Globalization;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// A GP's year as she lives it, across time: she enrols, plays the case, checks in with the trainer's
/// rotating code, passes the post-test and evaluates the class before its last session ends; then the
/// session ends (the test moves the hosts' clock forward), and without anyone acting the scheduler's
/// sweep settles it: credits on her home page, the certificate on 我的证书, a notice in her inbox, and a
/// verification page that says valid.
/// </summary>
public sealed class GpYearJourneyTests(JourneyStack stack) : IClassFixture<JourneyStack>
{
    private const string HypoglycaemiaCase = "病例：晨起言语含糊的王阿姨";
    private const string PostTest = "课后测 Post-test";

    [Fact]
    public async Task Gp_FinishesEverythingBeforeTheLastSessionEnds_AndWhenItEndsTheCreditsCertificateAndNoticeArriveByThemselves()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        const string title = "E2E 低血糖全程班";
        var offering = await arrange.OfferingAsync(title, minAttendance: 75, evaluationRequired: true, course: "ENDO-HYPO-01",
            postTestPass: 60, scenarioPassRequired: true);
        var session = await arrange.SessionAsync(offering, arrange.LocalNow.AddMinutes(-5), 60, "低血糖处理工作坊");
        await arrange.AssignTrainerAsync(session, "李志强");
        var gp = await stack.SignInChineseAsync(Demo.Gp);
        var creditsBefore = await CreditsThisYearAsync(gp);

        // Enrol from the list of open classes.
        await gp.GotoAsync("/offerings");
        await gp.Locator("[data-testid=open-offering]", new() { HasText = title }).GetByTestId("open-offering-link").ClickAsync();
        await gp.GetByTestId("enrol").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");

        // Play the case to its best outcome.
        await gp.GotoAsync("/catalogue?search=ENDO-HYPO-01");
        await gp.GetByTestId("catalogue-open").First.ClickAsync();
        await gp.GetByTestId("module-open").Filter(new() { HasText = HypoglycaemiaCase }).ClickAsync();
        await gp.GetByTestId("start-attempt").ClickAsync();
        foreach (var step in new[] { "continue", "continue", "glucose", "continue", "iv", "continue", "observe" })
        {
            if (step == "continue")
                await gp.GetByTestId("continue").ClickAsync();
            else
                await gp.Locator($"[data-testid=option][data-option-id={step}]").ClickAsync();
        }
        await Assertions.Expect(gp.GetByTestId("attempt-passed")).ToBeVisibleAsync();

        // Check in with the code the trainer's page shows now.
        var trainer = await stack.SignInChineseAsync(Demo.Author);
        await trainer.GotoAsync($"/teaching/sessions/{session}");
        var link = await trainer.GetByTestId("checkin-qr").GetAttributeAsync("data-checkin-url");
        link.ShouldNotBeNull();
        await gp.GotoAsync(link);
        await gp.GetByTestId("checkin-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToContainTextAsync("签到成功");

        // Pass the post-test.
        await gp.GotoAsync("/catalogue?search=ENDO-HYPO-01");
        await gp.GetByTestId("catalogue-open").First.ClickAsync();
        await gp.GetByTestId("module-open").Filter(new() { HasText = PostTest }).ClickAsync();
        foreach (var (question, option) in new[] { ("q1", "a"), ("q2", "a"), ("q2", "b"), ("q3", "a") })
            await gp.Locator($"[data-testid=quiz-option][data-question-id={question}][data-option-id={option}]").CheckAsync();
        await gp.GetByTestId("quiz-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("quiz-passed")).ToHaveAttributeAsync("data-passed", "true");

        // Evaluate the class while its session is still running.
        await gp.GotoAsync($"/offerings/{offering}");
        foreach (var criterion in new[] { "content", "relevance", "teaching", "organisation" })
            await gp.GetByTestId($"rating-{criterion}-5").ClickAsync();
        await gp.GetByTestId("evaluation-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("evaluation-done")).ToBeVisibleAsync();

        // Nothing is claimed before the ledger holds it: the page says what is still open.
        await Assertions.Expect(gp.GetByTestId("completion-done")).ToHaveCountAsync(0);
        await Assertions.Expect(gp.GetByTestId("completion")).ToHaveAttributeAsync("data-awarded", "false");
        await Assertions.Expect(gp.GetByTestId("completion-reason")).ToHaveAttributeAsync("data-code", "AwaitingLastSession");
        await Assertions.Expect(gp.GetByTestId("completion-reason")).ToContainTextAsync("等待最后一场结束后自动结算");
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");
        (await CreditsThisYearAsync(gp)).ShouldBe(creditsBefore);

        // The session ends. Nobody touches anything; the scheduler's jobs run.
        stack.Clock.Advance(TimeSpan.FromMinutes(60));
        await stack.RunScheduledJobsAsync();
        await gp.GotoAsync($"/offerings/{offering}");
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(gp.GetByTestId("completion-done")).ToContainTextAsync("学分已记入：1.5 学分");
        (await CreditsThisYearAsync(gp)).ShouldBe(creditsBefore + 1.5m);

        // The certificate, issued by itself.
        await gp.GotoAsync("/certificates");
        var card = gp.Locator($"[data-testid=certificate][data-offering-id='{offering}']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Valid");
        var verifyUrl = await card.GetByTestId("certificate-verify-link").GetAttributeAsync("href");
        verifyUrl.ShouldNotBeNull();

        // The notice, in the inbox.
        await gp.GotoAsync("/notifications");
        var notice = gp.Locator("[data-testid=inbox-item][data-kind=CreditsAwarded]");
        await Assertions.Expect(notice).ToContainTextAsync("低血糖");
        await Assertions.Expect(notice).ToContainTextAsync("1.5");

        // Anyone can verify the certificate.
        var stranger = await (await stack.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" })).NewPageAsync();
        await stranger.GotoAsync(verifyUrl);
        await Assertions.Expect(stranger.GetByTestId("verify-verdict")).ToHaveAttributeAsync("data-status", "Valid");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict-word")).ToHaveTextAsync("有效");
    }

    [Fact]
    public async Task Gp_OnTheWaitlist_GetsTheSeatAnotherGivesUp_AndIsTold()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        const string title = "E2E 候补转正班";
        var offering = await arrange.OfferingAsync(title, capacity: 1);
        await arrange.SessionAsync(offering, arrange.LocalNow.AddDays(7), 90, "胸痛识别讲座");
        await arrange.EnrolAsync(offering, Demo.InstitutionAdmin); // takes the only seat

        var gp = await stack.SignInChineseAsync(Demo.Gp);
        await gp.GotoAsync($"/offerings/{offering}");
        await gp.GetByTestId("enrol").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Waitlisted");
        await Assertions.Expect(gp.GetByTestId("waitlist-position")).ToHaveAttributeAsync("data-position", "1");

        // The other learner gives the seat up, a day later.
        stack.Clock.Advance(TimeSpan.FromDays(1));
        var other = await stack.SignInChineseAsync(Demo.InstitutionAdmin);
        await other.GotoAsync($"/offerings/{offering}");
        await other.GetByTestId("cancel-enrolment").ClickAsync();
        await Assertions.Expect(other.GetByTestId("enrol-done")).ToBeVisibleAsync();
        await stack.RunScheduledJobsAsync();
        // The next day she signs in again (a sign-in lasts a working day) and finds the notice.
        gp = await stack.SignInChineseAsync(Demo.Gp);
        await gp.GotoAsync("/notifications");
        var notice = gp.Locator("[data-testid=inbox-item][data-kind=WaitlistPromoted]");
        await Assertions.Expect(notice).ToHaveCountAsync(1);
        await Assertions.Expect(gp.GetByTestId("bell-count")).ToBeVisibleAsync();
        await Assertions.Expect(notice).ToContainTextAsync("已从候补转为正式报名");
        await Assertions.Expect(notice).ToContainTextAsync("基层胸痛");
        await Assertions.Expect(gp.Locator("[data-testid=inbox-item][data-kind=WaitlistJoined]")).ToHaveCountAsync(1);
        await notice.GetByTestId("inbox-open").ClickAsync();
        await gp.WaitForURLAsync($"**/offerings/{offering}");
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");
    }

    /// <summary>This year's credits as the home page's progress bar shows them.</summary>
    private static async Task<decimal> CreditsThisYearAsync(IPage page)
    {
        await page.GotoAsync("/");
        var bar = page.GetByTestId("credits-progress");
        await Assertions.Expect(bar).ToBeVisibleAsync();
        return decimal.Parse((await bar.GetAttributeAsync("data-value"))!, CultureInfo.InvariantCulture);
    }
}
