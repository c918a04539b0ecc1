namespace Cme.Domain.Common;

/// <summary>
/// Why something was refused or is missing: a stable code (<c>enrolment.closed</c>) and named values.
/// No layer writes the sentence; the edge renders it in the reader's language.
/// </summary>
public sealed record Reason(string Code, IReadOnlyDictionary<string, object?> Values)
{
    private static readonly IReadOnlyDictionary<string, object?> None = new Dictionary<string, object?>();

    /// <summary>A reason with the values of an anonymous object: <c>Reason.Of("value.too-long", new { field = "title", max = 200 })</c>.</summary>
    public static Reason Of(string code, object? values = null) => new(code, ValuesOf(values));

    private static IReadOnlyDictionary<string, object?> ValuesOf(object? values) => values switch
    {
        null => None,
        IReadOnlyDictionary<string, object?> named => named,
        _ => values.GetType().GetProperties().ToDictionary(p => p.Name, p => Plain(p.GetValue(values))),
    };

    // Enums travel by name, so a reader (and JSON) sees "Completed", not 3.
    private static object? Plain(object? value) => value is Enum e ? e.ToString() : value;
}

/// <summary>An exception that says why by a <see cref="Reason"/>; the API renders it into words.</summary>
public interface IHasReason
{
    Reason Reason { get; }
}
