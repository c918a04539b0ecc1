namespace Cme.Web.Components.Shared;

/// <summary>
/// Which language a stored value (a person's or an institution's name, a course title) is written in, so a
/// page can mark a value in the other language with its own <c>lang</c> and a screen reader pronounces it
/// right (WCAG 3.1.2): Chinese names on English pages, English titles and Latin names on Chinese pages.
/// </summary>
public static class TextLanguage
{
    /// <summary>"zh-CN" for text with Chinese characters, "en" for Latin letters only, null for neither (numbers, codes).</summary>
    public static string? Of(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return null;
        var latin = false;
        foreach (var c in text)
        {
            if (c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF')
                return "zh-CN";
            latin |= char.IsAsciiLetter(c);
        }
        return latin ? "en" : null;
    }

    /// <summary>The lang a value needs on the current page: null when it is in the page's own language.</summary>
    public static string? MarkFor(string? text)
    {
        var language = Of(text);
        if (language is null)
            return null;
        var pageIsEnglish = Hosting.CmeCultures.IsEnglish;
        return (language == "en") == pageIsEnglish ? null : language;
    }
}
