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
        var rows = transcript.Entries.Select(e =>
        {
            var year = standing.GetValueOrDefault(e.Year);
            return (IReadOnlyList<string?>)
            [
                transcript.LicenceNumber, transcript.NameZh, transcript.NameLatin, transcript.InstitutionName, e.Year.ToString(inv),
                e.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm", inv), Kind(e.Kind, zh), e.CreditClass, Source(e.Source, zh),
                e.Credits.ToString("0.##", inv), e.Hours.ToString("0.##", inv), e.OfferingTitle, e.Reason, e.Revoked ? (zh ? "是" : "yes") : "",
                e.RecordedByName, year is null ? "" : Status(year.Status, zh), year?.CountedCredits.ToString("0.##", inv),
                year?.RequiredCredits.ToString("0.##", inv), year is null ? "" : string.Join("; ", year.Shortfalls.Select(s => s.Message)),
            ];
        });
        return CsvExport.Write(header, rows);
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
