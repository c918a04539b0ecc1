using System.Globalization;
using CsvHelper;

namespace Cme.Application.Common.Csv;

/// <summary>
/// The one way this system writes CSV for people: UTF-8 with a byte order mark (so Excel shows
/// Chinese), RFC 4180 quoting, and text cells that start with = + - @, a tab or a carriage return
/// escaped with a leading apostrophe, so a spreadsheet never runs a name as a formula (OWASP CSV
/// injection). Numbers are written as numbers (a negative adjustment stays -2).
/// </summary>
public sealed class CsvDocument : IDisposable
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        WriteByteOrderMark = true,
        Injection = CsvInjection.Escape,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    private readonly MemoryStream _buffer = new();
    private readonly CsvWriter _writer;

    public CsvDocument(params string[] header)
    {
        _writer = CsvWriter.Create(_buffer, Options, leaveOpen: true);
        _writer.WriteHeader(header);
    }

    public CsvDocument Text(string? value)
    {
        _writer.WriteField(value);
        return this;
    }

    public CsvDocument Number(decimal value)
    {
        _writer.WriteField(value, "0.##");
        return this;
    }

    public CsvDocument Number(decimal? value) => value is { } v ? Number(v) : Text(null);

    public CsvDocument Number(int value)
    {
        _writer.WriteField(value, "");
        return this;
    }

    public void EndRow() => _writer.EndRecord();

    public byte[] ToBytes()
    {
        _writer.Flush();
        return _buffer.ToArray();
    }

    public void Dispose()
    {
        _writer.Dispose();
        _buffer.Dispose();
    }

    /// <summary>A file name safe for Content-Disposition: letters, digits, dot, dash, underscore.</summary>
    public static string FileName(string stem, string extension) =>
        new string(stem.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '-').ToArray()) + "." + extension;
}
