using System.Globalization;
using Cme.Domain.Certificates;
using PdfSharp.Drawing;

namespace Cme.Infrastructure.Documents;

/// <summary>The certificate page: A4 landscape, Chinese first with English beneath, QR code to the public verification page.</summary>
internal static class CertificateLayout
{
    public static void Draw(PdfText text, CertificateContent c, string number, string verificationUrl, DateOnly issuedOn)
    {
        var gfx = text.Graphics;
        var (width, height) = (gfx.PageSize.Width, gfx.PageSize.Height);
        gfx.DrawRectangle(new XPen(PdfText.Crimson, 3), 20, 20, width - 40, height - 40);
        gfx.DrawRectangle(new XPen(PdfText.Gold, 0.8), 28, 28, width - 56, height - 56);

        text.Centered(c.ConsortiumName, 52, 18, bold: true, PdfText.Crimson);
        text.Centered(c.ConsortiumNameEn, 78, 10, color: PdfText.Muted);
        text.Centered("继续医学教育学分证书", 104, 30, bold: true, PdfText.Crimson);
        text.Centered("Certificate of Continuing Medical Education Credit", 148, 14, color: PdfText.Ink);

        text.Centered("兹证明  This is to certify that", 190, 11, color: PdfText.Muted);
        text.Centered($"{c.LearnerNameZh}  {c.LearnerNameLatin}", 210, 26, bold: true);
        text.Centered("已完成继续医学教育项目  has completed the CME programme", 254, 11, color: PdfText.Muted);
        text.Centered(text.Fit($"「{c.CourseTitleZh}」", width - 160, 18, bold: true), 276, 18, bold: true);
        text.Centered(text.Fit(c.CourseTitleEn, width - 160, 12), 304, 12);

        var credits = c.Credits.ToString("0.##", CultureInfo.InvariantCulture);
        text.Centered($"授予 {c.CreditClass} 类学分 {credits} 分  ·  Awarded {credits} Class {c.CreditClass} credit{(c.Credits == 1 ? "" : "s")}",
            336, 15, bold: true, PdfText.Crimson);
        text.Centered($"项目级别 Level: {Level(c.ProjectLevel)}    项目编号 Accreditation No.: {c.AccreditationNumber}", 366, 10.5);
        text.Centered($"完成日期 Completed: {c.CompletedOn:yyyy-MM-dd}    发证日期 Issued: {issuedOn:yyyy-MM-dd}", 384, 10.5);

        // Signature block, bottom left.
        text.Line(80, 470, 300, 470, PdfText.Ink);
        text.Draw("继续医学教育委员会  主任委员（签字/盖章）", 80, 476, 260, 10);
        text.Draw("Chair, CME Committee (signature and seal)", 80, 492, 260, 9, color: PdfText.Muted);
        text.Draw(c.ConsortiumName, 80, 508, 260, 9, color: PdfText.Muted);

        // Number, bottom centre; QR code and how to verify, bottom right.
        text.Centered($"证书编号 Certificate No. {number}", 470, 11, bold: true);
        text.Centered("本证书真伪可扫描右侧二维码或访问下方网址验证 · Verify by scanning the code or visiting the address below", 492, 8, color: PdfText.Muted);
        text.Centered(verificationUrl, 506, 7.5, color: PdfText.Muted);
        const double qr = 100;
        QrCodeDrawing.Draw(gfx, verificationUrl, width - 70 - qr, 420, qr);
        text.Draw("扫码验证 Scan to verify", width - 70 - qr - 10, 524, qr + 20, 8, color: PdfText.Muted, align: XStringAlignment.Center);
    }

    public static string Level(string projectLevel) => projectLevel switch
    {
        "National" => "国家级 National",
        "Provincial" => "省级 Provincial",
        "Municipal" => "市级 Municipal",
        "Consortium" => "医联体级 Consortium",
        _ => projectLevel,
    };
}
