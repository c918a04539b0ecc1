using Cme.Web.Api;
using Microsoft.Extensions.Localization;

namespace Cme.Web.Components.Pages.Offerings;

/// <summary>
/// Why the API refused an enrolment, in the page's language. The API's own message (English) is
/// shown under it; this names the case the learner can act on: not yet open, closed, already
/// enrolled, full without a waitlist, or for another audience.
/// </summary>
public static class EnrolRefusal
{
    public static string Explain(IStringLocalizer localizer, ApiProblem problem, OfferingView? offering, DateTimeOffset now)
    {
        if (problem.Status == StatusCodes.Status403Forbidden)
            return localizer["Enrol.Error.Audience"];
        if (problem.Status == StatusCodes.Status404NotFound)
            return localizer["Problem.NotFound"];
        if (problem.Status != StatusCodes.Status409Conflict || offering is null)
            return localizer["Enrol.Error.Refused"];
        if (now < offering.EnrolmentOpensAt)
            return localizer["Enrol.Error.NotOpen"];
        if (now >= offering.EnrolmentClosesAt)
            return localizer["Enrol.Error.Closed"];
        if (offering.MyEnrolment is { Status: not EnrolmentStatus.Cancelled })
            return localizer["Enrol.Error.Already"];
        if (offering.SeatsLeft == 0 && !offering.WaitlistEnabled)
            return localizer["Enrol.Error.Full"];
        return localizer["Enrol.Error.Refused"];
    }
}
