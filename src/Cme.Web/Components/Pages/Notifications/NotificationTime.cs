using System.Globalization;
using Cme.Web.Components.Shared;

namespace Cme.Web.Components.Pages.Notifications;

/// <summary>Times on the inbox and jobs pages, in the consortium's time zone.</summary>
public static class NotificationTime
{
    public static string Format(DateTimeOffset at) =>
        ZonedTime.ToLocal(at, ZonedTime.Consortium).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
}
