using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Cme.Api.Tests.Certificates;
using Cme.Api.Tests.Offerings;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Notifications;

/// <summary>
/// Notices of events (enrolment, waitlist, session changes, credits, certificates, external
/// activities, trainer assignments): one inbox row and one e-mail per person and event, in their
/// language, never a second one for the same event, none on a channel turned off.
/// </summary>
public sealed class EventNoticeTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    private const string CourseTitle = CertificateSetup.CourseTitle;

    [Fact]
    public async Task Enrolment_IsConfirmedOnce_InboxAndEmail_InEachLearnersLanguage_AndARetryAddsNothing()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        await setup.SessionAsync(offering, OfferingSetup.NextMonth(5, 9));
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var english = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        (await english.PutAsJsonAsync("/api/v1/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        try
        {
            var gpEnrolment = await EnrolAsync(gp, offering);
            var retry = await gp.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
            var englishEnrolment = await EnrolAsync(english, offering);
            var someone = await setup.NewProfessionalAsync();
            var onBehalf = await setup.Admin.PostAsJsonAsync($"/api/v1/offerings/{offering}/enrol-on-behalf", new { professionalId = someone });
            var theirEnrolment = (await onBehalf.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
            await api.DispatchAsync();
            await api.DispatchAsync();

            retry.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var toGp = await SentAsync(gpEnrolment);
            toGp.Select(n => (n.Kind, n.Channel)).OrderBy(x => x.Channel).ShouldBe([("EnrolmentConfirmed", "Email"), ("EnrolmentConfirmed", "InApp")]);
            toGp.ShouldAllBe(n => n.Language == "zh-CN" && n.Status == "Sent");
            var inbox = await InboxItemAsync(gp, "EnrolmentConfirmed", offering);
            inbox.GetProperty("title").GetString().ShouldBe($"报名成功：{CourseTitle}");
            inbox.GetProperty("body").GetString()!.ShouldContain("第一次课将于");
            inbox.GetProperty("path").GetString().ShouldBe($"/offerings/{offering}");
            var gpMail = MailsOf(toGp).ShouldHaveSingleItem();
            gpMail.To.ShouldBe([Demo.Gp]);
            gpMail.Subject.ShouldBe($"报名成功：{CourseTitle}");
            gpMail.Body.ShouldContain($"查看：http://cme.test/offerings/{offering}");

            var toEnglish = await SentAsync(englishEnrolment);
            toEnglish.Count.ShouldBe(2);
            var englishMail = MailsOf(toEnglish).ShouldHaveSingleItem();
            englishMail.Subject.ShouldStartWith("You are enrolled: ");
            englishMail.Subject.ShouldNotContain("胸痛");
            englishMail.Body.ShouldContain("You have a seat in");
            englishMail.Body.ShouldContain($"Open: http://cme.test/offerings/{offering}");

            var toThem = await SentAsync(theirEnrolment);
            toThem.Count.ShouldBe(2);
            toThem.ShouldAllBe(n => n.Body.Contains("由管理员代为报名"));
        }
        finally
        {
            (await english.PutAsJsonAsync("/api/v1/me/language", new { language = "zh-CN" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task Waitlist_Joined_MovedUpWhenASeatFrees_AndCancelled_EachToldOnce()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync(capacity: 1);
        await setup.SessionAsync(offering, OfferingSetup.NextMonth(6, 9));
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var other = await api.SignedInClientAsync(Demo.Trainer);
        var otherEnrolment = await EnrolAsync(other, offering);
        var gpEnrolment = await EnrolAsync(gp, offering);

        (await other.PostAsJsonAsync($"/api/v1/enrolments/{otherEnrolment}/cancel", new { reason = "临时出诊" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var again = await other.PostAsJsonAsync($"/api/v1/enrolments/{otherEnrolment}/cancel", new { reason = "再次" });
        await api.PlanAsync(); // the planner's own pass for promotions finds this one told already
        await api.DispatchAsync();
        await api.PlanAsync();
        await api.DispatchAsync();

        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var toGp = await SentAsync(gpEnrolment);
        toGp.Select(n => (n.Kind, n.Channel)).Order().ShouldBe(
            [("WaitlistJoined", "Email"), ("WaitlistJoined", "InApp"), ("WaitlistPromoted", "Email"), ("WaitlistPromoted", "InApp")]);
        toGp.ShouldAllBe(n => n.Status == "Sent");
        (await InboxItemAsync(gp, "WaitlistJoined", offering)).GetProperty("body").GetString()!.ShouldContain("目前排第 1 位");
        var promoted = await InboxItemAsync(gp, "WaitlistPromoted", offering);
        promoted.GetProperty("title").GetString().ShouldBe($"已从候补转为正式报名：{CourseTitle}");
        MailsOf(toGp).Count.ShouldBe(2);
        MailsOf(toGp).ShouldContain(m => m.Subject == $"已从候补转为正式报名：{CourseTitle}");
        var toOther = await SentAsync(otherEnrolment);
        toOther.Select(n => n.Kind).Distinct().ShouldBe(["EnrolmentConfirmed", "EnrolmentCancelled"], ignoreOrder: true);
        var cancelled = toOther.Single(n => n.Kind == "EnrolmentCancelled" && n.Channel == "InApp");
        cancelled.Title.ShouldBe($"报名已取消：{CourseTitle}");
        cancelled.Body.ShouldContain("原因：临时出诊。");

        (await setup.Admin.PostAsJsonAsync($"/api/v1/enrolments/{gpEnrolment}/cancel", new { reason = "名额调整" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await api.DispatchAsync();
        var byAdmin = (await SentAsync(gpEnrolment)).Where(n => n.Kind == "EnrolmentCancelled").ToList();
        byAdmin.Count.ShouldBe(2);
        byAdmin.ShouldAllBe(n => n.Body.StartsWith("管理员已取消您在") && n.Body.Contains("原因：名额调整。"));
        MailsOf(byAdmin).ShouldHaveSingleItem().To.ShouldBe([Demo.Gp]);
    }

    [Fact]
    public async Task EmailTurnedOff_ForEnrolmentConfirmations_OnlyTheInboxIsTold()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var gp = await api.SignedInClientAsync(Demo.Gp);
        (await gp.PutAsJsonAsync("/api/v1/me/notifications/preferences", new
        {
            preferences = new[] { new { kind = "EnrolmentConfirmed", inApp = true, email = false } },
        })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        try
        {
            var kinds = (await gp.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications/preferences")).EnumerateArray()
                .Select(p => p.GetProperty("kind").GetString()).ToList();
            var enrolment = await EnrolAsync(gp, offering);
            await api.DispatchAsync();

            kinds.ShouldContain("CertificateReady");
            kinds.ShouldContain("TrainerAssigned");
            var told = (await SentAsync(enrolment)).ShouldHaveSingleItem();
            told.Channel.ShouldBe("InApp");
            told.Status.ShouldBe("Sent");
            MailsOf([told]).ShouldBeEmpty();
        }
        finally
        {
            (await gp.PutAsJsonAsync("/api/v1/me/notifications/preferences", new
            {
                preferences = new[] { new { kind = "EnrolmentConfirmed", inApp = true, email = true } },
            })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
    }

    [Fact]
    public async Task RefusedEnrolments_WriteNoNotice()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var closed = await setup.OfferingAsync(closes: DateTimeOffset.UtcNow.AddHours(-1));
        var elsewhere = await setup.OfferingAsync(regions: ["不存在的地区"]);
        var gp = await api.SignedInClientAsync(Demo.Gp);

        var late = await gp.PostAsync($"/api/v1/offerings/{closed}/enrol", null);
        var notForMe = await gp.PostAsync($"/api/v1/offerings/{elsewhere}/enrol", null);

        late.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        notForMe.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await CountAboutAsync($"/offerings/{closed}")).ShouldBe(0);
        (await CountAboutAsync($"/offerings/{elsewhere}")).ShouldBe(0);
    }

    [Fact]
    public async Task SessionMovedAndCancelled_TellsItsLearnersAndTrainers_AndTheTrainerHearsOfAssignment()
    {
        var setup = await OfferingSetup.StartAsync(api);
        var offering = await setup.OfferingAsync();
        var start = OfferingSetup.NextMonth(12, 9);
        var title = $"改期通知-{Guid.NewGuid():N}"[..14];
        var session = await setup.SessionAsync(offering, start, title: title);
        var gp = await api.SignedInClientAsync(Demo.Gp);
        await EnrolAsync(gp, offering);
        var trainer = await setup.TrainerAsync(["cardiology"], DateOnly.FromDateTime(start.AddYears(1)));
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/trainers", new { trainerId = trainer })).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        await ReminderTimes.RescheduleAsync(setup, session, start.AddDays(1), title);
        await ReminderTimes.RescheduleAsync(setup, session, start.AddDays(1), title); // the same times again: nothing moved
        (await setup.Admin.DeleteAsync($"/api/v1/sessions/{session}/trainers/{trainer}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await setup.Admin.PostAsJsonAsync($"/api/v1/sessions/{session}/cancel", new { reason = "讲者因病" })).EnsureSuccessStatusCode();
        await api.DispatchAsync();

        var told = await SentAsync(session);
        told.ShouldNotBeEmpty();
        told.ShouldAllBe(n => n.Status == "Sent");
        var trainerEmail = told.Single(n => n.Kind == "TrainerAssigned" && n.Channel == "Email").Email;
        told.Where(n => n.Email == Demo.Gp).Select(n => n.Kind).Order()
            .ShouldBe(["SessionCancelled", "SessionCancelled", "SessionRescheduled", "SessionRescheduled"]);
        told.Where(n => n.Email == trainerEmail).Select(n => n.Kind).Order()
            .ShouldBe(["SessionRescheduled", "SessionRescheduled", "TrainerAssigned", "TrainerAssigned", "TrainerUnassigned", "TrainerUnassigned"]);

        var moved = told.Single(n => n.Email == Demo.Gp && n.Kind == "SessionRescheduled" && n.Channel == "InApp");
        moved.Title.ShouldBe($"课程改期：{title}");
        moved.Body.ShouldContain($"{start:yyyy年M月d日} 09:00 改为 {start.AddDays(1):yyyy年M月d日} 09:00 开始");
        moved.Body.ShouldContain("原因：专家门诊调整。");
        told.Single(n => n.Email == trainerEmail && n.Kind == "SessionRescheduled" && n.Channel == "InApp").Body.ShouldContain("您是本场培训师");
        told.Single(n => n.Email == trainerEmail && n.Kind == "TrainerAssigned" && n.Channel == "InApp").Title.ShouldBe($"授课安排：{title}");
        var cancelledMail = MailsOf(told.Where(n => n.Email == Demo.Gp && n.Kind == "SessionCancelled")).ShouldHaveSingleItem();
        cancelledMail.Subject.ShouldBe($"课程取消：{title}");
        cancelledMail.Body.ShouldContain("原因：讲者因病。");
        MailsOf(told).Count.ShouldBe(told.Count(n => n.Channel == "Email"));
    }

    [Fact]
    public async Task Completion_CertificateAndRevocation_EachToldOnce_WithLinksToTheCertificate()
    {
        var certificates = await CertificateSetup.StartAsync(api);
        var offering = await certificates.OfferingAsync();
        var learner = await certificates.CompletedLearnerAsync(offering);
        var enrolment = (await certificates.Admin.GetFromJsonAsync<JsonElement>($"/api/v1/offerings/{offering}/enrolments")).EnumerateArray()
            .Single(e => e.GetProperty("learnerId").GetGuid() == learner).GetProperty("id").GetGuid();
        var completeAgain = await certificates.Admin.PostAsJsonAsync($"/api/v1/enrolments/{enrolment}/complete", new { reason = "再次" });
        var certificate = (await certificates.IssueAsync(offering, learner)).GetProperty("id").GetGuid();
        var sameCertificate = (await certificates.IssueAsync(offering, learner)).GetProperty("id").GetGuid();
        (await certificates.Admin.PostAsJsonAsync($"/api/v1/certificates/{certificate}/revoke", new { reason = "学员信息有误" })).EnsureSuccessStatusCode();
        await api.DispatchAsync();

        completeAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        sameCertificate.ShouldBe(certificate);
        var credits = await SentAsync(offering);
        credits.Where(n => n.Kind == "CreditsAwarded").Count().ShouldBe(2);
        var creditMail = MailsOf(credits.Where(n => n.Kind == "CreditsAwarded")).ShouldHaveSingleItem();
        creditMail.Subject.ShouldBe($"学分已记入：{CourseTitle}");
        creditMail.Body.ShouldContain("学分（Ⅰ类）已记入");
        creditMail.Body.ShouldContain("http://cme.test/credits/transcript");

        var told = await SentAsync(certificate);
        told.Select(n => (n.Kind, n.Channel)).Order().ShouldBe(
            [("CertificateReady", "Email"), ("CertificateReady", "InApp"), ("CertificateRevoked", "Email"), ("CertificateRevoked", "InApp")]);
        var ready = MailsOf(told.Where(n => n.Kind == "CertificateReady")).ShouldHaveSingleItem();
        ready.Subject.ShouldBe($"证书已签发：{CourseTitle}");
        ready.Body.ShouldContain("我的证书：http://cme.test/certificates");
        ready.Body.ShouldContain($"下载 PDF：http://cme.test/certificates/{certificate}/pdf");
        var revoked = told.Single(n => n.Kind == "CertificateRevoked" && n.Channel == "InApp");
        revoked.Title.ShouldBe($"证书已撤销：{CourseTitle}");
        revoked.Body.ShouldContain("原因：学员信息有误。");
    }

    [Fact]
    public async Task ExternalActivity_ApprovedOrDeclined_TellsTheLearnerWithTheComment_Once()
    {
        var gp = await api.SignedInClientAsync(Demo.Gp);
        var institutionAdmin = await api.SignedInClientAsync(Demo.InstitutionAdmin);
        var title = $"全科年会-{Guid.NewGuid():N}"[..12];
        var approvedId = await SubmitActivityAsync(gp, title);
        var declinedId = await SubmitActivityAsync(gp, title + "B");

        (await institutionAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{approvedId}/approve", new { comment = "会议证明齐全" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var twice = await institutionAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{approvedId}/approve", new { comment = "再次" });
        (await institutionAdmin.PostAsJsonAsync($"/api/v1/credits/activities/{declinedId}/reject", new { comment = "缺少学分证明" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await api.DispatchAsync();

        twice.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var approved = await SentAsync(approvedId);
        approved.Count.ShouldBe(2);
        approved.ShouldAllBe(n => n.Kind == "ExternalActivityApproved" && n.Email == Demo.Gp);
        var approvedMail = MailsOf(approved).ShouldHaveSingleItem();
        approvedMail.Subject.ShouldBe($"外部学习已通过：{title}");
        approvedMail.Body.ShouldContain("记入 4 学分");
        approvedMail.Body.ShouldContain("审核意见：会议证明齐全。");
        approvedMail.Body.ShouldContain("http://cme.test/credits/activities");
        var declined = await SentAsync(declinedId);
        declined.Count.ShouldBe(2);
        var declinedInbox = declined.Single(n => n.Channel == "InApp");
        declinedInbox.Title.ShouldBe($"外部学习未通过：{title}B");
        declinedInbox.Body.ShouldBe($"您提交的「{title}B」未通过审核。审核意见：缺少学分证明。");
    }

    private static async Task<Guid> EnrolAsync(HttpClient client, Guid offering)
    {
        var response = await client.PostAsync($"/api/v1/offerings/{offering}/enrol", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<Guid> SubmitActivityAsync(HttpClient gp, string title)
    {
        var response = await gp.PostAsync("/api/v1/credits/activities", new MultipartFormDataContent
        {
            { new StringContent("Conference"), "kind" }, { new StringContent(title), "title" },
            { new StringContent("2026-10-12"), "startDate" }, { new StringContent("2026-10-13"), "endDate" },
            { new StringContent("12"), "hours" }, { new StringContent("4"), "claimedCredits" }, { new StringContent("II"), "creditClass" },
            { new ByteArrayContent(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")), "file", "证明.pdf" },
        });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    private static async Task<JsonElement> InboxItemAsync(HttpClient client, string kind, Guid offering)
    {
        var inbox = await client.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
        return inbox.GetProperty("items").EnumerateArray()
            .Single(i => i.GetProperty("kind").GetString() == kind && i.GetProperty("path").GetString() == $"/offerings/{offering}");
    }

    private List<SinkMessage> MailsOf(IEnumerable<Notice> notices)
    {
        var ids = notices.Where(n => n.Channel == "Email").Select(n => n.Id).ToHashSet();
        return [.. api.Sink.Messages.Where(m => m.NotificationId is { } id && ids.Contains(id))];
    }

    private sealed record Notice(Guid Id, string Email, string Kind, string Channel, string Status, string Language, string Title, string Body);

    /// <summary>Every notification about one subject, as the outbox holds it.</summary>
    private async Task<List<Notice>> SentAsync(Guid subject)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT n.id, p.email, n.kind, n.channel, n.status, n.language, coalesce(n.title, ''), coalesce(n.body, '')
            FROM notifications n JOIN professionals p ON p.id = n.recipient_id WHERE n.subject_id = @s ORDER BY n.created_at, n.kind, n.channel
            """, connection);
        command.Parameters.AddWithValue("s", subject);
        var rows = new List<Notice>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Notice(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        return rows;
    }

    private async Task<long> CountAboutAsync(string path)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM notifications WHERE data ->> 'path' = @path", connection);
        command.Parameters.AddWithValue("path", path);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
