using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Cme.Infrastructure.Documents;

/// <summary>Small drawing helpers shared by the documents: text in the CJK+Latin font, aligned in a box.</summary>
internal sealed class PdfText(XGraphics gfx)
{
    private static readonly XPdfFontOptions Unicode = new(PdfFontEncoding.Unicode);
    private readonly Dictionary<(double, bool), XFont> _fonts = [];

    public static readonly XColor Crimson = XColor.FromArgb(0x8B, 0x1E, 0x2D);
    public static readonly XColor Gold = XColor.FromArgb(0xB0, 0x8D, 0x57);
    public static readonly XColor Ink = XColor.FromArgb(0x22, 0x22, 0x22);
    public static readonly XColor Muted = XColor.FromArgb(0x66, 0x66, 0x66);

    public XGraphics Graphics => gfx;

    public XFont Font(double size, bool bold = false)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
            _fonts[(size, bold)] = font = new XFont(CmeFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, Unicode);
        return font;
    }

    /// <summary>Draws text with its top at <paramref name="top"/>, in a box from <paramref name="left"/> of <paramref name="width"/>.</summary>
    public void Draw(string text, double left, double top, double width, double size, bool bold = false, XColor? color = null,
        XStringAlignment align = XStringAlignment.Near)
    {
        var font = Font(size, bold);
        var format = new XStringFormat { Alignment = align, LineAlignment = XLineAlignment.Near };
        gfx.DrawString(text, font, new XSolidBrush(color ?? Ink), new XRect(left, top, width, size * 1.4), format);
    }

    public void Centered(string text, double top, double size, bool bold = false, XColor? color = null) =>
        Draw(text, 0, top, gfx.PageSize.Width, size, bold, color, XStringAlignment.Center);

    /// <summary>Shortens text with an ellipsis until it fits the width.</summary>
    public string Fit(string text, double width, double size, bool bold = false)
    {
        var font = Font(size, bold);
        if (gfx.MeasureString(text, font).Width <= width)
            return text;
        var cut = text;
        while (cut.Length > 1 && gfx.MeasureString(cut + "…", font).Width > width)
            cut = cut[..^1];
        return cut + "…";
    }

    public void Line(double x1, double y1, double x2, double y2, XColor color, double width = 0.6) =>
        gfx.DrawLine(new XPen(color, width), x1, y1, x2, y2);
}
