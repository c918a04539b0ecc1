using Cme.Web.Api;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Shared;

/// <summary>A learner's place in a class, or the seats left when they have none, as the class lists show it.</summary>
public static class EnrolmentPlace
{
    /// <summary>"已报名", "候补第 N 位" or "已完成": the learner's own place outranks the seat count.</summary>
    public static string MyPlace(this IStringLocalizer localizer, MyEnrolment mine) => mine.Status switch
    {
        EnrolmentStatus.Waitlisted => localizer["Open.Mine.Waitlisted", mine.WaitlistPosition ?? 0],
        EnrolmentStatus.Completed => localizer["Open.Mine.Completed"],
        _ => localizer["Open.Mine.Enrolled"],
    };

    public static string SeatsLeft(this IStringLocalizer localizer, int seatsLeft, int capacity, bool waitlistEnabled) =>
        seatsLeft > 0 ? localizer["Open.SeatsLeft", seatsLeft, capacity]
        : waitlistEnabled ? localizer["Open.FullWaitlist"]
        : localizer["Open.Full"];
}
