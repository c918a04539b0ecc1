namespace Cme.Domain.Common;

internal static class Guard
{
    /// <summary>A trimmed, non-empty text of at most <paramref name="maxLength"/> characters; <paramref name="field"/> names it in the reason.</summary>
    public static string Required(string? value, string field, int maxLength)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed))
            throw new DomainException("value.required", new { field });
        if (trimmed.Length > maxLength)
            throw new DomainException("value.too-long", new { field, max = maxLength });
        return trimmed;
    }
}
