using Cme.Application.Certificates;
using Cme.Application.Credits;
using Cme.Domain.Certificates;
using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// Renders the documents with PDFsharp 6.2 (MIT). PDFsharp's font settings are process-wide and may
/// be set once, so the first renderer sets them for everyone.
/// </summary>
public sealed class PdfSharpDocumentRenderer : IDocumentRenderer
{
    private static readonly Lock Setup = new();
    private static bool _ready;

    public PdfSharpDocumentRenderer(string? fontPath)
    {
        lock (Setup)
        {
            if (_ready)
                return;
            GlobalFontSettings.FontResolver = new CmeFontResolver(fontPath);
            _ready = true;
        }
    }

    public byte[] Certificate(CertificateContent content, string number, string verificationUrl, DateOnly issuedOn)
    {
        using var document = NewDocument($"{number} 继续医学教育学分证书", content.ConsortiumName);
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(297);
        page.Height = XUnit.FromMillimeter(210);
        using (var gfx = XGraphics.FromPdfPage(page))
            CertificateLayout.Draw(new PdfText(gfx), content, number, verificationUrl, issuedOn);
        return Save(document);
    }

    public byte[] AnnualTranscript(Transcript transcript, int year, string issuer, DateTimeOffset printedAt)
    {
        using var document = NewDocument($"{transcript.NameZh} {year} 继续医学教育年度学分报告", issuer);
        TranscriptLayout.Draw(document, transcript, year, printedAt, issuer);
        return Save(document);
    }

    private static PdfDocument NewDocument(string title, string author)
    {
        var document = new PdfDocument();
        document.Info.Title = title;
        document.Info.Author = author;
        document.Info.Creator = "Consortium CME";
        return document;
    }

    private static byte[] Save(PdfDocument document)
    {
        using var buffer = new MemoryStream();
        document.Save(buffer, closeStream: false);
        return buffer.ToArray();
    }
}
