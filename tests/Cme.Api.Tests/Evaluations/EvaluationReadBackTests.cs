using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using CsvHelper;

namespace Cme.Api.Tests.Evaluations;

public sealed class EvaluationReadBackTests(CmeApiFactory api) : IClassFixture<CmeApiFactory>
{
    private static List<string[]> Rows(byte[] body)
    {
        using var csv = CsvReader.FromText(Encoding.UTF8.GetString(body.AsSpan(3)), new CsvReaderOptions());
        var rows = new List<string[]> { csv.Headers.ToArray() };
        while (csv.Read())
            rows.Add(Enumerable.Range(0, csv.FieldCount).Select(i => csv.GetString(i)).ToArray());
        return rows;
    }

    /// <summary>A new cardiology trainer in the pool, signed in after changing the temporary password.</summary>
    private async Task<(HttpClient Client, Guid TrainerId)> NewTrainerAsync(OfferingSetup setup)
    {
        var unique = Guid.NewGuid().ToString("N")[..10];
        var email = $"{unique}@trainer.test";
        var created = await setup.Admin.PostAsJsonAsync("/api/v1/professionals", new
        {
            nameZh = "评价讲师", nameLatin = "Pingjia Jiangshi", profession = "Physician", titleLevel = "Senior", licenceNumber = $"E{unique}",
            institutionId = await setup.InstitutionAsync("WCH"), email, preferredLanguage = "zh-CN", roles = new[] { "Learner", "Trainer" },
        });
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var person = await created.Content.ReadFromJsonAsync<JsonElement>();
        var pooled = await setup.Admin.PostAsJsonAsync("/api/v1/trainers", new
        {
            professionalId = person.GetProperty("id").GetGuid(),
            trainer = new { specialties = new[] { "cardiology" }, level = "Trainer", qualifiedUntil = DateOnly.FromDateTime(DateTime.UtcNow.AddYears(1)),
                maxSessionsPerMonth = 10, unavailable = Array.Empty<object>() },
        });
        pooled.StatusCode.ShouldBe(HttpStatusCode.Created, await pooled.Content.ReadAsStringAsync());
        var trainerId = (await pooled.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        return ((await api.FirstSignInAsync(email, person.GetProperty("temporaryPassword").GetString()!)).Client, trainerId);
    }

    /// <summary>An offering with one session taught by <paramref name="trainerId"/>.</summary>
    private static async Task<Guid> TaughtOfferingAsync(OfferingSetup setup, Guid trainerId, int day)
    {
        var offering = await setup.OfferingAsync();
        var session = await setup.SessionAsync(offering, OfferingSetup.NextMonth(day, 9));
        var assigned = await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId });
        assigned.StatusCode.ShouldBe(HttpStatusCode.NoContent, await assigned.Content.ReadAsStringAsync());
        return offering;
    }

    private async Task EvaluateAsync(Guid offering, string email, int content, int relevance, int teaching, int organisation, string? comments)
    {
        var learner = await api.SignedInClientAsync(email);
        (await learner.PostAsync($"/api/v1/offerings/{offering}/enrol", null)).IsSuccessStatusCode.ShouldBeTrue();
        var sent = await learner.PostAsJsonAsync($"/api/v1/offerings/{offering}/evaluation", new { content, relevance, teaching, organisation, comments });
        sent.StatusCode.ShouldBe(HttpStatusCode.OK, await sent.Content.ReadAsStringAsync());
        api.Clock.Advance(TimeSpan.FromMinutes(5)); // the next answer is newer
    }

    /// <summary>"0,0,0,2,1 mean 4.33 of 3": how many gave 1 to 5, the mean and the number of answers.</summary>
    private static string Rating(JsonElement summary, string question)
    {
        var rating = summary.GetProperty("ratings").EnumerateArray().Single(r => r.GetProperty("question").GetString() == question);
        var distribution = string.Join(",", rating.GetProperty("distribution").EnumerateArray().Select(c => c.GetInt32()));
        return $"{distribution} mean {rating.GetProperty("mean").GetDecimal().ToString(CultureInfo.InvariantCulture)} of {rating.GetProperty("answers").GetInt32()}";
    }

    [Fact]
    public async Task Summary_OfAClassWithKnownAnswers_IsExact_NamedForTheOffice_AnonymousForItsTrainer_AndRefusedToOthers()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var (trainer, trainerId) = await NewTrainerAsync(setup);
        var (_, otherTrainerId) = await NewTrainerAsync(setup);
        var offering = await TaughtOfferingAsync(setup, trainerId, 3);
        var elsewhere = await TaughtOfferingAsync(setup, otherTrainerId, 4);
        await EvaluateAsync(offering, Demo.Gp, 5, 4, 5, 3, "病例贴近基层实际。");
        await EvaluateAsync(offering, Demo.InstitutionAdmin, 4, 4, 5, 2, "希望增加实操时间");
        await EvaluateAsync(offering, Demo.Author, 4, 2, 3, 3, null);
        await EvaluateAsync(elsewhere, Demo.Gp, 1, 1, 1, 1, "别的班");

        var office = await setup.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/evaluations");
        var taught = await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/evaluations");
        var notTaught = await trainer.GetAsync($"/api/v1/offerings/{elsewhere}/evaluations");
        var notTaughtCsv = await trainer.GetAsync($"/api/v1/offerings/{elsewhere}/evaluations.csv");
        var byLearner = await (await api.SignedInClientAsync(Demo.Gp)).GetAsync($"/api/v1/offerings/{offering}/evaluations");
        var trainersCourse = await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/courses/{await setup.CourseAsync("CARD-CP-01")}/evaluations");

        office.GetProperty("answers").GetInt32().ShouldBe(3);
        Rating(office, "Content").ShouldBe("0,0,0,2,1 mean 4.33 of 3");
        Rating(office, "Relevance").ShouldBe("0,1,0,2,0 mean 3.33 of 3");
        Rating(office, "Teaching").ShouldBe("0,0,1,0,2 mean 4.33 of 3");
        Rating(office, "Organisation").ShouldBe("0,1,2,0,0 mean 2.67 of 3");
        office.GetProperty("anonymous").GetBoolean().ShouldBeFalse();
        var comments = office.GetProperty("comments").EnumerateArray().ToList();
        comments.Select(c => (c.GetProperty("text").GetString(), c.GetProperty("nameZh").GetString()))
            .ShouldBe([("希望增加实操时间", "刘海燕"), ("病例贴近基层实际。", "王芳")]);

        taught.GetProperty("anonymous").GetBoolean().ShouldBeTrue();
        Rating(taught, "Organisation").ShouldBe("0,1,2,0,0 mean 2.67 of 3");
        var anonymous = taught.GetProperty("comments").EnumerateArray().ToList();
        anonymous.Select(c => c.GetProperty("text").GetString()).ShouldBe(["希望增加实操时间", "病例贴近基层实际。"]);
        anonymous.ShouldNotBeEmpty();
        anonymous.ShouldAllBe(c => c.GetProperty("nameZh").ValueKind == JsonValueKind.Null && c.GetProperty("learnerId").ValueKind == JsonValueKind.Null
            && c.GetProperty("submittedAt").ValueKind == JsonValueKind.Null);
        taught.GetRawText().ShouldNotContain("王芳");

        notTaught.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notTaughtCsv.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        byLearner.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        trainersCourse.GetProperty("answers").GetInt32().ShouldBe(3); // only the offering they teach, not the other class
        trainersCourse.GetProperty("offerings").EnumerateArray().Select(o => o.GetProperty("offeringId").GetGuid()).ShouldBe([offering]);
    }

    [Fact]
    public async Task Csv_OneRowPerAnswer_WithChineseHeadings_NamesOnlyForTheOffice_AndASmallClassesCommentsHiddenFromTheTrainer()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var (trainer, trainerId) = await NewTrainerAsync(setup);
        var offering = await TaughtOfferingAsync(setup, trainerId, 5);
        await EvaluateAsync(offering, Demo.Gp, 5, 5, 4, 5, "=讲得很好");
        await EvaluateAsync(offering, Demo.InstitutionAdmin, 3, 4, 4, 2, "教室太小");
        var english = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/offerings/{offering}/evaluations.csv");
        english.Headers.AcceptLanguage.ParseAdd("en");

        var response = await setup.Admin.GetAsync($"/api/v1/offerings/{offering}/evaluations.csv");
        var body = await response.Content.ReadAsByteArrayAsync();
        var trainerRows = Rows(await (await trainer.GetAsync($"/api/v1/offerings/{offering}/evaluations.csv")).Content.ReadAsByteArrayAsync());
        var englishRows = Rows(await (await setup.Admin.SendAsync(english)).Content.ReadAsByteArrayAsync());
        var trainerSummary = await trainer.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/evaluations");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        body.Take(3).ShouldBe(new byte[] { 0xEF, 0xBB, 0xBF });
        var rows = Rows(body);
        rows.Count.ShouldBe(3);
        rows[0].ShouldBe(["课程代码", "课程", "培训项目", "提交时间(UTC)", "姓名", "姓名拼音", "执业证号", "内容", "与工作的相关性", "授课", "组织安排", "评语"]);
        rows[1][Array.IndexOf(rows[0], "姓名")].ShouldBe("刘海燕"); // newest first
        rows[1][Array.IndexOf(rows[0], "组织安排")].ShouldBe("2");
        rows[2][Array.IndexOf(rows[0], "评语")].ShouldBe("'=讲得很好");
        englishRows[0][0].ShouldBe("Course code");
        englishRows[0].ShouldContain("Comments");

        trainerRows.Count.ShouldBe(3);
        trainerRows[0].ShouldBe(["课程代码", "课程", "培训项目", "内容", "与工作的相关性", "授课", "组织安排", "评语"]);
        trainerRows.Skip(1).Select(r => r[^1]).ShouldBe(["", ""]); // two answers: too few to show their words
        trainerSummary.GetProperty("comments").GetArrayLength().ShouldBe(0);
        trainerSummary.GetProperty("commentsWithheld").GetInt32().ShouldBe(2);
        trainerSummary.GetProperty("answers").GetInt32().ShouldBe(2);
    }
}
