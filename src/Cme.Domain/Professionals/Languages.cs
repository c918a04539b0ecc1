namespace Cme.Domain.Professionals;

public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static readonly IReadOnlyList<string> All = [Chinese, English];

    public static bool IsSupported(string? language) => language is not null && All.Contains(language, StringComparer.Ordinal);
}
