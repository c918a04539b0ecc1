using Cme.Application.Attendance;
using Cme.Application.Certificates;
using Cme.Infrastructure.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Cme.Web.Tests.Journeys;

/// <summary>
/// The whole system for journeys across time: the test moves the hosts' one <see cref="WebStack.Clock"/>
/// forward and then runs what the job scheduler would have run in that time
/// (<see cref="RunScheduledJobsAsync"/>), instead of sleeping. The job servers stay off here: Hangfire
/// schedules by the real time, so after a jump the jobs would run only at their next real occurrence,
/// and a journey would wait on it; that the servers run these jobs by themselves is tested with real
/// time in Cme.Api.Tests (CompletionSweepTests, ClusteredSchedulerTests, CertificateJobTests).
/// </summary>
public sealed class JourneyStack : WebStack
{
    public string MailDirectory { get; } = Path.Combine(Path.GetTempPath(), $"cme-journey-mail-{Guid.NewGuid():N}");

    protected override IReadOnlyDictionary<string, string?> ApiSettings => new Dictionary<string, string?>
    {
        ["Cme:Email:PickupDirectory"] = MailDirectory,
    };

    /// <summary>One period of the scheduler: settle ended offerings, issue certificates, plan reminders, send the outbox.</summary>
    public async Task RunScheduledJobsAsync()
    {
        var services = Api.Services;
        await services.GetRequiredService<CompletionSweep>().RunOnceAsync(CancellationToken.None);
        await services.GetRequiredService<CertificateWork>().RunOnceAsync(CancellationToken.None);
        await services.GetRequiredService<ReminderPlanner>().PlanAsync(CancellationToken.None);
        await services.GetRequiredService<OutboxDispatcher>().DispatchAsync("journey", CancellationToken.None);
    }

    /// <summary>A new browser context in Chinese (the default language), signed in as this demo account.</summary>
    public async Task<IPage> SignInChineseAsync(string email, ViewportSize? viewport = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = WebUrl, Locale = "zh-CN", ViewportSize = viewport });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(Cme.Testing.CmeDatabase.DemoPassword);
        await page.GetByTestId("login-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("home-greeting")).ToBeVisibleAsync();
        return page;
    }
}
