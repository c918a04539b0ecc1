using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Offerings;

public sealed class EnrolmentAndCalendarTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    [Fact]
    public async Task Gp_EnrolsAndFindsTheSessionInTheirCalendarFeed_WhichFollowsAReschedule()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(regions: ["武侯区"]);
        var start = OfferingSetup.NextMonth(8, 14);
        var session = await setup.SessionAsync(offering, start, title: "胸痛病例讨论");
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var enrolled = await (await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>();
        var feed = await (await gp.PostAsync("/api/v1/me/calendar-feed", null)).Content.ReadFromJsonAsync<JsonElement>();
        // The link names the web front end's public address, which passes /calendar/… on to this API's /api/v1/calendar/….
        var feedUrl = new Uri(feed.GetProperty("url").GetString()!);
        feedUrl.GetLeftPart(UriPartial.Authority).ShouldBe("http://127.0.0.1:5090");
        feedUrl.AbsolutePath.ShouldStartWith("/calendar/");
        var feedPath = "/api/v1" + feedUrl.AbsolutePath;
        var anonymous = api.CreateClient();
        var before = await ICalendarParser.ParseAsync(await anonymous.GetStringAsync(feedPath));

        enrolled.GetProperty("status").GetString().ShouldBe("Enrolled");
        var ev = before.Single(e => e.Uid.StartsWith(session.ToString()));
        ev.Summary.ShouldStartWith("胸痛病例讨论");
        ev.Start.ShouldBe(new DateTimeOffset(start, TimeSpan.FromHours(8)));
        ev.End.ShouldBe(new DateTimeOffset(start.AddHours(2), TimeSpan.FromHours(8)));

        (await setup.Admin.PutAsJsonAsync($"/api/v1/sessions/{session}", new
        {
            session = new { title = "胸痛病例讨论", type = "CaseDiscussion", startsAtLocal = start.AddDays(1), endsAtLocal = start.AddDays(1).AddHours(2), place = "华西医院 教学楼 201" },
            reason = "专家门诊调整",
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var after = (await ICalendarParser.ParseAsync(await anonymous.GetStringAsync(feedPath))).Single(e => e.Uid == ev.Uid);
        var single = await ICalendarParser.ParseAsync(await gp.GetStringAsync($"/api/v1/sessions/{session}/calendar.ics"));

        after.Start.ShouldBe(ev.Start.AddDays(1));
        after.Sequence.ShouldBeGreaterThan(ev.Sequence);
        single.Single().Uid.ShouldBe(ev.Uid);
        var changes = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}")).GetProperty("sessions")[0].GetProperty("changes");
        changes[0].GetProperty("kind").GetString().ShouldBe("Rescheduled");
        changes[0].GetProperty("reason").GetString().ShouldBe("专家门诊调整");
    }

    [Fact]
    public async Task CalendarFeed_RevokedOrUnknown_Is404_AndCancelledSessionsSayCancelled()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, OfferingSetup.NextMonth(9, 9));
        var learner = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        await learner.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var feed = await (await learner.PostAsync("/api/v1/me/calendar-feed", null)).Content.ReadFromJsonAsync<JsonElement>();
        var path = "/api/v1" + new Uri(feed.GetProperty("url").GetString()!).AbsolutePath;
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "讲者因病" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var cancelled = (await ICalendarParser.ParseAsync(await api.CreateClient().GetStringAsync(path))).Single();
        (await learner.DeleteAsync("/api/v1/me/calendar-feed")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        cancelled.Status.ShouldBe("CANCELLED");
        (await api.CreateClient().GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await api.CreateClient().GetAsync(path.Replace(path[^10..^4], "0000000000"))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enrol_OutsideTheAudienceOrAfterTheWindow_IsRefusedWithAReason()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var elsewhere = await setup.OfferingAsync(regions: ["青羊区"]);
        var closed = await setup.OfferingAsync(closes: DateTimeOffset.UtcNow.AddMinutes(-5));
        var gp = await api.SignedInClientAsync(Demo.Trainer);

        var audience = await gp.PostAsync($"/api/v1/offerings/{elsewhere}/enrol", null);
        var window = await gp.PostAsync($"/api/v1/offerings/{closed}/enrol", null);

        audience.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await audience.Content.ReadAsStringAsync()).ShouldContain("audience");
        window.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await window.Content.ReadAsStringAsync()).ShouldContain("closed");
    }

    [Fact]
    public async Task TrainTheTrainer_CompletionMakesACandidate_ThatTheOfficeApprovesIntoThePool()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(course: "ENDO-HYPO-01", qualifiesTrainers: true);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var enrolment = (await (await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        (await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "考核合格" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var candidate = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/trainers/candidates")).EnumerateArray()
            .Single(c => c.GetProperty("offeringId").GetGuid() == offering);
        var approved = await setup.Admin.PostAsJsonAsync($"/api/v1/trainers/candidates/{candidate.GetProperty("id").GetGuid()}/approve",
            new { specialties = new[] { "endocrinology" }, level = "Associate", qualifiedUntil = "2028-12-31", maxSessionsPerMonth = 2 });

        candidate.GetProperty("nameZh").GetString().ShouldBe("王芳");
        approved.StatusCode.ShouldBe(HttpStatusCode.OK, await approved.Content.ReadAsStringAsync());
        var pool = await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/trainers");
        pool.EnumerateArray().ShouldContain(t => t.GetProperty("nameZh").GetString() == "王芳" && t.GetProperty("level").GetString() == "Associate");
        var relogged = await api.SignedInClientAsync(Demo.Gp);
        (await relogged.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldContain("Trainer");
    }

    [Fact]
    public async Task DemoConsortium_HasATrainerPoolAndTheGpsScheduleShowsTheChestPainClass()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var trainer = await api.SignedInClientAsync(Demo.Trainer);

        var schedule = await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/schedule");
        var teaching = await trainer.GetFromJsonAsync<JsonElement>("/api/v1/me/schedule");

        schedule.EnumerateArray().Select(s => s.GetProperty("title").GetString()).ShouldContain("胸痛的识别与心电图判读");
        teaching.EnumerateArray().Where(s => s.GetProperty("role").GetString() == "Trainer").Count().ShouldBe(2);
    }
}
