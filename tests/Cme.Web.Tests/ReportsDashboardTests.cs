using System.Text;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

public sealed class ReportsDashboardTests(WebStack stack) : IClassFixture<WebStack>
{
    private const string Fangcao = "芳草社区卫生服务中心";

    [Fact]
    public async Task CmeAdmin_SeesInstitutionsFallingBehind_DrillsDown_AndDownloadsTheCsv_InstitutionAdminSeesOwnStaffOnly()
    {
        // The demo GP has this year's credits recorded by the CME office: she meets the requirement.
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync("/admin/staff?search=gp%40demo.cme");
        await admin.GetByTestId("staff-row-transcript").ClickAsync();
        await admin.GetByTestId("adjust-credits").FillAsync("25");
        await admin.GetByTestId("adjust-hours").FillAsync("90");
        await admin.GetByTestId("adjust-reason").FillAsync("补录全年院内培训");
        await admin.GetByTestId("adjust-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("credits-status").First).ToHaveAttributeAsync("data-status", "Met");

        await admin.GetByTestId("nav-reports").ClickAsync();
        var institutions = admin.GetByTestId("chart-institutions-row");
        await Assertions.Expect(institutions).ToHaveCountAsync(9); // every institution of the demo consortium has staff
        var fangcao = admin.Locator($"[data-testid=chart-institutions-row]:has-text('{Fangcao}')");
        await Assertions.Expect(fangcao).ToHaveCountAsync(1);
        (await fangcao.GetAttributeAsync("data-met-percent")).ShouldNotBe("0");
        await Assertions.Expect(admin.GetByTestId("chart-regions-row").First).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("trend-point").First).ToBeVisibleAsync();
        var met = int.Parse(await admin.GetByTestId("tile-met").Locator(".tile-value").InnerTextAsync());
        met.ShouldBe(1);

        await fangcao.Locator("a").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("report-people-title")).ToBeVisibleAsync();
        var rows = admin.GetByTestId("report-person");
        (await rows.CountAsync()).ShouldBeGreaterThan(0);
        foreach (var institution in await rows.EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.institution)"))
            institution.ShouldBe(Fangcao);
        await Assertions.Expect(admin.GetByTestId("credits-shortfall").First).ToContainTextAsync("还需 25 学分");
        await Assertions.Expect(admin.Locator("body")).Not.ToContainTextAsync("王芳"); // she met it

        var download = await admin.RunAndWaitForDownloadAsync(() => admin.GetByTestId("export-people").ClickAsync());
        var bytes = await File.ReadAllBytesAsync((await download.PathAsync())!);
        bytes.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var csv = Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        csv.ShouldStartWith("年度 year,执业证号 licence_number");
        csv.ShouldContain(Fangcao);
        csv.ShouldNotContain("华西医院");
        download.SuggestedFilename.ShouldEndWith(".csv");

        var instAdmin = await stack.SignInAsync(Demo.InstitutionAdmin);
        await instAdmin.GetByTestId("nav-reports").ClickAsync();
        await Assertions.Expect(instAdmin.GetByTestId("reports-scope")).ToContainTextAsync(Fangcao);
        await Assertions.Expect(instAdmin.GetByTestId("chart-institutions-row")).ToHaveCountAsync(1);
        await Assertions.Expect(instAdmin.GetByTestId("chart-institutions-row")).ToContainTextAsync(Fangcao);
        await Assertions.Expect(instAdmin.GetByTestId("chart-regions-row")).ToHaveCountAsync(0);
        await Assertions.Expect(instAdmin.GetByTestId("tile-met").Locator(".tile-value")).ToHaveTextAsync("1");
        await instAdmin.GetByTestId("drill-all").ClickAsync();
        foreach (var institution in await instAdmin.GetByTestId("report-person").EvaluateAllAsync<string[]>("rows => rows.map(r => r.dataset.institution)"))
            institution.ShouldBe(Fangcao);
        var own = await instAdmin.RunAndWaitForDownloadAsync(() => instAdmin.GetByTestId("export-people").ClickAsync());
        var ownCsv = await File.ReadAllTextAsync((await own.PathAsync())!);
        ownCsv.ShouldContain(Fangcao);
        ownCsv.ShouldNotContain("华西医院");
    }
}
