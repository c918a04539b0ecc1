using System.Globalization;
using System.Text.RegularExpressions;

namespace Cme.Web.Components.Pages.Admin.Staff;

/// <summary>One reason a CSV row was refused, read from a ValidationProblem key such as
/// <c>rows[3].licenceNumber</c> or <c>row 3</c>.</summary>
public sealed record ImportError(int? Row, string? Field, string Message);

public static partial class ImportErrors
{
    public static IReadOnlyList<ImportError> From(IReadOnlyDictionary<string, string[]> errors) =>
        errors
            .SelectMany(entry =>
            {
                var (row, field) = ParseKey(entry.Key);
                return entry.Value.Select(message => new ImportError(row, field, message));
            })
            .OrderBy(e => e.Row ?? 0)
            .ThenBy(e => e.Field, StringComparer.Ordinal)
            .ToList();

    private static (int? Row, string? Field) ParseKey(string key)
    {
        var match = RowKey().Match(key.Trim());
        if (!match.Success)
            return (null, key);
        var row = int.Parse(match.Groups["row"].Value, CultureInfo.InvariantCulture);
        var field = match.Groups["field"].Success ? match.Groups["field"].Value : null;
        return (row, field);
    }

    [GeneratedRegex(@"^rows?\s*\[?\s*(?<row>\d+)\s*\]?(?:\.(?<field>[A-Za-z_][A-Za-z0-9_]*))?$", RegexOptions.IgnoreCase)]
    private static partial Regex RowKey();
}
