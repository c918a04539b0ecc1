using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Offerings;

public sealed class TrainerAssignmentTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static async Task<List<string>> ProblemsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
        return [.. (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("problems").EnumerateArray().Select(p => p.GetProperty("check").GetString()!)];
    }

    [Fact]
    public async Task Assign_NamesEveryFailedCheck()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var day = OfferingSetup.NextMonth(10, 14);
        var first = await setup.SessionAsync(offering, day);
        var overlapping = await setup.SessionAsync(offering, day.AddMinutes(60));
        var cardiologist = await setup.TrainerAsync(["cardiology"], DateOnly.FromDateTime(day.AddYears(1)), maxPerMonth: 1);
        var endocrinologist = await setup.TrainerAsync(["endocrinology"], DateOnly.FromDateTime(day.AddDays(-1)),
            unavailable: [new { from = day.AddHours(-8).AddDays(-1), to = day.AddDays(2), reason = "出差" }]);

        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{first}/trainers", new { trainerId = cardiologist })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var clash = await ProblemsAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{overlapping}/trainers", new { trainerId = cardiologist }));
        var wrong = await ProblemsAsync(await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{first}/trainers", new { trainerId = endocrinologist }));

        clash.ShouldBe(["overlap", "monthly-limit"], ignoreOrder: true);
        wrong.ShouldBe(["specialty", "qualification", "unavailable"], ignoreOrder: true);
    }

    [Fact]
    public async Task Assign_AtAnotherInstitution_NeedsTheTravelBuffer()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var day = OfferingSetup.NextMonth(12, 9);
        var morning = await setup.SessionAsync(offering, day, minutes: 120, institution: "WCH");
        var tooSoonElsewhere = await setup.SessionAsync(offering, day.AddMinutes(150), institution: "CHSC-FC");
        var laterElsewhere = await setup.SessionAsync(offering, day.AddMinutes(200), institution: "CHSC-YL");
        var trainer = await setup.TrainerAsync(["cardiology", "general-practice"], DateOnly.FromDateTime(day.AddYears(1)), maxPerMonth: 10);
        await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{morning}/trainers", new { trainerId = trainer });

        var tooSoon = await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{tooSoonElsewhere}/trainers", new { trainerId = trainer });
        var later = await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{laterElsewhere}/trainers", new { trainerId = trainer });

        (await ProblemsAsync(tooSoon)).ShouldBe(["overlap"]);
        later.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task Suggestions_RankEligibleSpecialistsFirst()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, OfferingSetup.NextMonth(20, 14));
        var nurse = await setup.TrainerAsync(["nursing"], new DateOnly(2099, 1, 1));
        var cardiologist = await setup.TrainerAsync(["cardiology"], new DateOnly(2099, 1, 1), institution: "CHSC-MZW");

        var suggestions = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/trainer-suggestions")).EnumerateArray()
            .Select(s => (Id: s.GetProperty("trainerId").GetGuid(), Eligible: s.GetProperty("eligible").GetBoolean(),
                Match: s.GetProperty("specialtyMatch").GetBoolean(), Load: s.GetProperty("sessionsThatMonth").GetInt32())).ToList();

        suggestions.Single(s => s.Id == cardiologist).Eligible.ShouldBeTrue();
        suggestions.Single(s => s.Id == nurse).Eligible.ShouldBeFalse();
        var ranks = suggestions.Select(s => (s.Eligible ? 0 : 1, s.Match ? 0 : 1, s.Load)).ToList();
        ranks.ShouldBe(ranks.Order().ToList(), "eligible first, then specialty match, then the fewest sessions that month");
    }

    [Fact]
    public async Task Session_EndingBeforeItStarts_Gets400AndIsNotSaved()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = OfferingSetup.NextMonth(5, 10);

        var response = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/sessions", new
        {
            title = "倒着的课", type = "Lecture", startsAtLocal = start, endsAtLocal = start.AddHours(-1), place = "某地",
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("session.ends-before-start");
        (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}")).GetProperty("sessions").GetArrayLength().ShouldBe(0);
    }
}
