using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Attendance;

/// <summary>
/// Wrong check-in codes are limited per learner and session, 10 in 10 minutes (finding 4), so guessing the
/// 8-digit number from home is hopeless; other learners and right codes after the wait are not affected.
/// </summary>
public sealed class CheckInThrottleTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static DateTime ChengduNow => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8), DateTimeKind.Unspecified);

    [Fact]
    public async Task TheEleventhWrongCode_Gets429WithRetryAfter_OthersAreUnaffected_AndAfterTheWaitARightCodeWorks()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, ChengduNow.AddMinutes(-5), minutes: 180);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var colleague = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        await colleague.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        async Task<string> NumberAsync() =>
            (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/check-in-code")).GetProperty("number").GetString()!;
        var number = await NumberAsync();
        var wrong = number == "00000000" ? "11111111" : "00000000";

        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 10; i++)
            answers.Add((await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = wrong })).StatusCode);
        var eleventh = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = wrong });
        var rightButHeld = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = await NumberAsync() });
        var other = await colleague.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = await NumberAsync() });

        answers.Count.ShouldBe(10);
        answers.ShouldAllBe(s => s == HttpStatusCode.BadRequest);
        eleventh.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await eleventh.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString().ShouldBe("checkin.too-many-attempts");
        var wait = eleventh.Headers.RetryAfter!.Delta!.Value;
        wait.ShouldBeInRange(TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        rightButHeld.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        other.StatusCode.ShouldBe(HttpStatusCode.OK, await other.Content.ReadAsStringAsync());

        api.Clock.Advance(wait + TimeSpan.FromSeconds(1));
        // The number as the trainer's screen shows it, with a space between the groups.
        var shown = await NumberAsync();
        var after = await gp.PostAsJsonAsync($"/api/v1/sessions/{session}/check-in", new { code = shown[..4] + " " + shown[4..] });
        after.StatusCode.ShouldBe(HttpStatusCode.OK, await after.Content.ReadAsStringAsync());
    }
}
