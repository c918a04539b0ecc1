using System.Globalization;
using System.Text.Json;
using Cme.Domain.Notifications;
using Cme.Domain.Professionals;

namespace Cme.Application.Notifications;

/// <summary>A notification's words in the recipient's language.</summary>
public sealed record NotificationText(string Title, string Body);

/// <summary>
/// The texts of every kind of notification, in Chinese and English, made from the facts the
/// planner (see its SQL) or the event (see <see cref="Notices"/>) stored with it. Times are shown
/// in the session's (or offering's) own time zone.
/// </summary>
public static class NotificationTexts
{
    /// <summary>
    /// The words of a notification. With the web pages' public address (e-mail), the body ends with
    /// a link to the page it is about (the inbox when it is about no page).
    /// </summary>
    public static NotificationText Render(NotificationKind kind, string language, string dataJson, string? publicBaseUrl = null)
    {
        using var document = JsonDocument.Parse(dataJson);
        var d = document.RootElement;
        var zh = language != Languages.English;
        string S(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        decimal N(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0;
        bool B(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
        string When(string name) => LocalTime(S(name), S("timeZone"), zh);
        string Amount(string name) => N(name).ToString("0.##", CultureInfo.InvariantCulture);
        // The course's title in the reader's language, falling back to the offering's own title.
        string Course() => (zh ? S("courseTitle") : S("courseTitleEn")) is { Length: > 0 } course ? course : S("offeringTitle");
        string Offering() => (zh ? S("courseTitle") : S("courseTitleEn")) is { Length: > 0 } course
            ? zh ? $"「{course}」（{S("offeringTitle")}）" : $"\"{course}\" ({S("offeringTitle")})"
            : zh ? $"「{S("offeringTitle")}」" : $"\"{S("offeringTitle")}\"";
        string Reason(string zhLabel, string enLabel, string name = "reason") => S(name) is { Length: > 0 } r
            ? zh ? $"{zhLabel}：{r.TrimEnd('。', '.')}。" : $" {enLabel}: {r.TrimEnd('.', '。')}."
            : "";
        string FirstSession() => S("firstStartsAt") is { Length: > 0 }
            ? zh ? $"第一次课将于 {When("firstStartsAt")} 开始。" : $" The first session starts at {When("firstStartsAt")}."
            : "";
        string Where() => (S("place"), S("joinUrl")) switch
        {
            ({ Length: > 0 } place, _) => zh ? $"地点：{place}" : $"Place: {place}",
            (_, { Length: > 0 } url) => zh ? $"远程链接：{url}" : $"Join link: {url}",
            _ => "",
        };
        var trainer = S("role") == "trainer";

        var (title, body) = kind switch
        {
            NotificationKind.SessionReminder24h or NotificationKind.SessionReminder1h => zh
                ? ($"{(kind == NotificationKind.SessionReminder1h ? "即将开始" : trainer ? "授课提醒" : "上课提醒")}：{S("sessionTitle")}",
                   $"{S("offeringTitle")} 的「{S("sessionTitle")}」将于 {When("startsAt")} 开始{(trainer ? "，您是本场培训师" : "")}。{Where()}")
                : ($"{(kind == NotificationKind.SessionReminder1h ? "Starting soon" : trainer ? "Reminder, you teach" : "Reminder")}: {S("sessionTitle")}",
                   $"\"{S("sessionTitle")}\" of {S("offeringTitle")} starts at {When("startsAt")}{(trainer ? "; you are a trainer of this session" : "")}. {Where()}"),
            NotificationKind.EvaluationReminder => zh
                ? ($"请评价课程：{S("offeringTitle")}", $"「{S("offeringTitle")}」的课程已结束，请填写课程评价，这也可能是完成学分的要求。")
                : ($"Please evaluate: {S("offeringTitle")}", $"The sessions of \"{S("offeringTitle")}\" are over. Please fill in the course evaluation; completing the offering may require it."),
            NotificationKind.WaitlistPromoted => zh
                ? ($"已从候补转为正式报名：{Course()}", $"{Offering()}有了空位，您已从候补名单转为正式报名。{FirstSession()}")
                : ($"You have a seat: {Course()}", $"A seat became free in {Offering()} and you moved from the waitlist to enrolled.{FirstSession()}"),
            NotificationKind.CreditDeficit => zh
                ? ($"{N("year")}年学分尚未达标", $"按「{S("policyName")}」，{N("year")}年至少需要 {N("required"):0.##} 学分，您目前有 {N("credits"):0.##} 学分，还差 {N("required") - N("credits"):0.##} 学分。")
                : ($"Credits for {N("year")} are short", $"Under \"{S("policyNameEn")}\" you need at least {N("required"):0.##} credits in {N("year")}; you have {N("credits"):0.##}, {N("required") - N("credits"):0.##} to go."),
            NotificationKind.QualificationExpiring => zh
                ? ("培训师资格即将到期", $"您的培训师资格将于 {S("qualifiedUntil")} 到期，请及时联系继续教育办公室续期。")
                : ("Your trainer qualification expires soon", $"Your trainer qualification expires on {S("qualifiedUntil")}. Please contact the CME office to renew it."),
            NotificationKind.ReviewDigest => zh
                ? ($"待审核课程：{N("count"):0} 门", $"有 {N("count"):0} 个课程版本等待认证审核，最早提交于 {LocalTime(S("oldestSubmittedAt"), "Asia/Shanghai", zh)}。")
                : ($"Review queue: {N("count"):0}", $"{N("count"):0} course version(s) wait for accreditation review, the oldest submitted {LocalTime(S("oldestSubmittedAt"), "Asia/Shanghai", zh)}."),
            NotificationKind.EnrolmentConfirmed => zh
                ? ($"报名成功：{Course()}", $"您已成功报名{Offering()}{(B("byAdministrator") ? "（由管理员代为报名）" : "")}。{FirstSession()}")
                : ($"You are enrolled: {Course()}", $"You have a seat in {Offering()}{(B("byAdministrator") ? " (enrolled by an administrator)" : "")}.{FirstSession()}"),
            NotificationKind.WaitlistJoined => zh
                ? ($"已加入候补：{Course()}", $"{Offering()}名额已满，您已进入候补名单，目前排第 {N("position"):0} 位。一有空位将自动为您转为正式报名，并另行通知。")
                : ($"On the waitlist: {Course()}", $"{Offering()} is full. You are on its waitlist at position {N("position"):0}; when a seat frees up you will be enrolled automatically and told."),
            NotificationKind.EnrolmentCancelled => zh
                ? ($"{(B("wasWaitlisted") ? "已退出候补" : "报名已取消")}：{Course()}",
                   (B("byAdministrator") ? $"管理员已取消您在{Offering()}的{(B("wasWaitlisted") ? "候补" : "报名")}。" : $"您在{Offering()}的{(B("wasWaitlisted") ? "候补" : "报名")}已取消。")
                   + Reason("原因", "Reason"))
                : ($"{(B("wasWaitlisted") ? "Left the waitlist" : "Enrolment cancelled")}: {Course()}",
                   (B("byAdministrator") ? $"An administrator cancelled your {(B("wasWaitlisted") ? "waitlist place" : "enrolment")} in {Offering()}." : $"Your {(B("wasWaitlisted") ? "waitlist place" : "enrolment")} in {Offering()} is cancelled.")
                   + Reason("原因", "Reason")),
            NotificationKind.SessionRescheduled => zh
                ? ($"课程改期：{S("sessionTitle")}",
                   $"{Offering()}的「{S("sessionTitle")}」由 {When("previousStartsAt")} 改为 {When("startsAt")} 开始{(trainer ? "，您是本场培训师" : "")}。{Reason("原因", "Reason")}{Where()}")
                : ($"Session moved: {S("sessionTitle")}",
                   $"\"{S("sessionTitle")}\" of {Offering()} moved from {When("previousStartsAt")} to {When("startsAt")}{(trainer ? "; you are a trainer of this session" : "")}.{Reason("原因", "Reason")} {Where()}"),
            NotificationKind.SessionCancelled => zh
                ? ($"课程取消：{S("sessionTitle")}", $"{Offering()}原定于 {When("startsAt")} 的「{S("sessionTitle")}」已取消。{Reason("原因", "Reason")}")
                : ($"Session cancelled: {S("sessionTitle")}", $"\"{S("sessionTitle")}\" of {Offering()}, planned for {When("startsAt")}, is cancelled.{Reason("原因", "Reason")}"),
            NotificationKind.CreditsAwarded => zh
                ? ($"学分已记入：{Course()}", $"您已完成{Offering()}，{Amount("credits")} 学分（{ClassZh(S("creditClass"))}类）已记入 {N("year"):0} 年学分。证书生成后会另行通知您。")
                : ($"Credits recorded: {Course()}", $"You completed {Offering()}: {Amount("credits")} Class {S("creditClass")} credit(s) are recorded for {N("year"):0}. You will be told when the certificate is ready."),
            NotificationKind.CertificateReady => zh
                ? ($"证书已签发：{Course()}", $"您的「{Course()}」证书（编号 {S("number")}，{Amount("credits")} 学分）已签发，可在“我的证书”中查看并下载 PDF。")
                : ($"Your certificate is ready: {Course()}", $"Your certificate for \"{Course()}\" (number {S("number")}, {Amount("credits")} credits) is issued. See it and download the PDF under My certificates."),
            NotificationKind.CertificateRevoked => zh
                ? ($"证书已撤销：{Course()}", $"您的「{Course()}」证书（编号 {S("number")}）已被撤销{(B("creditRevoked") ? "，相应学分也已撤销" : "")}。{Reason("原因", "Reason")}如有疑问，请联系继续教育办公室。")
                : ($"Certificate revoked: {Course()}", $"Your certificate for \"{Course()}\" (number {S("number")}) was revoked{(B("creditRevoked") ? ", and its credits with it" : "")}.{Reason("原因", "Reason")} Please contact the CME office with any questions."),
            NotificationKind.ExternalActivityApproved => zh
                ? ($"外部学习已通过：{S("activityTitle")}",
                   $"您提交的「{S("activityTitle")}」已审核通过，记入 {Amount("credits")} 学分{(N("credits") < N("claimedCredits") ? $"（申报 {Amount("claimedCredits")} 学分，受年度上限限制）" : "")}。{Reason("审核意见", "Reviewer's comment", "comment")}")
                : ($"External activity approved: {S("activityTitle")}",
                   $"\"{S("activityTitle")}\" was approved: {Amount("credits")} credit(s) recorded{(N("credits") < N("claimedCredits") ? $" (you claimed {Amount("claimedCredits")}; the yearly cap applies)" : "")}.{Reason("审核意见", "Reviewer's comment", "comment")}"),
            NotificationKind.ExternalActivityDeclined => zh
                ? ($"外部学习未通过：{S("activityTitle")}", $"您提交的「{S("activityTitle")}」未通过审核。{Reason("审核意见", "Reviewer's comment", "comment")}")
                : ($"External activity declined: {S("activityTitle")}", $"\"{S("activityTitle")}\" was declined.{Reason("审核意见", "Reviewer's comment", "comment")}"),
            NotificationKind.TrainerAssigned => zh
                ? ($"授课安排：{S("sessionTitle")}", $"您已被安排为{Offering()}「{S("sessionTitle")}」的培训师，{When("startsAt")} 开始。{Where()}")
                : ($"You teach: {S("sessionTitle")}", $"You are assigned as a trainer of \"{S("sessionTitle")}\" of {Offering()}, starting {When("startsAt")}. {Where()}"),
            NotificationKind.TrainerUnassigned => zh
                ? ($"授课安排已取消：{S("sessionTitle")}", $"您不再担任{Offering()}「{S("sessionTitle")}」（{When("startsAt")}）的培训师。")
                : ($"No longer teaching: {S("sessionTitle")}", $"You are no longer a trainer of \"{S("sessionTitle")}\" of {Offering()} ({When("startsAt")})."),
            NotificationKind.PasswordReset => zh
                ? ("重置密码", $"有人（希望是您本人）请求重置您在继续医学教育平台的密码。请在 {N("minutes"):0} 分钟内打开下面的链接设置新密码；链接只能使用一次。如果不是您本人的请求，请忽略本邮件，您的密码不会改变。")
                : ("Reset your password", $"Someone (we hope you) asked to reset your password for the CME platform. Open the link below within {N("minutes"):0} minutes to set a new password; the link works once. If you did not ask, ignore this e-mail: your password stays as it is."),
            NotificationKind.CompletionReminder => zh
                ? ($"请完成学习：{Course()}", $"您在{Offering()}中还有未完成的项目：{string.Join("、", Missing(d, zh))}。完成后才能获得学分和证书。")
                : ($"Still to do: {Course()}", $"In {Offering()} you still need to: {string.Join("; ", Missing(d, zh))}. The credits and the certificate come once it is done."),
            NotificationKind.TrainerCandidacy => zh
                ? ($"培训师候选：{Course()}", $"您已完成师资培训{Offering()}，已列入培训师候选名单。继续教育办公室审核通过后，您将加入培训师库，并可在“我的授课”中查看授课安排。")
                : ($"Trainer candidate: {Course()}", $"You completed the train-the-trainer offering {Offering()} and are now a candidate for the trainer pool. Once the CME office approves, you join the pool and see your sessions under My teaching."),
            NotificationKind.TrainerApproved => zh
                ? ("培训师申请已通过", "继续教育办公室已批准您成为培训师，您已加入培训师库。重新登录后即可在菜单中看到“我的授课”。")
                : ("You are now a trainer", "The CME office approved you as a trainer: you are in the trainer pool. Sign in again to see My teaching in the menu."),
            NotificationKind.TrainerDeclined => zh
                ? ("培训师申请未通过", $"继续教育办公室未批准您成为培训师。{Reason("原因", "Reason")}")
                : ("Trainer application declined", $"The CME office did not approve you as a trainer.{Reason("原因", "Reason")}"),
            NotificationKind.VersionSubmitted => zh
                ? ($"待审核：{Course()}（第 {N("number"):0} 版）",
                   $"{(S("submittedBy") is { Length: > 0 } by ? by : "作者")}{(B("resubmitted") ? "修改后重新提交了" : "提交了")}「{Course()}」第 {N("number"):0} 版，等待认证审核。")
                : ($"Submitted for review: {Course()} (version {N("number"):0})",
                   $"{(S("submittedByLatin") is { Length: > 0 } byLatin ? byLatin : "The author")} {(B("resubmitted") ? "resubmitted, with changes," : "submitted")} version {N("number"):0} of \"{Course()}\" for accreditation review."),
            NotificationKind.VersionAccredited => zh
                ? ($"课程已通过认证：{Course()}",
                   $"「{Course()}」第 {N("number"):0} 版已通过继续教育办公室认证：{ClassZh(S("creditClass"))}类学分 {Amount("creditValue")} 分，认证编号 {S("accreditationNumber")}。发布后学员即可学习。")
                : ($"Course accredited: {Course()}",
                   $"Version {N("number"):0} of \"{Course()}\" is accredited by the CME office: {Amount("creditValue")} Class {S("creditClass")} credit(s), accreditation number {S("accreditationNumber")}. Learners can take it once it is published."),
            NotificationKind.VersionChangesRequested => zh
                ? ($"课程需修改：{Course()}",
                   $"继续教育办公室审核了「{Course()}」第 {N("number"):0} 版，提出 {N("comments"):0} 条修改意见，请修改后重新提交。{Reason("审核意见", "Reviewer's comment", "summary")}")
                : ($"Changes requested: {Course()}",
                   $"The CME office reviewed version {N("number"):0} of \"{Course()}\" and left {N("comments"):0} comment(s); please make the changes and submit it again.{Reason("审核意见", "Reviewer's comment", "summary")}"),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (publicBaseUrl is { Length: > 0 } baseUrl)
        {
            var root = baseUrl.TrimEnd('/');
            body += kind == NotificationKind.PasswordReset
                ? zh ? $"\n\n设置新密码：{root}{PathOf(d)}" : $"\n\nSet a new password: {root}{PathOf(d)}"
                : kind == NotificationKind.CertificateReady
                ? zh ? $"\n\n我的证书：{root}{PathOf(d)}\n下载 PDF：{root}{S("pdfPath")}" : $"\n\nMy certificates: {root}{PathOf(d)}\nDownload the PDF: {root}{S("pdfPath")}"
                : zh ? $"\n\n查看：{root}{PathOf(d)}" : $"\n\nOpen: {root}{PathOf(d)}";
        }
        return new NotificationText(Trim(title, 300), Trim(body.Trim(), 4000));
    }

    /// <summary>The web page a notification is about (its facts' "path"); the inbox when it names none.</summary>
    public static string PathOf(string dataJson)
    {
        using var document = JsonDocument.Parse(dataJson);
        return PathOf(document.RootElement);
    }

    private static string PathOf(JsonElement data) =>
        data.TryGetProperty("path", out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 1 } path && path[0] == '/'
            ? path
            : "/notifications";

    /// <summary>What a completion reminder says is missing, from the reason codes it stored.</summary>
    private static IEnumerable<string> Missing(JsonElement data, bool zh) =>
        data.TryGetProperty("missing", out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Select(m => (m.GetString(), zh) switch
            {
                ("EvaluationMissing", true) => "提交课程评价",
                ("EvaluationMissing", false) => "submit the course evaluation",
                ("PostTestNotTaken", true) => "参加结业测验",
                ("PostTestNotTaken", false) => "take the post-test",
                ("PostTestBelow", true) => "结业测验达到合格线",
                ("PostTestBelow", false) => "pass the post-test",
                ("ScenariosNotPassed", true) => "通过全部临床情景案例",
                ("ScenariosNotPassed", false) => "pass every clinical scenario",
                (_, true) => "完成课程要求",
                _ => "meet the course's requirements",
            }).Distinct()
            : [];

    private static string ClassZh(string creditClass) => creditClass switch
    {
        "I" => "Ⅰ",
        "II" => "Ⅱ",
        _ => creditClass,
    };

    private static string LocalTime(string instant, string timeZone, bool zh)
    {
        if (!DateTimeOffset.TryParse(instant, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            return instant;
        var zone = TryZone(timeZone);
        var local = TimeZoneInfo.ConvertTime(at, zone);
        return zh
            ? local.ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture)
            : local.ToString("d MMM yyyy HH:mm", CultureInfo.InvariantCulture) + $" ({zone.Id})";
    }

    private static TimeZoneInfo TryZone(string id)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(string.IsNullOrEmpty(id) ? "Asia/Shanghai" : id);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }

    private static string Trim(string s, int max) => s.Length <= max ? s : s[..max];
}
