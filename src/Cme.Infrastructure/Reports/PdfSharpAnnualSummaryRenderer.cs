using System.Globalization;
using Cme.Application.Certificates;
using Cme.Application.Reports;
using Cme.Infrastructure.Documents;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Cme.Infrastructure.Reports;

/// <summary>
/// The annual summary, A4 portrait, bilingual headings, with the same PDFsharp set-up and font
/// (Chinese and Latin in one face) as certificates: asking for the document renderer makes sure
/// PDFsharp's process-wide font resolver is set before the first page is drawn.
/// </summary>
internal sealed class PdfSharpAnnualSummaryRenderer(IDocumentRenderer documents) : IAnnualSummaryRenderer
{
    private const double Left = PortraitTable.Left, Right = PortraitTable.Right, Bottom = PortraitTable.Bottom;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public byte[] Render(AnnualSummaryContent c)
    {
        _ = documents; // its constructor has set PDFsharp up
        using var document = new PdfDocument();
        document.Info.Title = $"{c.ScopeName} {c.Completion.Year} 继续医学教育年度报告";
        document.Info.Author = c.ConsortiumName;
        document.Info.Creator = "Consortium CME";
        var page = NewPage(document);
        var text = new PdfText(XGraphics.FromPdfPage(page));
        text.Centered(c.ConsortiumName, 40, 13, bold: true, PdfText.Crimson);
        text.Centered($"{c.ScopeName} 继续医学教育年度报告 {c.Completion.Year}", 62, 18, bold: true);
        text.Centered($"Annual CME summary {c.Completion.Year} · {c.Completion.Policy.Name} ({c.Completion.Policy.Code})", 88, 10, color: PdfText.Muted);

        var t = c.Completion.Total;
        double y = 118;
        PortraitTable.Heading(text, ref y, "学分达标 Credit completion");
        PortraitTable.Columns(text, ref y, true, ("人数 Headcount", 100), ("达标 Met", 90), ("有风险 At risk", 90), ("未达标 Not met", 90), ("达标率 Met %", 100));
        PortraitTable.Columns(text, ref y, false, (t.Headcount.ToString(Inv), 100), (t.Met.ToString(Inv), 90), (t.AtRisk.ToString(Inv), 90), (t.NotMet.ToString(Inv), 90),
            ($"{Num(t.MetPercent)}%", 100));

        y += 8;
        PortraitTable.Heading(text, ref y, "月度达标趋势 Monthly trend (share meeting the requirement at month end)");
        Trend(text, ref y, c.Trend.Points);

        foreach (var (title, groups) in new[]
                 {
                     ("各机构 By institution (lowest first)", c.Completion.ByInstitution), ("各地区 By region", c.Completion.ByRegion),
                     ("机构级别 By tier", c.Completion.ByTier), ("职业 By profession", c.Completion.ByProfession),
                 })
        {
            y += 8;
            PortraitTable.Heading(text, ref y, title);
            PortraitTable.Columns(text, ref y, true, ("", 200), ("人数 Headcount", 70), ("达标 Met", 60), ("有风险", 60), ("未达标", 60), ("达标率", 45));
            foreach (var g in groups)
            {
                if (y > Bottom - 20)
                    (text, y) = (NextPage(document, text, c.PrintedAt), 50);
                Bar(text, y, g.MetPercent);
                PortraitTable.Columns(text, ref y, false, (text.Fit(g.Label, 195, 8.5), 200), (g.Headcount.ToString(Inv), 70), (g.Met.ToString(Inv), 60),
                    (g.AtRisk.ToString(Inv), 60), (g.NotMet.ToString(Inv), 60), ($"{Num(g.MetPercent)}%", 45));
            }
        }

        y += 8;
        if (y > Bottom - 80)
            (text, y) = (NextPage(document, text, c.PrintedAt), 50);
        PortraitTable.Heading(text, ref y, "培训实施 Training delivery: seat-hours per GP by region");
        PortraitTable.Columns(text, ref y, true, ("地区 Region", 200), ("座位学时 Seat-hours", 110), ("全科医生 GPs", 90), ("人均 Per GP", 90));
        foreach (var r in c.Delivery.SeatHoursPerGp)
        {
            if (y > Bottom - 20)
                (text, y) = (NextPage(document, text, c.PrintedAt), 50);
            PortraitTable.Columns(text, ref y, false, (r.Region, 200), (Num(r.SeatHours), 110), (r.GeneralPractitioners.ToString(Inv), 90),
                (r.SeatHoursPerGp is { } v ? Num(v) : "—", 90));
        }
        Footer(text, c.PrintedAt);
        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    private static PdfPage NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(210);
        page.Height = XUnit.FromMillimeter(297);
        return page;
    }

    private static PdfText NextPage(PdfDocument document, PdfText text, DateTimeOffset printedAt)
    {
        Footer(text, printedAt);
        return new PdfText(XGraphics.FromPdfPage(NewPage(document)));
    }

    private static void Footer(PdfText text, DateTimeOffset printedAt)
    {
        text.Line(Left, Bottom + 6, Right, Bottom + 6, PdfText.Gold);
        text.Draw($"打印时间 Printed {printedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC", Left, Bottom + 10, 300, 8, color: PdfText.Muted);
        text.Graphics.Dispose();
    }

    private static void Trend(PdfText text, ref double y, IReadOnlyList<TrendPoint> points)
    {
        const double width = 440, height = 90;
        var gfx = text.Graphics;
        var pen = new XPen(PdfText.Crimson, 1.5);
        for (var p = 0; p <= 100; p += 50)
        {
            var gy = y + height - p * height / 100;
            text.Line(Left + 30, gy, Left + 30 + width, gy, XColor.FromArgb(0xDD, 0xDD, 0xDD), 0.4);
            text.Draw($"{p}%", Left, gy - 5, 28, 7, color: PdfText.Muted);
        }
        var top = y;
        double X(int month) => Left + 30 + (month - 1) * width / 11;
        double Y(decimal percent) => top + height - (double)percent * height / 100;
        for (var i = 1; i < points.Count; i++)
            gfx.DrawLine(pen, X(points[i - 1].Month), Y(points[i - 1].MetPercent), X(points[i].Month), Y(points[i].MetPercent));
        foreach (var point in points)
        {
            gfx.DrawEllipse(new XSolidBrush(PdfText.Crimson), X(point.Month) - 2, Y(point.MetPercent) - 2, 4, 4);
            text.Draw(point.Month.ToString(Inv), X(point.Month) - 4, y + height + 3, 12, 7, color: PdfText.Muted);
        }
        y += height + 18;
    }

    /// <summary>A thin bar under the row's figures: the met share.</summary>
    private static void Bar(PdfText text, double y, decimal percent)
    {
        text.Graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0xEE, 0xEE, 0xEE)), Left, y + 11, 190, 2.5);
        text.Graphics.DrawRectangle(new XSolidBrush(XColor.FromArgb(0x12, 0xB7, 0x6A)), Left, y + 11, 190 * (double)percent / 100, 2.5);
    }

    private static string Num(decimal value) => value.ToString("0.##", Inv);
}
