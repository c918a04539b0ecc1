using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using static Cme.Api.Tests.Reports.ReportDataset;

namespace Cme.Api.Tests.Reports;

public sealed class DeliveryAndEffectivenessTests(ReportsApiFactory api) : IClassFixture<ReportsApiFactory>
{
    [Fact]
    public async Task Delivery_CountsSessionsHoursSeatHoursPerGpTrainerLoadAndShortage()
    {
        await api.DatasetAsync();
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(capacity: 30);
        var start = OfferingSetup.NextMonth(8, 9);
        var session = await setup.SessionAsync(offering, start, minutes: 120, institution: "RPT-C");
        var trainer = await setup.TrainerAsync(["cardiology"], DateOnly.FromDateTime(start).AddYears(1), maxPerMonth: 3, institution: "RPT-C");
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId = trainer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var report = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/delivery?year={start.Year}&region={Uri.EscapeDataString(RegionB)}");

        var institution = report.GetProperty("byInstitution").EnumerateArray().Single();
        (institution.GetProperty("label").GetString(), institution.GetProperty("sessionsPlanned").GetInt32(), institution.GetProperty("hoursPlanned").GetDecimal(),
            institution.GetProperty("sessionsDelivered").GetInt32()).ShouldBe(("报表乙区社区中心", 1, 2m, 0));
        var seats = report.GetProperty("seatHoursPerGp").EnumerateArray().Single();
        (seats.GetProperty("region").GetString(), seats.GetProperty("seatHours").GetDecimal(), seats.GetProperty("generalPractitioners").GetInt32(),
            seats.GetProperty("seatHoursPerGp").GetDecimal()).ShouldBe((RegionB, 60m, 2, 30m));
        var load = report.GetProperty("trainers").EnumerateArray().Single();
        load.GetProperty("sessionsByMonth")[start.Month - 1].GetInt32().ShouldBe(1);
        (load.GetProperty("sessions").GetInt32(), load.GetProperty("hours").GetDecimal(), load.GetProperty("maxSessionsPerMonth").GetInt32()).ShouldBe((1, 2m, 3));
        var cardiology = report.GetProperty("shortage").EnumerateArray().Single(s => s.GetProperty("specialty").GetString() == "cardiology");
        (cardiology.GetProperty("trainers").GetInt32(), cardiology.GetProperty("capacitySessions").GetInt32(), cardiology.GetProperty("scheduledSessions").GetInt32())
            .ShouldBe((1, 36, 1));
    }

    [Fact]
    public async Task InstitutionAdmin_SeesDeliveryOfTheirOwnInstitutionOnly()
    {
        await api.DatasetAsync();
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = OfferingSetup.NextMonth(9, 9);
        await setup.SessionAsync(offering, start, institution: "RPT-A");
        await setup.SessionAsync(offering, start.AddDays(1), institution: Demo.GpInstitutionCode);
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var report = await client.GetFromJsonAsync<JsonElement>($"/api/v1/reports/delivery?year={start.Year}");

        report.GetProperty("byInstitution").EnumerateArray().Select(i => i.GetProperty("label").GetString()).ShouldBe(["芳草社区卫生服务中心"]);
        report.GetProperty("byRegion").GetArrayLength().ShouldBe(1);
        report.GetProperty("seatHoursPerGp").GetArrayLength().ShouldBe(1);
        report.GetProperty("trainers").EnumerateArray().ShouldAllBe(t => t.GetProperty("homeInstitutionName").GetString() == "芳草社区卫生服务中心");
        report.GetRawText().ShouldNotContain("报表");
    }

    [Fact]
    public async Task Effectiveness_ShowsPrePostGains_AndWhereLearnersGoWrongInTheScenario()
    {
        var gp = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var course = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/catalogue?search=ENDO-HYPO")).GetProperty("items")[0].GetProperty("courseId").GetGuid();
        var modules = (await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules").EnumerateArray()
            .Select(m => m.GetProperty("id").GetGuid()).ToList();
        async Task Quiz(Guid module, Dictionary<string, string[]> answers) =>
            (await gp.PostAsJsonAsync($"/api/v1/learning/courses/{course}/modules/{module}/quiz-attempts", new { answers })).EnsureSuccessStatusCode();
        await Quiz(modules[0], new() { ["q1"] = ["a"], ["q2"] = ["a", "b"], ["q3"] = ["b"] }); // 66.7 %
        await Quiz(modules[3], new() { ["q1"] = ["a"], ["q2"] = ["a", "b"], ["q3"] = ["a"] }); // 100 %
        async Task Play(params string[] choices)
        {
            var attempt = (await (await gp.PostAsync($"/api/v1/learning/courses/{course}/modules/{modules[2]}/attempts", null)).Content
                .ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            (await gp.PostAsync($"/api/v1/learning/attempts/{attempt}/continue", null)).EnsureSuccessStatusCode(); // presentation
            (await gp.PostAsync($"/api/v1/learning/attempts/{attempt}/continue", null)).EnsureSuccessStatusCode(); // history
            foreach (var choice in choices)
            {
                var step = await gp.PostAsJsonAsync($"/api/v1/learning/attempts/{attempt}/choose", new { optionId = choice });
                step.EnsureSuccessStatusCode();
                if (choice == "glucose" || choice == "iv")
                    (await gp.PostAsync($"/api/v1/learning/attempts/{attempt}/continue", null)).EnsureSuccessStatusCode();
            }
        }
        await Play("stroke");
        await Play("glucose", "iv", "home");
        await Play("glucose", "iv", "observe");
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var year = DateTime.UtcNow.Year;

        var gains = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/effectiveness?year={year}");
        var insights = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/reports/effectiveness/courses/{course}/scenarios?year={year}");
        var author = await (await api.SignedInClientAsync(Demo.Author)).GetAsync($"/api/v1/reports/effectiveness/courses/{course}/scenarios?year={year}");
        var trainer = await (await api.SignedInClientAsync(Demo.Trainer)).GetAsync($"/api/v1/reports/effectiveness/courses/{course}/scenarios?year={year}");

        var hypo = gains.GetProperty("courses").EnumerateArray().Single(c => c.GetProperty("code").GetString() == "ENDO-HYPO-01");
        (hypo.GetProperty("paired").GetInt32(), hypo.GetProperty("meanPrePercent").GetDecimal(), hypo.GetProperty("meanPostPercent").GetDecimal(),
            hypo.GetProperty("meanGainPercent").GetDecimal(), hypo.GetProperty("postTestPassPercent").GetDecimal()).ShouldBe((1, 66.7m, 100m, 33.3m, 100m));
        insights.GetProperty("attempts").GetInt32().ShouldBe(3);
        var first = insights.GetProperty("decisions").EnumerateArray().Single(d => d.GetProperty("nodeId").GetString() == "d1");
        first.GetProperty("decisions").GetInt32().ShouldBe(3);
        var shares = first.GetProperty("options").EnumerateArray().ToDictionary(o => o.GetProperty("optionId").GetString()!, o => o.GetProperty("sharePercent").GetDecimal());
        (shares["glucose"], shares["stroke"], shares["drug"]).ShouldBe((66.7m, 33.3m, 0m));
        insights.GetProperty("criticalErrors").EnumerateArray().Select(e => e.GetProperty("optionId").GetString()).ShouldBe(["stroke", "home"], ignoreOrder: true);
        author.StatusCode.ShouldBe(HttpStatusCode.OK); // the course's author sees where learners go wrong
        trainer.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var own = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/reports/effectiveness/courses/{course}/scenarios?year={year}");
        own.GetProperty("attempts").GetInt32().ShouldBe(3); // the InstitutionAdmin's own staff: themselves
        (await admin.GetAsync($"/api/v1/reports/effectiveness/courses/{Guid.NewGuid()}/scenarios")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
