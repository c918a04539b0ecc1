namespace Cme.Web.Hosting;

public static class LocalUrl
{
    /// <summary>True for "/path" on this site; false for "//host", "/\host", absolute URLs and nothing.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url)
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && !url.Any(char.IsControl);

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
