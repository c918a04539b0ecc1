namespace Cme.Web.Components.Pages.Admin.Certificates;

/// <summary>Addresses of the certificate action pages, and the way back from them (only ever a page of this site).</summary>
public static class CertificateLinks
{
    public const string SearchPage = "/admin/certificates";

    public static string Action(Guid id, string action, string back) =>
        $"/admin/certificates/{id}/{action}?back={Uri.EscapeDataString(back)}";

    /// <summary>A local path to return to; anything else (another site, a protocol-relative address) goes to the search page.</summary>
    public static string SafeBack(string? back) =>
        back is { Length: > 1 } path && path[0] == '/' && path[1] != '/' && path[1] != '\\' ? path : SearchPage;

    /// <summary>The way back with a success notice for the panel or the search page.</summary>
    public static string Done(string? back, string done)
    {
        var path = SafeBack(back);
        return $"{path}{(path.Contains('?') ? '&' : '?')}certDone={done}#certificates-heading";
    }
}
