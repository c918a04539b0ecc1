using System.Text.RegularExpressions;
using Cme.Infrastructure.Scheduling;
using Cme.Testing;
using Hangfire;
using Hangfire.States;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Cme.Web.Tests;

/// <summary>
/// Hangfire's dashboard through the Web, as the CME office meets it: from the administration menu, in
/// Chinese, with the recurring jobs, the servers of two API instances, and a failed run retried and another
/// deleted; refused to every other role and to anonymous callers, and to posts from another site.
/// </summary>
public sealed partial class JobDashboardTests(SchedulerWebStack stack) : IClassFixture<SchedulerWebStack>
{
    [Fact]
    public async Task CmeAdmin_OpensTheDashboardFromTheMenu_SeesJobsAndBothInstances_RetriesAndDeletesFailedRuns()
    {
        // A second API instance with the scheduler on, over the same database: a two-instance run.
        await using var second = new SecondApiInstance(stack.ApiConnectionString);
        _ = second.Services;

        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        var blocked = new List<string>();
        admin.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
                blocked.Add(message.Text);
        };
        admin.Dialog += (_, dialog) => dialog.AcceptAsync();

        await admin.GetByTestId("nav-job-dashboard").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/hangfire$"));
        // Hangfire's own texts in the reader's language: its menu's "Recurring jobs".
        await Assertions.Expect(admin.Locator(".navbar")).ToContainTextAsync("周期性作业");

        await admin.Locator(".navbar a[href='/admin/hangfire/recurring']").ClickAsync();
        var titles = JobCatalog.Jobs(new ConfigurationBuilder().Build()).Select(j => j.TitleZh).ToList();
        titles.Count.ShouldBe(4);
        foreach (var title in titles)
            await Assertions.Expect(admin.Locator("table").GetByText(title)).ToBeVisibleAsync();

        await admin.Locator(".navbar a[href='/admin/hangfire/servers']").ClickAsync();
        foreach (var server in (string[])["web-a:jobs", "web-a:outbox", "web-b:jobs", "web-b:outbox"])
            await Assertions.Expect(admin.Locator("table")).ToContainTextAsync(server, new() { IgnoreCase = true, Timeout = 30_000 });

        // Two failed runs: one whose stored class no longer exists (its payload does not deserialise), one that
        // failed once and will succeed when retried.
        var client = stack.Api.Services.GetRequiredService<IBackgroundJobClient>();
        var sweep = JobCatalog.Find(new ConfigurationBuilder().Build(), JobCatalog.CompletionSweep)!;
        var broken = client.Create(sweep.Job(), new ScheduledState(TimeSpan.FromDays(1)));
        await using (var connection = new NpgsqlConnection(stack.ApiConnectionString))
        {
            await connection.OpenAsync();
            await using var rename = new NpgsqlCommand(
                "UPDATE hangfire.job SET invocationdata = replace(invocationdata::text, 'CompletionSweepJob', 'RetiredSweepJob')::jsonb WHERE id = @id",
                connection);
            rename.Parameters.AddWithValue("id", long.Parse(broken));
            (await rename.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        // Hangfire cannot load it, so instead of the queue it goes to the failed list (the answer is "not enqueued").
        client.ChangeState(broken, new EnqueuedState(JobCatalog.DefaultQueue), ScheduledState.StateName).ShouldBeFalse();
        var retryable = client.Create(sweep.Job(), new FailedState(new TimeoutException("The database did not answer in time.")));

        // The project's jobs page, in Chinese, lists the failed runs and leads to the dashboard's failed page.
        await admin.GotoAsync("/admin/jobs");
        var dispatcher = admin.Locator("[data-testid=job-row][data-job=outbox-dispatcher]");
        await Assertions.Expect(dispatcher).ToContainTextAsync("通知发送");
        await Assertions.Expect(dispatcher.GetByTestId("job-schedule")).ToContainTextAsync("每秒");
        await Assertions.Expect(admin.GetByTestId("server-row")).ToHaveCountAsync(4);
        await Assertions.Expect(admin.GetByTestId("failed-run-row")).ToHaveCountAsync(2);
        await admin.GetByTestId("jobs-dashboard-failed").ClickAsync();
        await Assertions.Expect(admin).ToHaveURLAsync(new Regex("/admin/hangfire/jobs/failed$"));
        var brokenRow = admin.Locator($"input.js-jobs-list-checkbox[value='{broken}']");
        var retryableRow = admin.Locator($"input.js-jobs-list-checkbox[value='{retryable}']");
        await Assertions.Expect(brokenRow).ToBeVisibleAsync();
        await Assertions.Expect(retryableRow).ToBeVisibleAsync();

        // Retry: the run goes back to its queue, is worked (the broken one did not block it) and succeeds.
        await retryableRow.CheckAsync();
        await admin.Locator("button.js-jobs-list-command[data-url$='/failed/requeue']").ClickAsync();
        await Assertions.Expect(retryableRow).ToHaveCountAsync(0);
        await admin.GotoAsync($"/admin/hangfire/jobs/details/{retryable}");
        // Its history, newest first, ends in success (Hangfire names states in English, even on its Chinese pages).
        var succeeded = admin.Locator("h4", new() { HasText = "Succeeded" });
        for (var i = 0; i < 60 && !await succeeded.IsVisibleAsync(); i++)
        {
            await Task.Delay(500);
            await admin.ReloadAsync();
        }
        await Assertions.Expect(succeeded).ToBeVisibleAsync();

        // Delete: the broken run leaves the failed list and shows among the deleted.
        await admin.GotoAsync("/admin/hangfire/jobs/failed");
        await brokenRow.CheckAsync();
        await admin.Locator("button.js-jobs-list-command[data-url$='/failed/delete']").ClickAsync();
        await Assertions.Expect(brokenRow).ToHaveCountAsync(0);
        await admin.GotoAsync("/admin/hangfire/jobs/deleted");
        // Hangfire's "target method not found": the run names no job, since its class is gone.
        await Assertions.Expect(admin.Locator($"a.job-method[href='/admin/hangfire/jobs/details/{broken}']")).ToHaveTextAsync("找不到目标方法。");

        blocked.ShouldBeEmpty();
    }

    [Fact]
    public async Task TheDashboard_IsRefusedToAGp_ToAnonymousCallers_AndToPostsFromAnotherSite()
    {
        var gp = await stack.SignInAsync(Demo.Gp, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(gp.GetByTestId("logout")).ToBeVisibleAsync();
        var refused = await gp.GotoAsync("/admin/hangfire");
        refused!.Status.ShouldBe(403);
        await Assertions.Expect(gp.GetByTestId("status-title")).ToHaveTextAsync("无权访问");
        (await gp.ContentAsync()).ShouldNotContain("hangfire", Case.Insensitive);
        (await gp.Context.APIRequest.GetAsync("/admin/hangfire/recurring", new() { MaxRedirects = 0 })).Status.ShouldBe(403);

        var anonymous = await stack.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = stack.WebUrl, Locale = "zh-CN" });
        var stranger = await anonymous.NewPageAsync();
        await stranger.GotoAsync("/admin/hangfire/servers");
        await Assertions.Expect(stranger).ToHaveURLAsync(new Regex("/login\\?ReturnUrl=%2Fadmin%2Fhangfire%2Fservers$"));
        await Assertions.Expect(stranger.GetByTestId("login-email")).ToBeVisibleAsync();

        // The CME office's cookie goes along, but the post comes from another site: refused before the API sees it.
        var admin = await stack.SignInAsync(Demo.CmeAdmin, CmeDatabase.DemoPassword, new BrowserNewContextOptions { Locale = "zh-CN" });
        await Assertions.Expect(admin.GetByTestId("logout")).ToBeVisibleAsync();
        var form = admin.Context.APIRequest.CreateFormData();
        form.Append("jobs[]", "1");
        var forged = await admin.Context.APIRequest.PostAsync("/admin/hangfire/jobs/failed/delete", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = "https://elsewhere.example" },
            Form = form,
            MaxRedirects = 0,
        });
        forged.Status.ShouldBe(403);
        // The Web's own page (its menu links to the dashboard), not Hangfire's.
        var answer = await forged.TextAsync();
        answer.ShouldContain("无权访问");
        answer.ShouldNotContain("/admin/hangfire/js", Case.Insensitive);
        var sameSite = await admin.Context.APIRequest.PostAsync("/admin/hangfire/stats", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = stack.WebUrl },
            Form = admin.Context.APIRequest.CreateFormData(),
            MaxRedirects = 0,
        });
        sameSite.Status.ShouldBe(200);
    }

    /// <summary>Another Cme.Api process over the stack's database, with the scheduler on (its servers are web-b:…).</summary>
    private sealed class SecondApiInstance(string connectionString) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Testing");
            builder.UseSetting("ConnectionStrings:Cme", connectionString);
            builder.UseSetting("Cme:SeedDemoData", "false");
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            foreach (var (key, value) in SchedulerWebStack.SchedulerSettings)
                builder.UseSetting(key, value);
            builder.UseSetting("Cme:Scheduler:InstanceName", "web-b");
        }
    }
}
