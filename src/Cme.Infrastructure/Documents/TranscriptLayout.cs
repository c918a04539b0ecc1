using System.Globalization;
using Cme.Application.Credits;
using Cme.Domain.Credits;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// A learner's annual transcript, A4 portrait: the standing against the policy, credits by class and
/// by source against the requirement, then every ledger entry of the year (continued on further pages).
/// </summary>
internal static class TranscriptLayout
{
    private const double Left = PortraitTable.Left, Right = PortraitTable.Right, Bottom = PortraitTable.Bottom;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture, Zh = CultureInfo.GetCultureInfo("zh-CN");

    public static void Draw(PdfDocument document, Transcript t, int year, DateTimeOffset printedAt, string issuer)
    {
        var standing = t.Years.Single(y => y.Year == year);
        var text = NewPage(document);
        text.Centered(issuer, 40, 13, bold: true, PdfText.Crimson);
        text.Centered($"继续医学教育年度学分报告  {year}", 62, 20, bold: true);
        text.Centered($"Annual CME Credit Transcript {year}", 90, 11, color: PdfText.Muted);

        double y = 122;
        Row(text, ref y, "姓名 Name", $"{t.NameZh}  {t.NameLatin}");
        Row(text, ref y, "执业证号 Licence No.", t.LicenceNumber);
        Row(text, ref y, "机构 Institution", t.InstitutionName);
        Row(text, ref y, "学分政策 Policy", $"{standing.Policy.Name} ({standing.Policy.Code})");
        Row(text, ref y, "年度状态 Status", Status(standing.Status), bold: true);
        Row(text, ref y, "学分 Credits", $"{Num(standing.CountedCredits)} / {Num(standing.RequiredCredits)}");
        if (standing.RequiredHours is { } hours)
            Row(text, ref y, "学时 Study hours", $"{Num(standing.Hours)} / {Num(hours)}");
        foreach (var shortfall in standing.Shortfalls)
            Row(text, ref y, "缺口 Missing", ShortfallText.Render(shortfall), color: PdfText.Crimson);

        y += 10;
        PortraitTable.Heading(text, ref y, "按学分类别 By credit class");
        PortraitTable.Columns(text, ref y, true, ("类别 Class", 120), ("学分 Credits", 120), ("最低 Minimum", 120), ("最高 Maximum", 120));
        foreach (var c in standing.ByClass)
            PortraitTable.Columns(text, ref y, false, (c.CreditClass, 120), (Num(c.Credits), 120), (c.Minimum is { } min ? Num(min) : "—", 120),
                (c.Maximum is { } max ? Num(max) : "—", 120));

        y += 10;
        PortraitTable.Heading(text, ref y, "按来源 By source");
        PortraitTable.Columns(text, ref y, true, ("来源 Source", 240), ("学分 Credits", 120));
        foreach (var (source, credits) in standing.BySource.OrderBy(s => s.Key))
            PortraitTable.Columns(text, ref y, false, (Source(source), 240), (Num(credits), 120));

        y += 10;
        PortraitTable.Heading(text, ref y, "学分记录 Ledger entries");
        (string, double)[] header = [("日期 Date", 70), ("类型 Kind", 70), ("来源 Source", 90), ("类别 Class", 45), ("学分 Credits", 50), ("说明 Details", 170)];
        PortraitTable.Columns(text, ref y, true, header);
        foreach (var e in t.Entries.Where(e => e.Year == year))
        {
            if (y > Bottom - 20)
            {
                Footer(text, printedAt);
                text = NewPage(document);
                y = 50;
                PortraitTable.Columns(text, ref y, true, header);
            }
            var reason = e.Activity is { Reduced: true } activity ? $"{e.Reason}（{activity.Note(Zh)}）" : e.Reason;
            var details = text.Fit(e.OfferingTitle is { } title ? $"{title} — {reason}" : reason, 165, 8.5);
            PortraitTable.Columns(text, ref y, false, (e.RecordedAt.ToString("yyyy-MM-dd", Inv), 70), (Kind(e.Kind) + (e.Revoked ? " (已撤销)" : ""), 70),
                (Source(e.Source), 90), (e.CreditClass, 45), (Num(e.Credits), 50), (details, 170));
        }
        Footer(text, printedAt);
    }

    private static PdfText NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return new PdfText(XGraphics.FromPdfPage(page));
    }

    /// <summary>Closes the page: the footer, then its drawing surface.</summary>
    private static void Footer(PdfText text, DateTimeOffset printedAt)
    {
        text.Line(Left, Bottom + 6, Right, Bottom + 6, PdfText.Gold);
        text.Draw($"打印时间 Printed {printedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", Left, Bottom + 10, 300, 8, color: PdfText.Muted);
        text.Graphics.Dispose();
    }

    private static void Row(PdfText text, ref double y, string label, string value, bool bold = false, XColor? color = null)
    {
        text.Draw(label, Left, y, 150, 10, color: PdfText.Muted);
        text.Draw(text.Fit(value, Right - Left - 150, 10, bold), Left + 150, y, Right - Left - 150, 10, bold, color);
        y += 17;
    }

    private static string Num(decimal value) => value.ToString("0.##", Inv);

    private static string Status(ComplianceStatus status) => status switch
    {
        ComplianceStatus.Met => "达标 Met",
        ComplianceStatus.AtRisk => "有风险 At risk",
        ComplianceStatus.NotMet => "未达标 Not met",
        _ => "不适用 Not applicable",
    };

    private static string Kind(LedgerEntryKind kind) => kind switch
    {
        LedgerEntryKind.Award => "授予 Award",
        LedgerEntryKind.Revocation => "撤销 Revocation",
        _ => "调整 Adjustment",
    };

    private static string Source(CreditSource source) => source switch
    {
        CreditSource.Completion => "完成项目 Completion",
        CreditSource.Teaching => "授课 Teaching",
        CreditSource.Conference => "学术会议 Conference",
        CreditSource.SelfStudy => "自学 Self-study",
        CreditSource.StudyPlacement => "进修 Placement",
        CreditSource.Publication => "论文 Publication",
        _ => "调整 Adjustment",
    };
}
