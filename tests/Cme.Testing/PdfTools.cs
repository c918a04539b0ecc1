using System.Diagnostics;

namespace Cme.Testing;

/// <summary>The real PDF tools (poppler's pdftotext and pdftoppm, zbar's zbarimg), as a person checking a certificate would use them.</summary>
public static class PdfTools
{
    /// <summary>The text of the PDF, as pdftotext reads it (layout kept).</summary>
    public static async Task<string> TextAsync(byte[] pdf)
    {
        var file = await WriteAsync(pdf);
        try
        {
            return await RunAsync("pdftotext", $"-layout -enc UTF-8 {file} -");
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Renders page 1 at <paramref name="dpi"/> and returns every QR code zbarimg reads from it.</summary>
    public static async Task<IReadOnlyList<string>> QrCodesAsync(byte[] pdf, int dpi = 150)
    {
        var file = await WriteAsync(pdf);
        var png = Path.ChangeExtension(file, null) + "-page";
        try
        {
            await RunAsync("pdftoppm", $"-png -r {dpi} -f 1 -l 1 -singlefile {file} {png}");
            var output = await RunAsync("zbarimg", $"--quiet --raw -Sdisable -Sqrcode.enable {png}.png");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            File.Delete(file);
            File.Delete(png + ".png");
        }
    }

    /// <summary>Every QR code zbarimg reads from a PNG image (e.g. a screenshot of one element of a page).</summary>
    public static async Task<IReadOnlyList<string>> QrCodesInImageAsync(byte[] png)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cme-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(file, png);
        try
        {
            var output = await RunAsync("zbarimg", $"--quiet --raw -Sdisable -Sqrcode.enable {file}");
            return output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>Page size in points as pdfinfo reports it, e.g. (841.89, 595.276).</summary>
    public static async Task<(double Width, double Height)> PageSizeAsync(byte[] pdf)
    {
        var file = await WriteAsync(pdf);
        try
        {
            var line = (await RunAsync("pdfinfo", file)).Split('\n').Single(l => l.StartsWith("Page size:", StringComparison.Ordinal));
            var parts = line["Page size:".Length..].Trim().Split(' ');
            return (double.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), double.Parse(parts[2], System.Globalization.CultureInfo.InvariantCulture));
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<string> WriteAsync(byte[] pdf)
    {
        var file = Path.Combine(Path.GetTempPath(), $"cme-{Guid.NewGuid():N}.pdf");
        await File.WriteAllBytesAsync(file, pdf);
        return file;
    }

    private static async Task<string> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
        }) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{tool} {arguments} exited with {process.ExitCode}: {await error}");
        return await output;
    }
}
