using System.Text.Json;
using Cme.Testing;
using Cme.Web.Tests.Attendance;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// A screen reader switches voice for text in the other language: on English pages every Chinese name or
/// title sits inside an element whose lang is Chinese; on Chinese pages a Latin name sits in lang="en".
/// </summary>
public sealed class LanguageMarkingTests(WebStack stack) : IClassFixture<WebStack>
{
    /// <summary>Every text with Chinese characters under a root, and those whose nearest lang is not Chinese.</summary>
    private const string ChineseTexts = """
        root => {
          const all = [], unmarked = [];
          const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
          while (walker.nextNode()) {
            const text = walker.currentNode.textContent.trim();
            if (!/[\u3400-\u9fff]/.test(text)) continue;
            all.push(text);
            const lang = walker.currentNode.parentElement.closest('[lang]')?.getAttribute('lang') ?? '';
            if (!lang.startsWith('zh')) unmarked.push(text);
          }
          return { all, unmarked };
        }
        """;

    [Fact]
    public async Task EnglishPages_MarkChineseNamesAndTitles_AsChinese()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offeringId = await arrange.OfferingAsync("E2E 心电图判读班");
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await Assertions.Expect(admin.GetByTestId("logout")).ToBeVisibleAsync();

        await admin.GotoAsync("/admin/trainers");
        await admin.GetByTestId("lang-switch-en").ClickAsync();
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var chen = admin.Locator("[data-testid=trainer-row]", new() { HasText = "Chen Xiaoyan" });
        await Assertions.Expect(chen.Locator("[lang^=zh]", new() { HasText = "陈晓燕" })).ToHaveCountAsync(1);
        await ShouldAllBeMarkedChinese(admin.GetByTestId("trainers-table"), "/admin/trainers");

        await admin.GotoAsync("/admin/offerings");
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "en");
        var offering = admin.Locator("[data-testid=offering-row]", new() { HasText = "E2E 心电图判读班" });
        await Assertions.Expect(offering.Locator("[lang^=zh]", new() { HasText = "E2E 心电图判读班" })).ToHaveCountAsync(1);
        await ShouldAllBeMarkedChinese(admin.GetByTestId("offerings-table"), "/admin/offerings");

        // The offering's own page: the class's Chinese title and host under its heading.
        await admin.GotoAsync($"/offerings/{offeringId}");
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(admin.GetByTestId("offering-title-text").Locator("[lang^=zh]", new() { HasText = "E2E 心电图判读班" })).ToHaveCountAsync(1);
        await ShouldAllBeMarkedChinese(admin.GetByTestId("offering-title-text"), $"/offerings/{offeringId}");
    }

    [Fact]
    public async Task ChinesePages_MarkLatinNames_AsEnglish_AndLeaveChineseUnmarked()
    {
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(admin.GetByTestId("logout")).ToBeVisibleAsync();
        await admin.GotoAsync("/admin/trainers");
        await Assertions.Expect(admin.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");

        var chen = admin.Locator("[data-testid=trainer-row]", new() { HasText = "陈晓燕" });
        await Assertions.Expect(chen.Locator("[lang=en]")).ToHaveTextAsync("Chen Xiaoyan");
        await Assertions.Expect(chen.Locator("[lang]")).ToHaveCountAsync(1); // the Chinese name is in the page's language
        var rows = await admin.GetByTestId("trainer-row").CountAsync();
        rows.ShouldBeGreaterThan(0);
        (await admin.Locator("[data-testid=trainer-row] [lang=en]").CountAsync()).ShouldBe(rows, "each trainer's Latin name");
    }

    private static async Task ShouldAllBeMarkedChinese(ILocator root, string path)
    {
        var texts = await root.EvaluateAsync<JsonElement>(ChineseTexts);
        var all = texts.GetProperty("all").EnumerateArray().Select(t => t.GetString()).ToList();
        var unmarked = texts.GetProperty("unmarked").EnumerateArray().Select(t => t.GetString()).ToList();
        all.ShouldNotBeEmpty($"{path} should show Chinese names");
        unmarked.ShouldBeEmpty($"Chinese text without lang=zh on {path}:\n" + string.Join("\n", unmarked));
    }
}
