using PdfSharp.Drawing;
using QRCoder;

namespace Cme.Infrastructure.Documents;

/// <summary>
/// Draws a QR code as vector rectangles (sharp at any zoom; PDFsharp rejects QRCoder's plain PNG).
/// Dark modules in a row are merged into one rectangle, so a code is a few hundred operators.
/// </summary>
internal static class QrCodeDrawing
{
    public static void Draw(XGraphics gfx, string text, double left, double top, double size)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the 4-module quiet zone
        var module = size / matrix.Count;
        gfx.DrawRectangle(XBrushes.White, left, top, size, size);
        for (var row = 0; row < matrix.Count; row++)
        {
            var bits = matrix[row];
            for (var column = 0; column < bits.Count; column++)
            {
                if (!bits[column])
                    continue;
                var start = column;
                while (column + 1 < bits.Count && bits[column + 1])
                    column++;
                // A hair of overlap keeps viewers from drawing seams between touching modules.
                gfx.DrawRectangle(XBrushes.Black, left + start * module, top + row * module, (column - start + 1) * module + 0.05, module + 0.05);
            }
        }
    }
}
