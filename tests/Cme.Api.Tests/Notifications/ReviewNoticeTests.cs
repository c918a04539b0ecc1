using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Cme.Api.Tests.Courses;
using Cme.Testing;
using Npgsql;

namespace Cme.Api.Tests.Notifications;

/// <summary>
/// Notices of the accreditation workflow: the reviewers when a version is submitted, the author when it is
/// sent back with comments or accredited; each in the recipient's language, once, whatever is retried.
/// </summary>
public sealed class ReviewNoticeTests(NotificationApi api) : IClassFixture<NotificationApi>
{
    private const string Title = "基层胸痛的识别与转诊";

    [Fact]
    public async Task SubmitRequestChangesResubmitAccredit_TellsReviewersAndTheAuthor_EachStepOnce_InTheirLanguage()
    {
        var admin = await api.SignedInClientAsync(Demo.CmeAdmin);
        (await admin.PutAsJsonAsync("/api/v1/me/language", new { language = "en" })).EnsureSuccessStatusCode();
        try
        {
            var (author, version, versionId, moduleId) = await DraftAsync("CARD-NTC-01");
            (await author.PostAsync($"{version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            await api.DispatchAsync();
            await api.DispatchAsync(); // a second run of the job sends nothing again

            var submitted = await NoticesAsync(versionId, "VersionSubmitted");
            submitted.Count.ShouldBe(2); // the CME office's one reviewer: inbox and e-mail
            submitted.ShouldNotBeEmpty();
            submitted.ShouldAllBe(n => n.Email == Demo.CmeAdmin && n.Status == "Sent" && n.Language == "en");
            InApp(submitted).Title.ShouldBe("Submitted for review: Chest pain in primary care: recognise and refer (version 1)");
            InApp(submitted).Body.ShouldContain("submitted version 1 of \"Chest pain in primary care: recognise and refer\" for accreditation review.");
            var reviewerMail = MailsOf(submitted).ShouldHaveSingleItem();
            reviewerMail.To.ShouldBe([Demo.CmeAdmin]);
            reviewerMail.Body.ShouldContain($"Open: http://cme.test/review/courses/");
            (await NoticesAsync(versionId, "VersionChangesRequested")).ShouldBeEmpty();

            var sentBack = await admin.PostAsJsonAsync($"{version}/request-changes", new
            {
                comments = new object[]
                {
                    new { moduleId = (Guid?)null, text = "请补充心电图结果后再提交" },
                    new { moduleId = (Guid?)moduleId, text = "处理决策缺少阿司匹林的选项。" },
                },
            });
            sentBack.StatusCode.ShouldBe(HttpStatusCode.NoContent, await sentBack.Content.ReadAsStringAsync());
            await api.DispatchAsync();

            var changes = await NoticesAsync(versionId, "VersionChangesRequested");
            changes.Count.ShouldBe(2);
            changes.ShouldNotBeEmpty();
            changes.ShouldAllBe(n => n.Email == Demo.Author && n.Status == "Sent" && n.Language == "zh-CN");
            InApp(changes).Title.ShouldBe($"课程需修改：{Title}");
            InApp(changes).Body.ShouldBe($"继续教育办公室审核了「{Title}」第 1 版，提出 2 条修改意见，请修改后重新提交。审核意见：请补充心电图结果后再提交。");
            var inbox = await author.GetFromJsonAsync<JsonElement>("/api/v1/me/notifications?pageSize=100");
            var item = inbox.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("kind").GetString() == "VersionChangesRequested"
                && i.GetProperty("subjectId").GetGuid() == versionId);
            item.GetProperty("path").GetString().ShouldBe(version.Replace("/api/v1/courses/", "/authoring/courses/"));
            MailsOf(changes).ShouldHaveSingleItem().Subject.ShouldBe($"课程需修改：{Title}");

            (await author.PostAsync($"{version}/submit", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            (await admin.PostAsJsonAsync($"{version}/accredit",
                new { creditClass = "II", creditValue = 2, projectLevel = "Consortium", accreditationNumber = "YLT-2026-118" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
            var again = await admin.PostAsJsonAsync($"{version}/accredit",
                new { creditClass = "II", creditValue = 2, projectLevel = "Consortium", accreditationNumber = "YLT-2026-118" });
            await api.DispatchAsync();
            await api.DispatchAsync();

            again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            var resubmitted = (await NoticesAsync(versionId, "VersionSubmitted")).Where(n => !submitted.Any(s => s.Id == n.Id)).ToList();
            resubmitted.Count.ShouldBe(2);
            InApp(resubmitted).Body.ShouldContain("resubmitted, with changes,");
            var accredited = await NoticesAsync(versionId, "VersionAccredited");
            accredited.Count.ShouldBe(2);
            accredited.ShouldNotBeEmpty();
            accredited.ShouldAllBe(n => n.Email == Demo.Author && n.Status == "Sent" && n.Language == "zh-CN");
            InApp(accredited).Title.ShouldBe($"课程已通过认证：{Title}");
            InApp(accredited).Body.ShouldBe($"「{Title}」第 1 版已通过继续教育办公室认证：Ⅱ类学分 2 分，认证编号 YLT-2026-118。发布后学员即可学习。");
            MailsOf(accredited).ShouldHaveSingleItem().To.ShouldBe([Demo.Author]);
            MailsOf(await NoticesAsync(versionId, null)).Count.ShouldBe(4); // two to the reviewer, two to the author
        }
        finally
        {
            (await admin.PutAsJsonAsync("/api/v1/me/language", new { language = "zh-CN" })).EnsureSuccessStatusCode();
        }
    }

    [Fact]
    public async Task ARefusedSubmission_TellsNobody()
    {
        var (author, version, versionId, _) = await DraftAsync("CARD-NTC-02", complete: false);

        var refused = await author.PostAsync($"{version}/submit", null);
        await api.DispatchAsync();

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await NoticesAsync(versionId, null)).ShouldBeEmpty();
    }

    private async Task<(HttpClient Author, string Version, Guid VersionId, Guid ModuleId)> DraftAsync(string code, bool complete = true)
    {
        var author = await api.SignedInClientAsync(Demo.Author);
        var created = await author.PostAsJsonAsync("/api/v1/courses", CourseScenarios.NewCourse(code));
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var ids = await created.Content.ReadFromJsonAsync<JsonElement>();
        var versionId = ids.GetProperty("versionId").GetGuid();
        var version = $"/api/v1/courses/{ids.GetProperty("id").GetGuid()}/versions/{versionId}";
        var module = await author.PostAsJsonAsync($"{version}/modules", new { kind = "Scenario", title = "胸痛病例" });
        var moduleId = (await module.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        foreach (var node in complete ? CourseScenarios.Nodes : CourseScenarios.Nodes.Take(2))
        {
            var id = ((dynamic)node).id as string;
            (await author.PutAsJsonAsync($"{version}/modules/{moduleId}/scenario/nodes/{id}", node)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        (await author.PutAsJsonAsync($"{version}/disclosure", new { text = "本课程作者声明无利益冲突。" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        return (author, version, versionId, moduleId);
    }

    private static Notice InApp(IEnumerable<Notice> notices) => notices.Single(n => n.Channel == "InApp");

    private List<SinkMessage> MailsOf(IEnumerable<Notice> notices)
    {
        var ids = notices.Where(n => n.Channel == "Email").Select(n => n.Id).ToHashSet();
        return [.. api.Sink.Messages.Where(m => m.NotificationId is { } id && ids.Contains(id))];
    }

    private sealed record Notice(Guid Id, string Email, string Kind, string Channel, string Status, string Language, string Title, string Body);

    /// <summary>The notifications about a version (of one kind, or all), oldest first, as the outbox holds them.</summary>
    private async Task<List<Notice>> NoticesAsync(Guid versionId, string? kind)
    {
        await using var connection = new NpgsqlConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT n.id, p.email, n.kind, n.channel, n.status, n.language, coalesce(n.title, ''), coalesce(n.body, '')
            FROM notifications n JOIN professionals p ON p.id = n.recipient_id
            WHERE n.subject_id = @s AND (@kind::text IS NULL OR n.kind = @kind) ORDER BY n.occurrence, n.channel
            """, connection);
        command.Parameters.AddWithValue("s", versionId);
        command.Parameters.Add(new NpgsqlParameter("kind", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)kind ?? DBNull.Value });
        var rows = new List<Notice>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            rows.Add(new Notice(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetString(5), reader.GetString(6), reader.GetString(7)));
        return rows;
    }
}
