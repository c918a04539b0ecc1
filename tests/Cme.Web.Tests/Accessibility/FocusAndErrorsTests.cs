using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Accessibility;

/// <summary>
/// A keyboard user sees where focus is (a ring of at least 3:1 against what is behind it, the navy bar
/// included); after a form post focus lands on what happened; a field in error is announced as such.
/// </summary>
public sealed class FocusAndErrorsTests(WebStack stack) : IClassFixture<WebStack>
{
    // The focused element's ring colour against the colour behind it (its ancestors' backgrounds, laid
    // over one another), as the WCAG contrast ratio. Run on document.activeElement.
    private const string RingContrastScript = """
        () => {
          const el = document.activeElement;
          const parse = c => { const m = c.match(/rgba?\(([^)]+)\)/); const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
          const over = (top, under) => ({ r: top.r * top.a + under.r * (1 - top.a), g: top.g * top.a + under.g * (1 - top.a), b: top.b * top.a + under.b * (1 - top.a), a: 1 });
          const chain = []; for (let n = el.parentElement; n; n = n.parentElement) chain.unshift(n);
          let behind = { r: 255, g: 255, b: 255, a: 1 };
          for (const n of chain) behind = over(parse(getComputedStyle(n).backgroundColor), behind);
          const style = getComputedStyle(el);
          const ring = parse(style.outlineColor);
          const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
          const a = lum(over(ring, behind)), b = lum(behind);
          return { visible: el.matches(':focus-visible'), style: style.outlineStyle, width: parseFloat(style.outlineWidth),
                   ratio: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), testId: el.dataset.testid ?? '' };
        }
        """;

    // The form's fields, every id an aria-describedby names, and those that name nothing on the page.
    private const string DescribedByScript = """
        () => {
          const ids = [...document.querySelectorAll('[aria-describedby]')].flatMap(el => el.getAttribute('aria-describedby').split(/\s+/).filter(Boolean));
          const fields = document.querySelectorAll('main form[method=post] input:not([type=hidden]), main form[method=post] select, main form[method=post] textarea').length;
          return { fields, count: ids.length, missing: ids.filter(id => !document.getElementById(id)) };
        }
        """;

    // The smallest valid PNG, as evidence: the API checks evidence by its bytes.
    private static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private sealed class Ring
    {
        public bool Visible { get; set; }
        public string Style { get; set; } = "";
        public double Width { get; set; }
        public double Ratio { get; set; }
        public string TestId { get; set; } = "";
    }

    private sealed class DescribedBy
    {
        public int Fields { get; set; }
        public int Count { get; set; }
        public string[] Missing { get; set; } = [];
    }

    private static async Task<Ring> TabToAsync(IPage page, string testId, int maxPresses = 60)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid ?? null") == testId)
                return await page.EvaluateAsync<Ring>(RingContrastScript);
        }
        throw new InvalidOperationException($"{testId} was not reached in {maxPresses} Tab presses.");
    }

    private static void ShouldShowARingOfAtLeast3To1(Ring ring)
    {
        ring.Visible.ShouldBeTrue(ring.TestId);
        ring.Style.ShouldBe("solid", ring.TestId);
        ring.Width.ShouldBeGreaterThanOrEqualTo(2, ring.TestId);
        ring.Ratio.ShouldBeGreaterThanOrEqualTo(3, $"ring on {ring.TestId}");
    }

    private static Task<string?> FocusedTestIdAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => document.activeElement?.dataset.testid ?? document.activeElement?.tagName ?? null");

    [Fact]
    public async Task FocusRing_OnTheNavyBar_TheAdminRow_AndAFormButton_ContrastsAtLeast3To1()
    {
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GotoAsync("/admin/staff/new");
        await Assertions.Expect(admin.GetByTestId("staff-save")).ToBeVisibleAsync();

        // From the top of the page, by Tab only: the navy bar, the language switch on it, the darker
        // administration row, a text field and the save button on the white card.
        var rings = new List<Ring>();
        foreach (var testId in new[] { "nav-catalogue", "lang-switch-en", "nav-activity-review", "staff-name-zh", "staff-save" })
            rings.Add(await TabToAsync(admin, testId));
        rings.Count.ShouldBe(5);
        foreach (var ring in rings)
            ShouldShowARingOfAtLeast3To1(ring);
    }

    [Fact]
    public async Task PostingAFormWithAnError_FocusesTheSummary_MarksTheFieldInvalid_AndItsLinkLeadsToTheField()
    {
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await gp.GotoAsync("/credits/activities");
        var today = DateTime.UtcNow.AddHours(8).Date;
        string Day(DateTime day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await gp.GetByTestId("activity-title").FillAsync("E2E 焦点测试年会");
        await gp.GetByTestId("activity-start").FillAsync(Day(today));
        await gp.GetByTestId("activity-end").FillAsync(Day(today.AddDays(-2)));
        await gp.GetByTestId("activity-hours").FillAsync("6");
        await gp.GetByTestId("activity-credits").FillAsync("2");
        await gp.GetByTestId("activity-file").SetInputFilesAsync(new FilePayload { Name = "证书.png", MimeType = "image/png", Buffer = Png });
        await gp.GetByTestId("activity-submit").ClickAsync();

        var summary = gp.GetByTestId("form-error");
        await Assertions.Expect(summary).ToBeFocusedAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("role", "alert");
        await Assertions.Expect(gp.GetByTestId("activity-end")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(gp.GetByTestId("activity-end")).ToHaveAttributeAsync("aria-describedby", new System.Text.RegularExpressions.Regex(@"\bendDate-error\b"));
        await Assertions.Expect(gp.GetByTestId("activity-title")).Not.ToHaveAttributeAsync("aria-invalid", "true");

        var link = summary.Locator("a[href='#activity-end']");
        await Assertions.Expect(link).ToHaveCountAsync(1);
        await link.ClickAsync();
        await Assertions.Expect(gp.GetByTestId("activity-end")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task StaffForm_PostedEmpty_FocusesTheSummary_AndEveryDescribedByIdExists_OnThreeForms()
    {
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });

        // Before any error: the fields name error ids that are not there yet; none may dangle.
        foreach (var form in new[] { "/admin/staff/new", "/admin/institutions/new", "/admin/offerings/new" })
        {
            await admin.GotoAsync(form);
            await Assertions.Expect(admin.Locator("main form[method=post]").First).ToBeVisibleAsync();
            var described = await admin.EvaluateAsync<DescribedBy>(DescribedByScript);
            described.Fields.ShouldBeGreaterThan(3, form);
            described.Missing.ShouldBeEmpty(form);
            (await FocusedTestIdAsync(admin)).ShouldBe("BODY", $"a plain visit to {form} moves no focus");
        }

        await admin.GotoAsync("/admin/staff/new");
        await admin.GetByTestId("staff-institution").SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await admin.GetByTestId("staff-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("form-error")).ToBeFocusedAsync();
        await Assertions.Expect(admin.GetByTestId("error-nameZh")).ToBeVisibleAsync();
        await Assertions.Expect(admin.GetByTestId("staff-name-zh")).ToHaveAttributeAsync("aria-invalid", "true");
        await Assertions.Expect(admin.GetByTestId("form-error").Locator("a[href='#nameZh']")).ToHaveCountAsync(1);
        var afterPost = await admin.EvaluateAsync<DescribedBy>(DescribedByScript);
        afterPost.Count.ShouldBeGreaterThan(0);
        afterPost.Missing.ShouldBeEmpty();
    }

    [Fact]
    public async Task ASuccessfulPostThatRedirects_FocusesTheResultMessage_OrElseTheHeading()
    {
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await gp.GotoAsync("/credits/activities");
        var today = DateTime.UtcNow.AddHours(8).Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await gp.GetByTestId("activity-kind").SelectOptionAsync("Conference");
        await gp.GetByTestId("activity-title").FillAsync("E2E 焦点成功年会");
        await gp.GetByTestId("activity-start").FillAsync(today);
        await gp.GetByTestId("activity-end").FillAsync(today);
        await gp.GetByTestId("activity-hours").FillAsync("6");
        await gp.GetByTestId("activity-credits").FillAsync("2");
        await gp.GetByTestId("activity-class").SelectOptionAsync("II");
        await gp.GetByTestId("activity-file").SetInputFilesAsync(new FilePayload
        {
            Name = "证书.png", MimeType = "image/png",
            Buffer = Png,
        });
        await gp.GetByTestId("activity-submit").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("activities-done")).ToBeFocusedAsync();

        // A post whose answer has no message (the language switch redirects back): focus on the page's heading.
        await gp.GotoAsync("/credits/transcript");
        (await FocusedTestIdAsync(gp)).ShouldBe("BODY");
        await gp.GetByTestId("lang-switch-en").ClickAsync();
        await Assertions.Expect(gp.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(gp.Locator("main h1")).ToBeFocusedAsync();

        // A plain visit afterwards moves no focus.
        await gp.GetByTestId("nav-certificates").ClickAsync();
        await Assertions.Expect(gp).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/certificates"));
        (await FocusedTestIdAsync(gp)).ShouldBe("BODY");
    }
}
