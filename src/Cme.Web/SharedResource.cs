namespace Cme.Web;

/// <summary>
/// Marker for the shared UI strings. Its full name, Cme.Web.SharedResource, maps to
/// Resources/SharedResource.resx (Chinese, the neutral culture) and SharedResource.en.resx.
/// </summary>
public sealed class SharedResource;
