using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using Cme.Application.Certificates;
using Cme.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Certificates;

public sealed class CertificateJourneyTests(CertificateWebStack stack) : IClassFixture<CertificateWebStack>
{
    [Fact]
    public async Task Gp_GetsTheCertificateOfACompletedOffering_ItsPdfNamesHerAndTheCourse_AndItsQrCodeVerifiesAsValid()
    {
        var setup = await CertificateApiSetup.StartAsync(stack.Api);
        var offering = await setup.OfferingAsync();
        await setup.CompleteAsync(offering, await setup.ProfessionalAsync(Demo.Gp));
        var gp = await stack.SignInAsync(Demo.Gp);

        await gp.GetByTestId("nav-certificates").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("certificates-title")).ToBeVisibleAsync();
        await gp.Locator($"[data-testid=uncollected][data-offering-id='{offering}']").GetByTestId("certificate-claim").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("certificates-done")).ToBeVisibleAsync();
        var card = gp.Locator($"[data-testid=certificate][data-offering-id='{offering}']");
        await Assertions.Expect(card).ToHaveAttributeAsync("data-status", "Valid");
        await Assertions.Expect(card.GetByTestId("certificate-status")).ToHaveTextAsync("有效");
        await Assertions.Expect(gp.Locator($"[data-testid=uncollected][data-offering-id='{offering}']")).ToHaveCountAsync(0);
        var download = await gp.RunAndWaitForDownloadAsync(() => card.GetByTestId("certificate-download").ClickAsync());
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);

        download.SuggestedFilename.ShouldMatch(@"^CME-\d{4}-\d{6}\.pdf$");
        var text = await PdfTools.TextAsync(pdf);
        text.ShouldContain("王芳");
        text.ShouldContain("Wang Fang");
        text.ShouldContain(CertificateApiSetup.CourseTitle);
        var qr = (await PdfTools.QrCodesAsync(pdf)).ShouldHaveSingleItem();
        qr.ShouldStartWith($"{stack.WebUrl}/verify/");
        (await card.GetByTestId("certificate-verify-link").GetAttributeAsync("href")).ShouldBe(qr);

        var stranger = await (await stack.Browser.NewContextAsync()).NewPageAsync(); // no cookies: not signed in
        var response = await stranger.GotoAsync(qr);
        await Assertions.Expect(stranger.GetByTestId("verify-verdict")).ToHaveAttributeAsync("data-status", "Valid");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict-word")).ToHaveTextAsync("有效");
        await Assertions.Expect(stranger.GetByTestId("verify-holder")).ToContainTextAsync("王*");
        await Assertions.Expect(stranger.GetByTestId("verify-course")).ToContainTextAsync(CertificateApiSetup.CourseTitle);
        stranger.Url.ShouldNotContain("/login");
        response!.Headers["cache-control"].ShouldContain("no-store");
    }

    [Fact]
    public async Task Admin_IssuesAllCertificates_WatchesTheBarReach100_RevokesOneWithAReasonAndConfirmation_AndItsVerificationSaysRevokedWithTheDate()
    {
        var setup = await CertificateApiSetup.StartAsync(stack.Api);
        var offering = await setup.OfferingAsync();
        for (var i = 0; i < 3; i++)
            await setup.CompleteAsync(offering, await setup.NewLearnerAsync());
        var work = stack.Api.Services.GetRequiredService<CertificateWork>();
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync($"/admin/offerings/{offering}");
        await Assertions.Expect(admin.GetByTestId("certificates-empty")).ToBeVisibleAsync();

        await admin.GetByTestId("certificates-issue-all").ClickAsync();
        var batch = admin.GetByTestId("certificate-batch");
        var bar = admin.GetByTestId("batch-progress");
        await Assertions.Expect(batch).ToHaveAttributeAsync("data-status", "Queued");
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", "0");
        var batchId = Guid.Parse((await batch.GetAttributeAsync("data-batch-id"))!);
        await work.RunBatchAsync(batchId, CancellationToken.None, stopAfter: 1);
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", "33"); // moved by the page's script, no reload
        await Assertions.Expect(admin.GetByTestId("batch-figures")).ToHaveTextAsync("1 / 3 · 33%");
        await work.RunBatchAsync(batchId, CancellationToken.None);
        await Assertions.Expect(bar).ToHaveAttributeAsync("value", "100");
        await Assertions.Expect(admin.GetByTestId("certificate-row")).ToHaveCountAsync(3); // the page reloaded when the batch ended
        await Assertions.Expect(batch).ToHaveAttributeAsync("data-status", "Completed");

        var row = admin.GetByTestId("certificate-row").First;
        var number = (await row.GetAttributeAsync("data-number"))!;
        var verifyUrl = (await row.GetByTestId("certificate-verify-link").GetAttributeAsync("href"))!;
        await row.GetByTestId("certificate-revoke").ClickAsync();

        // A step of its own: what is revoked, a reason, and a confirmation the server insists on.
        await Assertions.Expect(admin.GetByTestId("certificate-action-number")).ToHaveTextAsync(number);
        await admin.GetByTestId("certificate-action-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("certificate-action-reason-error")).ToHaveTextAsync("请填写原因。");
        await Assertions.Expect(admin.GetByTestId("certificate-action-confirm-error")).ToHaveTextAsync("请勾选确认后再撤销。");
        await admin.GetByTestId("certificate-action-reason").FillAsync("考勤记录不实");
        await admin.GetByTestId("certificate-action-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("certificate-action-confirm-error")).ToHaveTextAsync("请勾选确认后再撤销。");
        await Assertions.Expect(admin.GetByTestId("certificate-action-reason-error")).ToHaveCountAsync(0);
        (await setup.CertificateAsync(offering, number)).GetProperty("status").GetString().ShouldBe("Valid");
        await Assertions.Expect(admin.GetByTestId("certificate-action-reason")).ToHaveValueAsync("考勤记录不实");
        await admin.GetByTestId("certificate-action-confirm").CheckAsync();
        await admin.GetByTestId("certificate-action-submit").ClickAsync();

        await Assertions.Expect(admin.GetByTestId("certificates-done")).ToBeVisibleAsync();
        admin.Url.ShouldContain($"/admin/offerings/{offering}");
        row = admin.Locator($"[data-testid=certificate-row][data-number='{number}']");
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Revoked");
        await Assertions.Expect(row).ToContainTextAsync("考勤记录不实");

        var revokedAt = (await setup.CertificateAsync(offering, number)).GetProperty("revokedAt").GetDateTimeOffset();
        var stranger = await (await stack.Browser.NewContextAsync()).NewPageAsync();
        await stranger.GotoAsync(verifyUrl);
        await Assertions.Expect(stranger.GetByTestId("verify-verdict")).ToHaveAttributeAsync("data-status", "Revoked");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict-word")).ToHaveTextAsync("已撤销");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict-note"))
            .ToContainTextAsync(revokedAt.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        await Assertions.Expect(stranger.GetByTestId("verify-number")).ToHaveTextAsync(number);
    }

    [Fact]
    public async Task CmeAdmin_FindsACertificateFromTheAdminMenuByHolderNumberOrOffering_AndReissuesIt()
    {
        var setup = await CertificateApiSetup.StartAsync(stack.Api);
        var offering = await setup.OfferingAsync();
        var title = (await setup.Admin.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/offerings/{offering}")).GetProperty("title").GetString()!;
        var gp = await setup.ProfessionalAsync(Demo.Gp);
        await setup.CompleteAsync(offering, gp);
        var issued = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/certificate", new { learnerId = gp });
        issued.EnsureSuccessStatusCode();
        var number = (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("number").GetString()!;
        var admin = await stack.SignInAsync(Demo.CmeAdmin);

        await admin.GetByTestId("nav-certificate-search").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("certificate-search-title")).ToHaveTextAsync("证书查询");
        await admin.GetByTestId("certificate-search").FillAsync("王芳");
        await admin.GetByTestId("certificate-search-submit").ClickAsync();
        var row = admin.Locator($"[data-testid=certificate-row][data-number='{number}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("certificate-row-holder")).ToHaveTextAsync("王芳");
        await Assertions.Expect(row.GetByTestId("certificate-row-offering")).ToHaveTextAsync(title);
        (await row.GetByTestId("certificate-verify-link").GetAttributeAsync("href"))!.ShouldStartWith($"{stack.WebUrl}/verify/");

        // By the offering's title, then by the certificate number alone.
        await admin.GetByTestId("certificate-search").FillAsync(title);
        await admin.GetByTestId("certificate-search-submit").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(admin.GetByTestId("pager")).ToBeVisibleAsync();
        await admin.GetByTestId("certificate-search").FillAsync(number);
        await admin.GetByTestId("certificate-search-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("certificate-row")).ToHaveCountAsync(1);

        await row.GetByTestId("certificate-reissue").ClickAsync();
        await admin.GetByTestId("certificate-action-reason").FillAsync("姓名更正");
        await admin.GetByTestId("certificate-action-confirm").CheckAsync();
        await admin.GetByTestId("certificate-action-submit").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("certificates-done")).ToBeVisibleAsync();
        await Assertions.Expect(row).ToHaveAttributeAsync("data-status", "Superseded");
        await Assertions.Expect(row.GetByTestId("certificate-reissue")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task InstitutionAdmin_SearchesCertificates_AndFindsOnlyHerStaffs_WithoutRevocation()
    {
        var setup = await CertificateApiSetup.StartAsync(stack.Api);
        var offering = await setup.OfferingAsync();
        var gp = await setup.ProfessionalAsync(Demo.Gp);
        await setup.CompleteAsync(offering, gp);
        var outsider = await setup.NewLearnerAsync();
        await setup.CompleteAsync(offering, outsider);
        async Task<string> IssueAsync(Guid learner)
        {
            var issued = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/certificate", new { learnerId = learner });
            issued.EnsureSuccessStatusCode();
            return (await issued.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("number").GetString()!;
        }
        var hers = await IssueAsync(gp);
        var other = await IssueAsync(outsider);
        var page = await stack.SignInAsync(Demo.InstitutionAdmin);

        await page.GetByTestId("nav-certificate-search").ClickAsync();
        await page.GetByTestId("certificate-search").FillAsync(hers);
        await page.GetByTestId("certificate-search-submit").ClickAsync();
        var row = page.Locator($"[data-testid=certificate-row][data-number='{hers}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row).ToContainTextAsync("芳草社区卫生服务中心");
        await Assertions.Expect(row.GetByTestId("certificate-verify-link")).ToHaveCountAsync(1);
        await Assertions.Expect(row.GetByTestId("certificate-revoke")).ToHaveCountAsync(0);

        await page.GetByTestId("certificate-search").FillAsync(other);
        await page.GetByTestId("certificate-search-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("certificate-search-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("certificate-row")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Verification_OfAMadeUpCode_SaysNotFound()
    {
        var stranger = await (await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl })).NewPageAsync();

        await stranger.GotoAsync("/verify");
        await stranger.GetByTestId("verify-code").FillAsync("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        await stranger.GetByTestId("verify-submit").ClickAsync();

        await Assertions.Expect(stranger).ToHaveURLAsync($"{stack.WebUrl}/verify/ABCDEFGHIJKLMNOPQRSTUVWXYZ234567");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict")).ToHaveAttributeAsync("data-status", "NotFound");
        await Assertions.Expect(stranger.GetByTestId("verify-verdict-word")).ToHaveTextAsync("未找到");
        await Assertions.Expect(stranger.GetByTestId("verify-details")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Gp_DownloadsTheTranscriptAsPdf_AndAsCsvWithHeadingsInThePagesLanguage()
    {
        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync("/credits/transcript");

        var pdf = await gp.RunAndWaitForDownloadAsync(() => gp.GetByTestId("transcript-pdf").ClickAsync());
        var chineseCsv = await CsvAsync(gp);
        await gp.GetByTestId("lang-switch-en").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("transcript-title")).ToHaveTextAsync("Credit transcript");
        var englishCsv = await CsvAsync(gp);

        (await PdfTools.TextAsync(await File.ReadAllBytesAsync((await pdf.PathAsync())!))).ShouldContain("王芳");
        chineseCsv.Split('\n')[0].ShouldContain("执业证号");
        englishCsv.Split('\n')[0].ShouldContain("Licence number");
        englishCsv.ShouldNotContain("执业证号");
    }

    private static async Task<string> CsvAsync(IPage page)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("transcript-csv").ClickAsync());
        download.SuggestedFilename.ShouldEndWith(".csv");
        return Encoding.UTF8.GetString(await File.ReadAllBytesAsync((await download.PathAsync())!));
    }
}
