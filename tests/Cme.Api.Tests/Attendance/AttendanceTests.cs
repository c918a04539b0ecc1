using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Attendance;

public sealed class AttendanceTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static DateTime ChengduNow => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8), DateTimeKind.Unspecified);

    [Fact]
    public async Task CheckIn_WithTheRotatingCode_IsIdempotent_AndRefusesForeignOrWrongCodesAndStrangers()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, ChengduNow.AddMinutes(-5), minutes: 120);
        var other = await setup.SessionAsync(offering, ChengduNow.AddMinutes(-5), minutes: 60, title: "另一场");
        var gp = await api.SignedInClientAsync(Demo.Gp);
        await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var code = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/check-in-code");
        var number = code.GetProperty("number").GetString()!;

        var first = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = number });
        var again = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = code.GetProperty("token").GetString() });
        var foreign = await gp.PostAsJsonAsync($"/api/v1/sessions/{other}/check-in", new { code = number });
        var wrong = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = "00000000" == number ? "11111111" : "00000000" });
        var stranger = await (await api.SignedInClientAsync(Demo.Author)).PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = number });

        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync());
        (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString().ShouldBe("Present");
        (await again.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("alreadyCheckedIn").GetBoolean().ShouldBeTrue();
        foreign.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await wrong.Content.ReadAsStringAsync()).ShouldContain("code");
        stranger.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var roster = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster");
        roster.EnumerateArray().Single(r => r.GetProperty("nameZh").GetString() == "王芳").GetProperty("source").GetString().ShouldBe("NumericCode");
    }

    [Fact]
    public async Task CheckIn_BeforeTheWindowOpens_IsRefused()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var later = await setup.SessionAsync(offering, ChengduNow.AddHours(3));
        var learner = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        await learner.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var code = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{later}/check-in-code");

        var early = await learner.PostAsJsonAsync($"/api/v1/sessions/{later}/check-in", new { code = code.GetProperty("number").GetString() });

        early.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await early.Content.ReadAsStringAsync()).ShouldContain("签到时间为开始前 30 分钟至结束");
    }

    [Fact]
    public async Task RemoteJoinLeaveLogs_MergeIntoMinutes_AndCompletionExplainsItself_ThenAwardsCreditsWhenTheRuleIsMet()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = ChengduNow.Date.AddDays(-1).AddHours(14);
        var session = await setup.SessionAsync(offering, start, minutes: 100);
        var learner = await api.SignedInClientAsync(Demo.Trainer);
        await learner.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var me = (await learner.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();
        var utcStart = new DateTimeOffset(start, TimeSpan.FromHours(8));

        // 14:00–14:40 and 14:30–15:02 overlap: 62 minutes of 100.
        var partial = await (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/remote-presence", new
        {
            learnerId = me,
            intervals = new[] { new { from = utcStart, to = utcStart.AddMinutes(40) }, new { from = utcStart.AddMinutes(30), to = utcStart.AddMinutes(62) } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        var marked = await (await setup.Admin.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{me}", new { status = "Present" })).Content.ReadFromJsonAsync<JsonElement>();
        var course = await setup.CourseAsync("CARD-CP-01");
        var scenario = (await learner.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}")).GetProperty("modules")[0].GetProperty("id").GetGuid();
        var attempt = await (await learner.PostAsync($"/api/v1/learning/courses/{course}/modules/{scenario}/attempts", null)).Content.ReadFromJsonAsync<JsonElement>();
        var url = $"/api/v1/learning/attempts/{attempt.GetProperty("id").GetGuid()}";
        await learner.PostAsync($"{url}/continue", null);
        await learner.PostAsync($"{url}/continue", null);
        await learner.PostAsJsonAsync($"{url}/choose", new { optionId = "ecg" });
        await learner.PostAsync($"{url}/continue", null);
        await learner.PostAsJsonAsync($"{url}/choose", new { optionId = "network" });
        var completion = await learner.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/my-completion");

        partial.TryGetProperty("minutesPresent", out _).ShouldBeTrue(partial.ToString());
        partial.GetProperty("minutesPresent").GetInt32().ShouldBe(62);
        partial.GetProperty("state").GetString().ShouldBe("NotCompleted");
        var below = partial.GetProperty("reasons").EnumerateArray().Single(r => r.GetProperty("code").GetString() == "AttendanceBelow");
        (below.GetProperty("value").GetDecimal(), below.GetProperty("limit").GetDecimal()).ShouldBe((62m, 75m));
        marked.GetProperty("state").GetString().ShouldBe("InProgress");
        marked.GetProperty("reasons").EnumerateArray().Select(r => r.GetProperty("code").GetString()).ShouldBe(["ScenariosNotPassed"]);
        marked.TryGetProperty("award", out var noAward).ShouldBeTrue();
        noAward.ValueKind.ShouldBe(JsonValueKind.Null);
        completion.GetProperty("state").GetString().ShouldBe("Completed");
        completion.GetProperty("enrolmentStatus").GetString().ShouldBe("Completed");
        completion.GetProperty("award").GetProperty("credits").GetDecimal().ShouldBe(2m);
        var credits = await learner.GetFromJsonAsync<JsonElement>("/api/v1/me/credits");
        credits.GetProperty("byClass").EnumerateArray().Single(c => c.GetProperty("creditClass").GetString() == "I").GetProperty("credits").GetDecimal().ShouldBe(2m);
    }

    [Fact]
    public async Task ParticipantReportImport_MergesEachPersonsRows_AndABadRowWritesNothing()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = ChengduNow.Date.AddDays(-2).AddHours(9);
        var session = await setup.SessionAsync(offering, start, minutes: 90);
        foreach (var email in new[] { Demo.Gp, Demo.InstitutionAdmin })
            await (await api.SignedInClientAsync(email)).PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var day = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var bad = await setup.Admin.PostAsync($"/api/v1/sessions/{session}/attendance-import", new StringContent(
            $"姓名,入会时间,离会时间\n王芳,{day} 09:00,{day} 09:50\n张无忌,{day} 09:00,{day} 10:00\n刘海燕,{day} 09:10,昨天\n"));
        var rosterAfterBad = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster");
        var good = await setup.Admin.PostAsync($"/api/v1/sessions/{session}/attendance-import", new StringContent(
            $"name,join_time,leave_time\n王芳,{day} 09:00,{day} 09:50\n王芳,{day} 09:40,{day} 10:30\n刘海燕,{day} 09:20,{day} 09:50\n"));

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").EnumerateObject().Select(e => e.Name).ToList();
        errors.ShouldBe(["rows[2].name", "rows[3].leaveTime"], ignoreOrder: true);
        rosterAfterBad.EnumerateArray().ShouldAllBe(r => r.GetProperty("minutesPresent").GetInt32() == 0);
        good.StatusCode.ShouldBe(HttpStatusCode.OK, await good.Content.ReadAsStringAsync());
        var roster = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster")).EnumerateArray()
            .ToDictionary(r => r.GetProperty("nameZh").GetString()!, r => (Minutes: r.GetProperty("minutesPresent").GetInt32(), Status: r.GetProperty("status").GetString()));
        roster["王芳"].ShouldBe((90, "Present")); // 09:00–10:30 once the overlap is merged, clipped to the session
        roster["刘海燕"].ShouldBe((30, "Late"));
    }

    [Fact]
    public async Task TeachingCredit_FollowsThePolicy_AndIsAwardedOncePerSession()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, ChengduNow.Date.AddDays(-3).AddHours(14), minutes: 90);
        var trainer = await setup.TrainerAsync(["cardiology"], new DateOnly(2099, 1, 1));
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId = trainer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = "CN-2006" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var first = await (await setup.Admin.PostAsync($"/api/v1/sessions/{session}/teaching-credits", null)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await setup.Admin.PostAsync($"/api/v1/sessions/{session}/teaching-credits", null)).Content.ReadFromJsonAsync<JsonElement>();
        await setup.Admin.PutAsJsonAsync("/api/v1/credit-policies/active", new { code = "CN-2024" });
        var future = await setup.SessionAsync(offering, ChengduNow.AddDays(2));
        var tooEarly = await setup.Admin.PostAsync($"/api/v1/sessions/{future}/teaching-credits", null);

        first.ValueKind.ShouldBe(JsonValueKind.Array, first.ToString());
        first[0].GetProperty("credits").GetDecimal().ShouldBe(3m); // 1.5 hours × 2 credits an hour (China 2006)
        first[0].GetProperty("alreadyAwarded").GetBoolean().ShouldBeFalse();
        second[0].GetProperty("alreadyAwarded").GetBoolean().ShouldBeTrue();
        tooEarly.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var transcript = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/credits/transcript?professionalId={first[0].GetProperty("trainerProfessionalId").GetGuid()}");
        transcript.GetProperty("entries").EnumerateArray().Count(e => e.GetProperty("source").GetString() == "Teaching").ShouldBe(1);
    }
}
