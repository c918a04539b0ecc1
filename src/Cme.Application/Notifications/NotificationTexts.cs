using System.Globalization;
using System.Text.Json;
using Cme.Domain.Notifications;
using Cme.Domain.Professionals;

namespace Cme.Application.Notifications;

/// <summary>A notification's words in the recipient's language.</summary>
public sealed record NotificationText(string Title, string Body);

/// <summary>
/// The texts of every kind of notification, in Chinese and English, made from the facts the
/// planner stored with it (see the planner's SQL for the names). Times are shown in the
/// session's own time zone.
/// </summary>
public static class NotificationTexts
{
    public static NotificationText Render(NotificationKind kind, string language, string dataJson, string? link = null)
    {
        using var document = JsonDocument.Parse(dataJson);
        var d = document.RootElement;
        var zh = language != Languages.English;
        string S(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : "";
        decimal N(string name) => d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDecimal() : 0;
        string When(string name) => LocalTime(S(name), S("timeZone"), zh);
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
                ? ($"已从候补转为正式报名：{S("offeringTitle")}", $"「{S("offeringTitle")}」有了空位，您已从候补名单转为正式报名。")
                : ($"You have a seat: {S("offeringTitle")}", $"A seat became free in \"{S("offeringTitle")}\" and you moved from the waitlist to enrolled."),
            NotificationKind.CreditDeficit => zh
                ? ($"{N("year")}年学分尚未达标", $"按「{S("policyName")}」，{N("year")}年至少需要 {N("required"):0.##} 学分，您目前有 {N("credits"):0.##} 学分，还差 {N("required") - N("credits"):0.##} 学分。")
                : ($"Credits for {N("year")} are short", $"Under \"{S("policyNameEn")}\" you need at least {N("required"):0.##} credits in {N("year")}; you have {N("credits"):0.##}, {N("required") - N("credits"):0.##} to go."),
            NotificationKind.QualificationExpiring => zh
                ? ("培训师资格即将到期", $"您的培训师资格将于 {S("qualifiedUntil")} 到期，请及时联系继续教育办公室续期。")
                : ("Your trainer qualification expires soon", $"Your trainer qualification expires on {S("qualifiedUntil")}. Please contact the CME office to renew it."),
            NotificationKind.ReviewDigest => zh
                ? ($"待审核课程：{N("count"):0} 门", $"有 {N("count"):0} 个课程版本等待认证审核，最早提交于 {LocalTime(S("oldestSubmittedAt"), "Asia/Shanghai", zh)}。")
                : ($"Review queue: {N("count"):0}", $"{N("count"):0} course version(s) wait for accreditation review, the oldest submitted {LocalTime(S("oldestSubmittedAt"), "Asia/Shanghai", zh)}."),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
        if (link is { Length: > 0 })
            body += zh ? $"\n\n查看：{link}" : $"\n\nOpen: {link}";
        return new NotificationText(Trim(title, 300), Trim(body.Trim(), 4000));
    }

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
