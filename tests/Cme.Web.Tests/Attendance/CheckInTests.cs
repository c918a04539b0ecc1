using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Attendance;

/// <summary>
/// A trainer shows the rotating check-in QR code on the session page; a GP opens the link it encodes on
/// their phone (signing in first) and checks in, and the trainer's roster shows them present without a reload.
/// </summary>
public sealed partial class CheckInTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Gp_OpensTheQrCodesLink_ChecksIn_SeesTheirCompletion_AndTheTrainersRosterUpdatesByItself()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 签到演练班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(-5), 120, "心肺复苏演练");
        await arrange.AssignTrainerAsync(session, "陈晓燕");
        await arrange.EnrolAsync(offering, Demo.Gp);

        var trainer = await stack.SignInAsync(Demo.Trainer);
        await trainer.GotoAsync("/teaching");
        await trainer.Locator($"[data-testid=schedule-item][data-session-id='{session}']").GetByTestId("session-attendance-link").ClickAsync();
        await Assertions.Expect(trainer.GetByTestId("teaching-session-title")).ToHaveTextAsync("心肺复苏演练");
        var qr = trainer.GetByTestId("checkin-qr");
        await Assertions.Expect(qr.Locator("svg path")).ToHaveCountAsync(1);
        await Assertions.Expect(trainer.GetByTestId("checkin-code-number")).ToHaveTextAsync(EightDigitsInTwoGroups());
        var gpRow = trainer.Locator("[data-testid=roster-row]", new() { HasText = "王芳" });
        await Assertions.Expect(gpRow).ToHaveAttributeAsync("data-status", "None");

        // The GP's phone is not signed in yet: it goes through the sign-in page and comes back to the check-in.
        var link = await qr.GetAttributeAsync("data-checkin-url");
        link.ShouldStartWith($"{stack.WebUrl}/checkin/{session}?code=");
        var phone = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "zh-CN" });
        var gp = await phone.NewPageAsync();
        await gp.GotoAsync(link!);
        await gp.GetByTestId("login-email").FillAsync(Demo.Gp);
        await gp.GetByTestId("login-password").FillAsync(CmeDatabase.DemoPassword);
        await gp.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(gp).ToHaveURLAsync(link!);
        await Assertions.Expect(gp.GetByTestId("checkin-session")).ToHaveTextAsync("心肺复苏演练");
        await Assertions.Expect(gp.GetByTestId("checkin-course")).ToContainTextAsync("胸痛");
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveCountAsync(0); // opening the link alone does not check in
        await gp.GetByTestId("checkin-submit").ClickAsync();

        var result = gp.GetByTestId("checkin-result");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-already", "false");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-status", "Present");
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToContainTextAsync("签到成功");
        await Assertions.Expect(gp.GetByTestId("completion")).ToHaveAttributeAsync("data-state", "InProgress");
        await Assertions.Expect(gp.GetByTestId("completion-reason")).ToHaveAttributeAsync("data-code", "AwaitingLastSession");
        await Assertions.Expect(gp.GetByTestId("completion-reason")).ToContainTextAsync("等待最后一场结束后自动结算");
        await Assertions.Expect(gp.GetByTestId("completion-done")).ToHaveCountAsync(0);

        // The trainer's page takes the roster in by itself.
        await Assertions.Expect(gpRow).ToHaveAttributeAsync("data-status", "Present", new() { Timeout = 20_000 });
        await Assertions.Expect(gpRow.GetByTestId("roster-source")).ToHaveTextAsync("扫码签到");

        // Scanning again later is harmless: the page says the GP is checked in, and asks for nothing.
        await gp.GotoAsync((await qr.GetAttributeAsync("data-checkin-url"))!);
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveAttributeAsync("data-already", "true");
        await Assertions.Expect(gp.GetByTestId("checkin-outcome")).ToHaveTextAsync(new Regex(@"^已签到 \d{2}:\d{2}$"));
        await Assertions.Expect(gp.GetByTestId("checkin-submit")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Gp_TypesAWrongNumber_IsToldTheCodeIsWrong_AndCanTypeTheOneShownNow()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 数字签到班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(15), 60, "数字签到演练");
        await arrange.EnrolAsync(offering, Demo.Gp);
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await admin.GetByTestId("session-attendance-link").ClickAsync();
        var shown = admin.GetByTestId("checkin-code-number");
        await Assertions.Expect(shown).ToHaveTextAsync(EightDigitsInTwoGroups());

        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync($"/checkin/{session}");
        var number = await shown.TextContentAsync();
        var wrong = (int.Parse(number!.Replace(" ", "")) + 1) % 100_000_000;
        await gp.GetByTestId("checkin-number").FillAsync(wrong.ToString("D8"));
        await gp.GetByTestId("checkin-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("checkin-refused")).ToHaveAttributeAsync("data-reason", "code");
        await Assertions.Expect(gp.GetByTestId("checkin-refused")).ToContainTextAsync("签到码无效或已过期");
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveCountAsync(0);

        // Typed as shown, with the space between the groups.
        await gp.GetByTestId("checkin-number").FillAsync((await shown.TextContentAsync())!);
        await gp.GetByTestId("checkin-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveAttributeAsync("data-status", "Present");
    }

    [Fact]
    public async Task Trainer_MarksSomeoneOnTheRoster_AndAParticipantReportWithABadRowIsRefusedNamingIt()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 考勤名单班");
        var start = OfferingArrangement.ChengduNow.AddMinutes(-20);
        await arrange.SessionAsync(offering, start, 90, "远程病例讨论");
        await arrange.EnrolAsync(offering, Demo.Gp);
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await admin.GetByTestId("session-attendance-link").ClickAsync();

        var gpRow = admin.Locator("[data-testid=roster-row]", new() { HasText = "王芳" });
        await gpRow.GetByTestId("mark-late").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("teaching-done")).ToBeVisibleAsync();
        await Assertions.Expect(gpRow).ToHaveAttributeAsync("data-status", "Late");
        await Assertions.Expect(gpRow.GetByTestId("roster-source")).ToHaveTextAsync("培训师标记");

        var joined = start.AddMinutes(2).ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        var report = $"licence_number,join_time,leave_time\n510100000000003,{joined},not yet\n";
        await admin.GetByTestId("attendance-import-file").SetInputFilesAsync(
            new FilePayload { Name = "participants.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(report) });
        await admin.GetByTestId("attendance-import-submit").ClickAsync();
        var error = admin.GetByTestId("attendance-import-error");
        await Assertions.Expect(error).ToHaveAttributeAsync("data-field", "leaveTime");
        await Assertions.Expect(error).ToContainTextAsync("离会时间");
        await Assertions.Expect(gpRow).ToHaveAttributeAsync("data-status", "Late"); // nothing was written
    }

    [Fact]
    public async Task SessionPage_SwapsInTheNextCodeByItself_WhenTheCurrentOneRunsOut()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 轮换签到码班");
        await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(10), 60, "签到码轮换");
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await admin.GetByTestId("session-attendance-link").ClickAsync();
        var shown = admin.GetByTestId("checkin-code-number");
        await Assertions.Expect(shown).ToHaveTextAsync(EightDigitsInTwoGroups());
        var first = (await shown.TextContentAsync())!;
        var firstLink = await admin.GetByTestId("checkin-qr").GetAttributeAsync("data-checkin-url");
        await Assertions.Expect(admin.GetByTestId("checkin-countdown")).ToHaveTextAsync(new Regex(@"^\d{1,2} 秒后更换$"));

        // A code lives 30 seconds; the page fetches the next one when it runs out, without a reload.
        await Assertions.Expect(shown).Not.ToHaveTextAsync(first, new() { Timeout = 40_000 });
        await Assertions.Expect(shown).ToHaveTextAsync(EightDigitsInTwoGroups());
        await Assertions.Expect(admin.GetByTestId("checkin-qr")).Not.ToHaveAttributeAsync("data-checkin-url", firstLink!);
        await Assertions.Expect(admin.GetByTestId("checkin-qr").Locator("svg path")).ToHaveCountAsync(1);
    }

    [Fact]
    public async Task Gp_AfterTooManyWrongNumbers_IsToldToWait_InTheirLanguage()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 签到限次班");
        var session = await arrange.SessionAsync(offering, OfferingArrangement.ChengduNow.AddMinutes(-5), 60, "签到限次演练");
        await arrange.EnrolAsync(offering, Demo.Gp);
        // Ten wrong numbers already tried (through the API, as a script would).
        var gpApi = await stack.ApiClientAsync(Demo.Gp);
        for (var i = 0; i < 10; i++)
            await gpApi.PostAsJsonAsync($"api/v1/sessions/{session}/check-in", new { code = "0000 000" + i });

        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync($"/checkin/{session}");
        await gp.GetByTestId("checkin-number").FillAsync("1234 5678");
        await gp.GetByTestId("checkin-submit").ClickAsync();

        await Assertions.Expect(gp.GetByTestId("checkin-refused")).ToHaveAttributeAsync("data-reason", "too-many");
        await Assertions.Expect(gp.GetByTestId("checkin-refused")).ToContainTextAsync("错误的签到码尝试过多");
        await Assertions.Expect(gp.GetByTestId("checkin-refused-detail")).ToContainTextAsync(new Regex(@"请 \d+ 分钟后再试"));
        await Assertions.Expect(gp.GetByTestId("checkin-result")).ToHaveCountAsync(0);
    }

    [GeneratedRegex(@"^\d{4} \d{4}$")]
    private static partial Regex EightDigitsInTwoGroups();
}
