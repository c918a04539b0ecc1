using CsvHelper;

namespace Cme.Application.Common.Csv;

/// <summary>
/// The one way this system writes CSV for people: UTF-8 with a byte order mark, so spreadsheet
/// programs show Chinese, and cells that a spreadsheet would run as a formula (starting with
/// = + - @, tab or CR) escaped with a leading apostrophe (OWASP's advice against CSV injection).
/// </summary>
public static class CsvExport
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        Injection = CsvInjection.Escape,
        WriteByteOrderMark = true,
    };

    /// <summary>Writes a header and the rows; every row must have as many cells as the header.</summary>
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string?>> rows)
    {
        using var buffer = new MemoryStream();
        using (var csv = CsvWriter.Create(buffer, Options, leaveOpen: true))
        {
            csv.WriteRecord([.. header]);
            foreach (var row in rows)
            {
                foreach (var cell in row)
                    csv.WriteField(cell ?? "");
                csv.EndRecord();
            }
        }
        return buffer.ToArray();
    }
}
