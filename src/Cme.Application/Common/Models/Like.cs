namespace Cme.Application.Common.Models;

/// <summary>Escapes user text for a LIKE / ILIKE pattern, so % and _ match themselves.</summary>
public static class Like
{
    public static string Escape(string text) =>
        text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");
}
