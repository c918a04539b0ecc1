using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Testing;

namespace Cme.Api.Tests.Offerings;

/// <summary>From a course to its classes, and a completion rule that fits the version offered.</summary>
public sealed class CourseClassesTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static async Task<HttpResponseMessage> CreateAsync(OfferingSetup setup, string course, string title, decimal? postTest)
    {
        var now = DateTimeOffset.UtcNow;
        return await setup.Admin.PostAsJsonAsync("/api/v1/offerings", new
        {
            courseId = await setup.CourseAsync(course),
            offering = new
            {
                title, modality = "FaceToFace", hostInstitutionId = await setup.InstitutionAsync("WCH"),
                audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
                capacity = 10, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
                minAttendancePercent = 75, postTestPassPercent = postTest, scenarioPassRequired = true, evaluationRequired = false,
                qualifiesTrainers = false, timeZone = (string?)null,
            },
        });
    }

    private static async Task<int> CountAsync(OfferingSetup setup) =>
        (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/offerings")).GetArrayLength();

    [Fact]
    public async Task Offering_RequiringAPostTest_OfAVersionWithoutOne_IsRefusedWith400OnTheField_AndNothingIsCreated()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var before = await CountAsync(setup);

        var refused = await CreateAsync(setup, "CARD-CP-01", "无课后测却要求课后测", 60);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>();
        var after = await CountAsync(setup);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        problem.GetProperty("codes").GetProperty("postTestPassPercent")[0].GetString().ShouldBe("offering.post-test-missing");
        problem.GetProperty("errors").GetProperty("postTestPassPercent")[0].GetString()!.ShouldContain("没有结业测验"); // zh-CN by default
        after.ShouldBe(before);
        (await CreateAsync(setup, "CARD-CP-01", "不要求课后测", null)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await CreateAsync(setup, "ENDO-HYPO-01", "含课后测", 60)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task Update_ThatAddsAPostTestRule_ToAVersionWithoutOne_IsRefused_AndChangesNothing()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(course: "CARD-CP-01");
        var current = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}");
        var now = DateTimeOffset.UtcNow;

        var refused = await setup.Admin.PutAsJsonAsync($"/api/v1/offerings/{offering}", new
        {
            title = "改了名字", modality = "FaceToFace", hostInstitutionId = current.GetProperty("hostInstitutionId").GetGuid(),
            audienceInstitutionIds = Array.Empty<Guid>(), audienceRegions = Array.Empty<string>(), audienceProfessions = Array.Empty<string>(),
            capacity = 30, enrolmentOpensAt = now.AddDays(-1), enrolmentClosesAt = now.AddDays(20), waitlistEnabled = true,
            minAttendancePercent = 75, postTestPassPercent = 80, scenarioPassRequired = true, evaluationRequired = false,
            qualifiesTrainers = false, timeZone = (string?)null,
        });
        var after = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("postTestPassPercent", out _).ShouldBeTrue();
        after.GetProperty("title").GetString().ShouldBe(current.GetProperty("title").GetString());
        after.GetProperty("completionRule").GetProperty("postTestPassPercent").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task CoursePage_ListsTheCoursesClasses_WithTheLearnersOwnPlace_AndSoDoesTheOfferingsList()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var course = await setup.CourseAsync("ENDO-HYPO-01");
        var full = await (await CreateAsync(setup, "ENDO-HYPO-01", "满员候补班", 60)).Content.ReadFromJsonAsync<JsonElement>();
        var fullId = full.GetProperty("id").GetGuid();
        var session = await setup.SessionAsync(fullId, OfferingSetup.NextMonth(10, 9), title: "低血糖病例讨论");
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var trainer = await api.SignedInClientAsync(Demo.Trainer);
        for (var i = 0; i < 10; i++) // the capacity, taken by people enrolled on behalf
            (await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{fullId}/enrol-on-behalf", new { professionalId = await setup.NewProfessionalAsync() }))
                .StatusCode.ShouldBe(HttpStatusCode.OK);

        var before = await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}/offerings");
        (await trainer.PostAsync($"/api/v1/offerings/{fullId}/enrol", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await gp.PostAsync($"/api/v1/offerings/{fullId}/enrol", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var classes = (await gp.GetFromJsonAsync<JsonElement>($"/api/v1/catalogue/{course}/offerings")).EnumerateArray().ToList();
        var open = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/offerings?openToMe=true")).EnumerateArray().ToList();

        var listed = before.EnumerateArray().Single(c => c.GetProperty("id").GetGuid() == fullId);
        listed.GetProperty("myEnrolment").ValueKind.ShouldBe(JsonValueKind.Null);
        listed.GetProperty("sessions").EnumerateArray().Single().GetProperty("id").GetGuid().ShouldBe(session);
        (listed.GetProperty("capacity").GetInt32(), listed.GetProperty("enrolled").GetInt32()).ShouldBe((10, 10));
        listed.GetProperty("hostInstitutionName").GetString()!.ShouldContain("华西");
        classes.ShouldNotBeEmpty();
        var mine = classes.Single(c => c.GetProperty("id").GetGuid() == fullId).GetProperty("myEnrolment");
        (mine.GetProperty("status").GetString(), mine.GetProperty("waitlistPosition").GetInt32()).ShouldBe(("Waitlisted", 2));
        open.ShouldNotBeEmpty();
        var inList = open.Single(o => o.GetProperty("id").GetGuid() == fullId).GetProperty("myEnrolment");
        (inList.GetProperty("status").GetString(), inList.GetProperty("waitlistPosition").GetInt32()).ShouldBe(("Waitlisted", 2));
        open.Single(o => o.GetProperty("title").GetString() == "2026年冬季 基层胸痛处置培训班") // the demo GP is enrolled there
            .GetProperty("myEnrolment").GetProperty("status").GetString().ShouldBe("Enrolled");
    }
}
