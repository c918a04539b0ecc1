using System.Net.Http.Json;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Attendance;

/// <summary>The CME office sees from one page who in a class still needs what, and reminds them in one click.</summary>
public sealed class OfferingLearnersTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task CmeAdmin_SeesTheLearnerMissingTheEvaluation_FiltersToThem_AndRemindsThem()
    {
        var arrange = await OfferingArrangement.StartAsync(stack);
        var offering = await arrange.OfferingAsync("E2E 学员随访班", minAttendance: null, evaluationRequired: true);
        await arrange.EnrolAsync(offering, Demo.Gp);
        await arrange.EnrolAsync(offering, Demo.Author);
        using (var gp = await stack.ApiClientAsync(Demo.Gp))
        {
            var evaluated = await gp.PostAsJsonAsync($"api/v1/offerings/{offering}/evaluation",
                new { content = 5, relevance = 5, teaching = 4, organisation = 4, comments = "很实用" });
            evaluated.IsSuccessStatusCode.ShouldBeTrue(await evaluated.Content.ReadAsStringAsync());
        }

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await admin.GotoAsync($"/admin/offerings/{offering}");

        var rows = admin.GetByTestId("learner-row");
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        var done = rows.Filter(new() { HasText = "王芳" });
        await Assertions.Expect(done.GetByTestId("learner-completion")).ToContainTextAsync("已完成");
        await Assertions.Expect(done.GetByTestId("learner-evaluation")).ToHaveTextAsync("已评价");
        var owing = rows.Filter(new() { HasText = "李志强" });
        await Assertions.Expect(owing.GetByTestId("learner-evaluation")).ToHaveTextAsync("缺少课程评价");
        await Assertions.Expect(owing.GetByTestId("learner-reason")).ToHaveTextAsync(["尚需提交课程评价"]);
        await Assertions.Expect(admin.GetByTestId("learners-counts")).ToHaveTextAsync("共 2 人 · 尚未完成 1 人 · 缺少课程评价 1 人");

        await admin.GetByTestId("learners-filter").Filter(new() { HasText = "缺少课程评价" }).ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows).ToContainTextAsync("李志强");
        await Assertions.Expect(admin.GetByTestId("learners-remind-hint")).ToContainTextAsync("将提醒 1 位");

        await admin.GetByTestId("learners-remind").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("offering-done")).ToHaveTextAsync("已提醒 1 位学员。");
        await Assertions.Expect(rows).ToHaveCountAsync(1);
        await Assertions.Expect(rows.GetByTestId("learner-reminded")).ToHaveTextAsync("今日已提醒");
        await Assertions.Expect(admin.GetByTestId("learners-remind")).ToBeDisabledAsync();
    }
}
