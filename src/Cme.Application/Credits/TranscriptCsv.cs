using System.Globalization;
using Cme.Application.Common.Csv;
using Cme.Domain.Credits;

namespace Cme.Application.Credits;

/// <summary>
/// A transcript as CSV: one row per ledger entry, each carrying the person and the standing of its
/// year against the policy, so the file sorts and filters in a spreadsheet without losing context.
/// Headings and words follow the request's language (Chinese unless English is asked for).
/// </summary>
public static class TranscriptCsv
{
    public const string ContentType = "text/csv; charset=utf-8";

    public static string FileName(Transcript t) =>
        t.FromYear == t.ToYear ? $"transcript-{t.LicenceNumber}-{t.FromYear}.csv" : $"transcript-{t.LicenceNumber}-{t.FromYear}-{t.ToYear}.csv";

    public static byte[] Write(Transcript transcript, CultureInfo culture)
    {
        var zh = !culture.Name.StartsWith("en", StringComparison.OrdinalIgnoreCase);
        string[] header = zh
            ? ["执业证号", "姓名", "姓名拼音", "机构", "年度", "记录时间(UTC)", "类型", "学分类别", "来源", "学分", "学时", "培训项目", "原因", "已撤销", "记录人", "年度状态", "年度已计学分", "年度要求学分", "年度缺口"]
            : ["Licence number", "Name", "Name (Latin)", "Institution", "Year", "Recorded at (UTC)", "Kind", "Class", "Source", "Credits", "Hours", "Offering", "Reason", "Revoked", "Recorded by", "Year status", "Year counted credits", "Year required credits", "Year shortfalls"];
        var standing = transcript.Years.ToDictionary(y => y.Year);
        var inv = CultureInfo.InvariantCulture;
        using var csv = new CsvDocument(header);
        foreach (var e in transcript.Entries)
        {
            var year = standing.GetValueOrDefault(e.Year);
            csv.Text(transcript.LicenceNumber).Text(transcript.NameZh).Text(transcript.NameLatin).Text(transcript.InstitutionName).Number(e.Year)
                .Text(e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv)).Text(Kind(e.Kind, zh)).Text(e.CreditClass).Text(Source(e.Source, zh))
                .Number(e.Credits).Number(e.Hours).Text(e.OfferingTitle).Text(e.Activity is { Reduced: true } a ? $"{e.Reason} ({a.Note(culture)})" : e.Reason).Text(e.Revoked ? (zh ? "是" : "yes") : "")
                .Text(e.RecordedByName ?? (zh ? "系统" : "System")).Text(year is null ? "" : Status(year.Status, zh)).Number(year?.CountedCredits).Number(year?.RequiredCredits)
                .Text(year is null ? "" : ShortfallText.RenderAll(year.Shortfalls, culture));
            csv.EndRow();
        }
        return csv.ToBytes();
    }

    private static string Kind(LedgerEntryKind kind, bool zh) => (kind, zh) switch
    {
        (LedgerEntryKind.Award, true) => "授予",
        (LedgerEntryKind.Revocation, true) => "撤销",
        (LedgerEntryKind.Adjustment, true) => "调整",
        _ => kind.ToString(),
    };

    private static string Source(CreditSource source, bool zh) => !zh ? source.ToString() : source switch
    {
        CreditSource.Completion => "完成培训项目",
        CreditSource.Teaching => "授课",
        CreditSource.Conference => "学术会议",
        CreditSource.SelfStudy => "有计划的自学",
        CreditSource.StudyPlacement => "进修学习",
        CreditSource.Publication => "发表论文",
        CreditSource.Adjustment => "管理员调整",
        _ => source.ToString(),
    };

    private static string Status(ComplianceStatus status, bool zh) => (status, zh) switch
    {
        (ComplianceStatus.Met, true) => "达标",
        (ComplianceStatus.AtRisk, true) => "有风险",
        (ComplianceStatus.NotMet, true) => "未达标",
        (ComplianceStatus.NotApplicable, true) => "不适用",
        _ => status.ToString(),
    };
}
