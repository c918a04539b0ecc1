using System.Globalization;
using Cme.Testing;
using Microsoft.Playwright;

namespace Cme.Web.Tests;

/// <summary>
/// An administrator runs an offering with a session and a trainer from the pool; a GP enrols, sees
/// the session in their schedule and takes the calendar link to their calendar app (read here by ical.js).
/// </summary>
public sealed class OfferingJourneyTests(WebStack stack) : IClassFixture<WebStack>
{
    [Fact]
    public async Task Admin_RunsAnOffering_Gp_Enrols_AndFindsTheSessionInTheirCalendarFeed()
    {
        var admin = await stack.SignInAsync(Demo.CmeAdmin);
        await admin.GotoAsync("/admin/offerings/new");
        var course = await admin.Locator("[data-testid=offering-course] option", new() { HasText = "CARD-CP-01" }).GetAttributeAsync("value");
        await admin.GetByTestId("offering-course").SelectOptionAsync(course!);
        await admin.GetByTestId("offering-title").FillAsync("E2E 胸痛工作坊");
        var host = await admin.Locator("[data-testid=offering-host] option", new() { HasText = "华西医院" }).First.GetAttributeAsync("value");
        await admin.GetByTestId("offering-host").SelectOptionAsync(host!);
        await admin.GetByTestId("offering-capacity").FillAsync("20");
        var todayInChengdu = DateTime.UtcNow.AddHours(8).Date;
        await admin.GetByTestId("offering-opens").FillAsync(todayInChengdu.ToString("yyyy-MM-dd'T'00:00", CultureInfo.InvariantCulture));
        await admin.GetByTestId("offering-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("session-save")).ToBeVisibleAsync();

        var day = DateTime.Today.AddMonths(1);
        day = new DateTime(day.Year, day.Month, 15);
        await admin.GetByTestId("session-title").FillAsync("心电图判读工作坊");
        await admin.GetByTestId("session-type").SelectOptionAsync("Workshop");
        await admin.GetByTestId("session-date").FillAsync(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await admin.GetByTestId("session-start").FillAsync("14:00");
        await admin.GetByTestId("session-end").FillAsync("16:30");
        await admin.GetByTestId("session-place").FillAsync("华西医院 第八教学楼 302");
        await admin.GetByTestId("session-save").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("session-row")).ToHaveCountAsync(1);

        await admin.GetByTestId("session-trainers-link").ClickAsync();
        var best = admin.Locator("[data-testid=suggestion-row][data-eligible=true]").First;
        await Assertions.Expect(best).ToContainTextAsync("陈晓燕"); // the demo cardiologist: specialty match, free that month
        await best.GetByTestId("assign").ClickAsync();
        await Assertions.Expect(admin.GetByTestId("assigned-trainer")).ToContainTextAsync("陈晓燕");

        var gp = await stack.SignInAsync(Demo.Gp);
        await gp.GotoAsync("/offerings");
        await gp.GetByTestId("open-offering").Filter(new() { HasText = "E2E 胸痛工作坊" }).GetByTestId("open-offering-link").ClickAsync();
        await gp.GetByTestId("enrol").ClickAsync();
        await Assertions.Expect(gp.GetByTestId("enrol-status")).ToHaveAttributeAsync("data-status", "Enrolled");

        await gp.GotoAsync("/schedule");
        await Assertions.Expect(gp.GetByTestId("schedule-item").Filter(new() { HasText = "心电图判读工作坊" })).ToHaveCountAsync(1);
        await gp.GetByTestId("feed-create").ClickAsync();
        var feedUrl = (await gp.GetByTestId("feed-url").InputValueAsync()).Trim();

        using var calendarApp = new HttpClient();
        var events = await ICalendarParser.ParseAsync(await calendarApp.GetStringAsync(feedUrl));
        var workshop = events.Single(e => e.Summary.StartsWith("心电图判读工作坊", StringComparison.Ordinal));
        workshop.Start.ShouldBe(new DateTimeOffset(day.AddHours(14), TimeSpan.FromHours(8)));
        workshop.End.ShouldBe(new DateTimeOffset(day.AddHours(16).AddMinutes(30), TimeSpan.FromHours(8)));
        workshop.Location!.ShouldContain("第八教学楼 302");
    }
}
