using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;

namespace Cme.Api.Tests.Staff;

/// <summary>
/// Issue 13, findings 1, 2 and 11: nobody acts on their own record; an institution admin manages no
/// account above theirs, grants no role they lack, and learns nothing about accounts elsewhere.
/// </summary>
public sealed class SeparationOfDutiesTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static DateTime ChengduNow => DateTime.SpecifyKind(DateTime.UtcNow.AddHours(8), DateTimeKind.Unspecified);

    [Fact]
    public async Task Trainer_MarkingThemselvesPresent_Gets403AndNoAward()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, ChengduNow.AddMinutes(-5), minutes: 120);
        var trainerId = await DemoTrainerIdAsync(setup);
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var trainer = await api.SignedInClientAsync(Demo.Trainer);
        (await trainer.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).IsSuccessStatusCode.ShouldBeTrue();
        var me = (await trainer.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();
        var entriesBefore = await TranscriptCountAsync(trainer);

        var marked = await trainer.PutAsJsonAsync($"/api/v1/sessions/{session}/roster/{me}", new { status = "Present" });
        var utcStart = DateTimeOffset.UtcNow.AddMinutes(-5);
        var presence = await trainer.PostAsJsonAsync($"/api/v1/sessions/{session}/remote-presence", new
        {
            learnerId = me, intervals = new[] { new { from = utcStart, to = utcStart.AddMinutes(120) } },
        });

        await ShouldBeRefusedAsync(marked, HttpStatusCode.Forbidden, "duties.own-record");
        await ShouldBeRefusedAsync(presence, HttpStatusCode.Forbidden, "duties.own-record");
        var line = (await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster")).EnumerateArray()
            .Single(r => r.GetProperty("learnerId").GetGuid() == me);
        line.GetProperty("status").ValueKind.ShouldBe(JsonValueKind.Null);
        line.GetProperty("minutesPresent").GetInt32().ShouldBe(0);
        (await TranscriptCountAsync(trainer)).ShouldBe(entriesBefore);
        (await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/my-completion")).GetProperty("state").GetString().ShouldNotBe("Completed");
    }

    [Fact]
    public async Task Trainer_ImportingARowNamingThemselves_IsRefusedAndWritesNothing()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = ChengduNow.Date.AddDays(-1).AddHours(9);
        var session = await setup.SessionAsync(offering, start, minutes: 90);
        var trainerId = await DemoTrainerIdAsync(setup);
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var trainer = await api.SignedInClientAsync(Demo.Trainer);
        await trainer.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        await (await api.SignedInClientAsync(Demo.Gp)).PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        var day = start.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        var response = await trainer.PostAsync($"/api/v1/sessions/{session}/attendance-import", new StringContent(
            $"姓名,入会时间,离会时间\n王芳,{day} 09:00,{day} 10:30\n陈晓燕,{day} 09:00,{day} 10:30\n"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        problem.GetProperty("codes").GetProperty("rows[2].name")[0].GetString().ShouldBe("duties.own-record");
        problem.GetProperty("codes").EnumerateObject().Select(c => c.Name).ShouldBe(["rows[2].name"]);
        var roster = (await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/sessions/{session}/roster")).EnumerateArray().ToList();
        roster.Count.ShouldBe(2);
        roster.ShouldAllBe(r => r.GetProperty("minutesPresent").GetInt32() == 0);
    }

    [Fact]
    public async Task CmeAdmin_CompletingTheirOwnEnrolment_Gets403AndNoAward()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var enrolment = await (await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>();
        var entriesBefore = await TranscriptCountAsync(setup.Admin);

        var response = await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment.GetProperty("id").GetGuid()}/complete", new { reason = "自己完成" });

        await ShouldBeRefusedAsync(response, HttpStatusCode.Forbidden, "duties.own-record");
        (await TranscriptCountAsync(setup.Admin)).ShouldBe(entriesBefore);
        (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/my-completion")).GetProperty("state").GetString().ShouldNotBe("Completed");
    }

    [Fact]
    public async Task CmeAdmin_RevokingOrReissuingTheirOwnCertificate_Gets403_ButAColleagueMayReissueIt()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var enrolment = (await (await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).Content.ReadFromJsonAsync<JsonElement>())
            .GetProperty("id").GetGuid();
        var colleague = await SecondCmeAdminAsync(setup.Admin);
        var completed = await colleague.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "线下考核通过" });
        completed.IsSuccessStatusCode.ShouldBeTrue(await completed.Content.ReadAsStringAsync());
        var issued = await setup.Admin.PostAsync($"/api/v1/offerings/{offering}/certificate", null);
        issued.IsSuccessStatusCode.ShouldBeTrue(await issued.Content.ReadAsStringAsync());
        var certificate = (await issued.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var revoke = await setup.Admin.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revoke", new { reason = "自己撤销" });
        var reissue = await setup.Admin.PostAsJsonAsync($"/api/v1/certificates/{certificate}/reissue", new { reason = "自己补发" });

        await ShouldBeRefusedAsync(revoke, HttpStatusCode.Forbidden, "duties.own-record");
        await ShouldBeRefusedAsync(reissue, HttpStatusCode.Forbidden, "duties.own-record");
        var mine = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/certificates?offeringId={offering}&learnerId={await MeAsync(setup.Admin)}"))
            .EnumerateArray().ToList();
        mine.Select(c => (c.GetProperty("id").GetGuid(), c.GetProperty("status").GetString())).ShouldBe([(certificate, "Valid")]);
        var byColleague = await colleague.PostAsJsonAsync($"/api/v1/certificates/{certificate}/reissue", new { reason = "更正姓名拼写" });
        byColleague.IsSuccessStatusCode.ShouldBeTrue(await byColleague.Content.ReadAsStringAsync());
    }

    /// <summary>A second CME officer, signed in after changing the temporary password.</summary>
    private async Task<HttpClient> SecondCmeAdminAsync(HttpClient admin)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"{unique}@cme-office.test";
        var created = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "赵同事", nameLatin = "Zhao Tongshi", profession = "Physician", titleLevel = "Senior", licenceNumber = $"C{unique}",
            institutionId = await InstitutionIdAsync(admin, "WCH"), email, preferredLanguage = "zh-CN", roles = new[] { "Learner", "CmeAdmin" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var temporary = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("temporaryPassword").GetString()!;
        return (await api.FirstSignInAsync(email, temporary)).Client;
    }

    private static async Task<Guid> MeAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();

    [Fact]
    public async Task CmeAdmin_AdjustingTheirOwnCredits_Gets403AndTheLedgerIsUnchanged()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var me = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();
        var entriesBefore = await TranscriptCountAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/v1/credits/adjustments",
            new { professionalId = me, credits = 5, hours = 10, creditClass = "I", year = DateTime.UtcNow.Year, reason = "给自己补学分" });

        await ShouldBeRefusedAsync(response, HttpStatusCode.Forbidden, "duties.own-record");
        (await TranscriptCountAsync(admin)).ShouldBe(entriesBefore);
    }

    [Fact]
    public async Task CmeAdmin_EnrollingThemselvesOnBehalf_IsAllowed()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var me = (await setup.Admin.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("professionalId").GetGuid();

        var response = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = me });

        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task InstitutionAdmin_ChangingTheDemoCmeAdminsEmail_Gets404AndTheCmeAdminStillSignsIn()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var cmeAdmin = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{await IdOfAsync(admin, Demo.CmeAdmin)}");
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/professionals/{cmeAdmin.GetProperty("id").GetGuid()}", UpdateBody(cmeAdmin, "taken.over@fangcao.demo.cme"));

        await ShouldBeRefusedAsync(response, HttpStatusCode.NotFound, "not-found");
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{cmeAdmin.GetProperty("id").GetGuid()}"))
            .GetProperty("email").GetString().ShouldBe(Demo.CmeAdmin);
        (await api.SignedInClientAsync(Demo.CmeAdmin)).ShouldNotBeNull();
    }

    [Fact]
    public async Task InstitutionAdmin_ChangingACmeAdminOfTheirOwnInstitution_Gets403AndNothingChanges()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var own = await InstitutionIdAsync(admin, Demo.GpInstitutionCode);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var created = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "孙主任", nameLatin = "Sun Zhuren", profession = "Other", titleLevel = "Senior", licenceNumber = $"S{unique}",
            institutionId = own, email = $"{unique}@fangcao.demo.cme", preferredLanguage = "zh-CN", roles = new[] { "CmeAdmin" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/professionals/{id}", UpdateBody(before, "taken.over@fangcao.demo.cme"));

        await ShouldBeRefusedAsync(response, HttpStatusCode.Forbidden, "staff.role-above");
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
        after.GetProperty("email").GetString().ShouldBe($"{unique}@fangcao.demo.cme");
        after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["CmeAdmin"]);
    }

    [Theory]
    [InlineData("CmeAdmin")]
    [InlineData("Trainer")]
    [InlineData("Author")]
    public async Task InstitutionAdmin_GrantingARoleTheyDoNotHold_Gets403AndCreatesNobody(string role)
    {
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var own = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("institutionId").GetGuid();
        var licence = $"R{Guid.NewGuid().ToString("N")[..12]}";

        var response = await client.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "钱多多", nameLatin = "Qian Duoduo", profession = "Nurse", titleLevel = "Junior", licenceNumber = licence,
            institutionId = own, email = $"{licence}@fangcao.demo.cme", preferredLanguage = "zh-CN", roles = new[] { "Learner", role },
        });

        await ShouldBeRefusedAsync(response, HttpStatusCode.Forbidden, "professional.role-forbidden");
        (await client.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?search={licence}")).GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task InstitutionAdmin_GivingATrainerOfTheirOwnInstitutionTheRolesTheyHave_KeepsTheTrainerRole()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var own = await InstitutionIdAsync(admin, Demo.GpInstitutionCode);
        var unique = Guid.NewGuid().ToString("N")[..10];
        var created = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "周全科", nameLatin = "Zhou Quanke", profession = "GeneralPractitioner", titleLevel = "Intermediate", licenceNumber = $"K{unique}",
            institutionId = own, email = $"{unique}@fangcao.demo.cme", preferredLanguage = "zh-CN", roles = new[] { "Learner", "Trainer" },
        });
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);

        var response = await client.PutAsJsonAsync($"/api/v1/professionals/{id}", UpdateBody(before, $"{unique}.new@fangcao.demo.cme"));

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent, await response.Content.ReadAsStringAsync());
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{id}");
        after.GetProperty("email").GetString().ShouldBe($"{unique}.new@fangcao.demo.cme");
        after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Learner", "Trainer"], ignoreOrder: true);
    }

    [Fact]
    public async Task InstitutionAdmin_CreatingWithAnExistingEmailOrLicence_GetsTheSameAnswerWhereverItExists()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var elsewhereLicence = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{await IdOfAsync(admin, Demo.Author)}"))
            .GetProperty("licenceNumber").GetString()!;
        var client = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var own = (await client.GetFromJsonAsync<JsonElement>("/api/v1/me")).GetProperty("institutionId").GetGuid();
        var totalBefore = (await admin.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32();

        async Task<JsonElement> CreateAsync(string licence, string email)
        {
            var response = await client.PostAsJsonAsync("/api/v1/professionals", new
            {
                nameZh = "吴新人", nameLatin = "Wu Xinren", profession = "Nurse", titleLevel = "Junior", licenceNumber = licence,
                institutionId = own, email, preferredLanguage = "zh-CN", roles = new[] { "Learner" },
            });
            response.StatusCode.ShouldBe(HttpStatusCode.Conflict, await response.Content.ReadAsStringAsync());
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }

        var answers = new[]
        {
            await CreateAsync("510166600000001", Demo.CmeAdmin),                       // e-mail in another institution
            await CreateAsync(elsewhereLicence, "wu.xinren@fangcao.demo.cme"),          // licence in another institution
            await CreateAsync("510166600000002", Demo.Gp),                             // e-mail in their own institution
        };

        answers.Length.ShouldBe(3);
        answers.ShouldAllBe(a => a.GetProperty("code").GetString() == "professional.account-conflict");
        answers.Select(a => a.GetProperty("detail").GetString()).Distinct().Count().ShouldBe(1);
        answers.Select(a => a.GetProperty("title").GetString()).Distinct().Count().ShouldBe(1);
        answers.Select(a => a.TryGetProperty("errors", out var errors)).ShouldAllBe(hasErrors => !hasErrors);
        (await admin.GetFromJsonAsync<JsonElement>("/api/v1/professionals?pageSize=1")).GetProperty("totalCount").GetInt32().ShouldBe(totalBefore);
    }

    [Fact]
    public async Task CmeAdmin_CreatingWithAnExistingLicence_StillGetsThePreciseField()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        var licence = (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals/{await IdOfAsync(admin, Demo.Author)}"))
            .GetProperty("licenceNumber").GetString()!;

        var response = await admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "吴新人", nameLatin = "Wu Xinren", profession = "Nurse", titleLevel = "Junior", licenceNumber = licence,
            institutionId = await InstitutionIdAsync(admin, "WCH"), email = "wu.other@wch.demo.cme", preferredLanguage = "zh-CN", roles = new[] { "Learner" },
        });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("codes").GetProperty("licenceNumber")[0].GetString()
            .ShouldBe("professional.licence-taken");
    }

    private static object UpdateBody(JsonElement person, string email) => new
    {
        nameZh = person.GetProperty("nameZh").GetString(), nameLatin = person.GetProperty("nameLatin").GetString(),
        profession = person.GetProperty("profession").GetString(), titleLevel = person.GetProperty("titleLevel").GetString(),
        institutionId = person.GetProperty("institutionId").GetGuid(), email, preferredLanguage = person.GetProperty("preferredLanguage").GetString(),
        roles = new[] { "Learner" },
    };

    private static async Task ShouldBeRefusedAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        JsonDocument.Parse(body).RootElement.GetProperty("code").GetString().ShouldBe(code);
    }

    private static async Task<int> TranscriptCountAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/v1/credits/transcript")).GetProperty("entries").GetArrayLength();

    private static async Task<Guid> DemoTrainerIdAsync(OfferingSetup setup)
    {
        var me = await setup.ProfessionalAsync(Demo.Trainer);
        var pool = (await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/trainers?year={DateTime.UtcNow.Year}")).EnumerateArray().ToList();
        pool.ShouldNotBeEmpty();
        return pool.Single(t => t.GetProperty("professionalId").GetGuid() == me).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> IdOfAsync(HttpClient admin, string email) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/professionals?search={Uri.EscapeDataString(email)}")).GetProperty("items")[0].GetProperty("id").GetGuid();

    private static async Task<Guid> InstitutionIdAsync(HttpClient admin, string code) =>
        (await admin.GetFromJsonAsync<JsonElement>($"/api/v1/institutions?search={code}")).GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("code").GetString() == code).GetProperty("id").GetGuid();
}
