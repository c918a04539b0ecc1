using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using Cme.Domain.Common;

namespace Cme.Application.Common.Reasons;

/// <summary>
/// Renders a <see cref="Reason"/> into words in the reader's language, from ReasonTexts.resx (Chinese,
/// the neutral culture) and ReasonTexts.en.resx. A text names its values in braces: <c>{max}</c>; a
/// value that is itself a word to translate names its table: <c>{status:enrolment-status}</c> looks up
/// <c>enrolment-status.Waitlisted</c>.
/// </summary>
public static partial class ReasonText
{
    private static readonly ResourceManager Texts = new("Cme.Application.Common.Reasons.ReasonTexts", typeof(ReasonText).Assembly);

    /// <summary>The value under this name is text already written in the reader's language (a library's message).</summary>
    public const string Prepared = "text";

    public static string Render(Reason reason, CultureInfo? culture = null)
    {
        culture ??= CultureInfo.CurrentUICulture;
        var template = Find(reason.Code, culture);
        if (template is not null)
            return Fill(template, reason.Values, culture);
        if (reason.Values.TryGetValue(Prepared, out var prepared) && prepared is string text)
            return text;
        // A code without a text here: an English sentence from code not converted yet. English readers get
        // it as written; everyone else a general sentence in their language, never the English one.
        return IsEnglish(culture) ? reason.Code : Find("unknown", culture)!;
    }

    /// <summary>A short text by key (<c>title.409</c>, <c>csv.missing</c>), or null when there is none.</summary>
    public static string? Find(string key, CultureInfo? culture = null) =>
        Texts.GetString(key, culture ?? CultureInfo.CurrentUICulture);

    /// <summary>A text by key with its values filled in; the key itself when there is no such text.</summary>
    public static string Format(string key, object? values, CultureInfo? culture = null) =>
        Render(Reason.Of(key, values), culture);

    public static bool IsEnglish(CultureInfo culture) =>
        culture.TwoLetterISOLanguageName == "en";

    private static string Fill(string template, IReadOnlyDictionary<string, object?> values, CultureInfo culture) =>
        Placeholder().Replace(template, m =>
        {
            var name = m.Groups["name"].Value;
            if (!values.TryGetValue(name, out var value) || value is null)
                return "";
            var text = Text(value, culture);
            return m.Groups["table"].Success && Find($"{m.Groups["table"].Value}.{text}", culture) is { } word ? word : text;
        });

    private static string Text(object value, CultureInfo culture) => value switch
    {
        decimal d => d.ToString("0.##", CultureInfo.InvariantCulture),
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        int or long => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime d => d.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        IEnumerable<string> list => string.Join(IsEnglish(culture) ? ", " : "、", list),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    [GeneratedRegex(@"\{(?<name>[A-Za-z0-9]+)(:(?<table>[A-Za-z0-9\-]+))?\}")]
    private static partial Regex Placeholder();
}

/// <summary>The reader's language for names that exist in both (an institution's Chinese and English name).</summary>
public static class ReaderLanguage
{
    /// <summary>Whether the request asked for English (Accept-Language: en); otherwise Chinese names are shown.</summary>
    public static bool IsEnglish => ReasonText.IsEnglish(CultureInfo.CurrentUICulture);
}
