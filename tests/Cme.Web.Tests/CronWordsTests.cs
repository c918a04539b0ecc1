extern alias web;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using web::Cme.Web.Components.Pages.Admin.Jobs;

namespace Cme.Web.Tests;

/// <summary>The jobs page says a job's schedule in words for the schedules the system writes, and shows any other as it is.</summary>
public sealed class CronWordsTests
{
    private static readonly IStringLocalizer Chinese = new ResourceManagerStringLocalizerFactory(
            Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance)
        .Create(typeof(web::Cme.Web.SharedResource));

    [Theory]
    [InlineData("*/10 * * * * *", "每 10 秒")]
    [InlineData("*/1 * * * * *", "每秒")]
    [InlineData("* * * * *", "每分钟")]
    [InlineData("0 * * * * *", "每分钟")]
    [InlineData("*/5 * * * *", "每 5 分钟")]
    [InlineData("30 2 * * *", "每天 02:30（协调世界时）")]
    [InlineData("0 9 * * 1", null)]
    [InlineData("not a cron", null)]
    public void Describe_InChinese(string cron, string? words)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            CronWords.Describe(cron, Chinese).ShouldBe(words);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
