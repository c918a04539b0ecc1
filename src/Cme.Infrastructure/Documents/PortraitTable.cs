namespace Cme.Infrastructure.Documents;

/// <summary>Headings and table rows of the A4 portrait documents (the transcript, the annual summary), on the same margins.</summary>
internal static class PortraitTable
{
    public const double Left = 50, Right = 545, Bottom = 790;

    public static void Heading(PdfText text, ref double y, string heading)
    {
        text.Draw(heading, Left, y, Right - Left, 12, bold: true, PdfText.Crimson);
        y += 18;
    }

    /// <summary>One row of cells with their widths; a header row is bold, muted and underlined.</summary>
    public static void Columns(PdfText text, ref double y, bool header, params (string Text, double Width)[] cells)
    {
        var x = Left;
        foreach (var (cell, width) in cells)
        {
            text.Draw(cell, x, y, width - 4, 8.5, bold: header, header ? PdfText.Muted : PdfText.Ink);
            x += width;
        }
        y += 14;
        if (header)
            text.Line(Left, y - 2, Right, y - 2, PdfText.Gold, 0.5);
    }
}
