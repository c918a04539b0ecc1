using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// A Chinese reader meets no English sentence: signed in as each demo role with a Chinese browser (the
/// Web's default language), every page reachable from the menus (and the pages they lead to) is opened and
/// every visible text read.
/// </summary>
public sealed class LanguageCrawlTests(WebStack stack) : IClassFixture<WebStack>
{
    private async Task<LatinSentenceRule> RuleAsync()
    {
        // People's names in Latin letters are data, not sentences.
        var admin = await stack.ApiClientAsync(Demo.CmeAdmin);
        var names = new List<string>();
        for (var page = 1; ; page++)
        {
            var list = await admin.GetFromJsonAsync<JsonElement>($"api/v1/professionals?page={page}&pageSize=100");
            var items = list.GetProperty("items").EnumerateArray().ToList();
            names.AddRange(items.Select(i => i.GetProperty("nameLatin").GetString() ?? ""));
            if (items.Count < 100)
                break;
        }
        names.ShouldNotBeEmpty();
        return new LatinSentenceRule(names);
    }

    [Theory]
    [InlineData(Demo.Gp)]
    [InlineData(Demo.Author)]
    [InlineData(Demo.Trainer)]
    [InlineData(Demo.CmeAdmin)]
    [InlineData(Demo.InstitutionAdmin)]
    public async Task EveryMenuPage_InChinese_HasNoEnglishSentence(string email)
    {
        var rule = await RuleAsync();
        var page = await stack.SignInAsync(email, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(page.GetByTestId("logout")).ToBeVisibleAsync();

        var pages = await PageCrawl.CrawlAsync(page);
        await page.Context.CloseAsync();

        pages.Count.ShouldBeGreaterThanOrEqualTo(5, "the menus should lead somewhere");
        pages.ShouldAllBe(p => p.Texts.Count > 0);
        var offences = pages.SelectMany(p => p.Texts.Where(rule.IsLatinSentence).Distinct().Select(t => $"{p.Path}: {t}")).ToList();
        offences.ShouldBeEmpty($"English on zh-CN pages for {email}:\n" + string.Join("\n", offences));
    }

    [Theory]
    [InlineData("请先登录。", false)]
    [InlineData("Sign in to continue", true)]
    [InlineData("Wang Fang", false)]
    [InlineData("gp@demo.cme", false)]
    [InlineData("CARD-CP-01 · WCH", false)]
    [InlineData("QR CSV PDF", false)]
    [InlineData("90 min", false)]
    [InlineData("webcal://cme.example/cal/abc.ics", false)]
    [InlineData("needs 25 more credits (0 of 25)", true)]
    public void TheRule_AllowsNamesCodesAndAddresses_AndCatchesSentences(string text, bool sentence)
    {
        new LatinSentenceRule(["Wang Fang"]).IsLatinSentence(text).ShouldBe(sentence);
    }
}
