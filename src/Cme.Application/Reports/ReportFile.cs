namespace Cme.Application.Reports;

/// <summary>A file an export produces: its name, content type and bytes.</summary>
public sealed record ReportFile(string FileName, string ContentType, byte[] Content)
{
    public const string Csv = "text/csv; charset=utf-8";
    public const string Pdf = "application/pdf";
}

