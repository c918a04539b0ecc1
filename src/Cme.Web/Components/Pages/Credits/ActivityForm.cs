using System.Globalization;
using Cme.Web.Api;

namespace Cme.Web.Components.Pages.Credits;

/// <summary>An external activity as typed; dates and numbers are parsed on submit, each bad one named by its field.</summary>
public sealed class ActivityForm
{
    public string? Kind { get; set; } = ActivityKinds.All[0];

    public string? Title { get; set; }

    public string? StartDate { get; set; }

    public string? EndDate { get; set; }

    public string? Hours { get; set; }

    public string? ClaimedCredits { get; set; }

    public string? CreditClass { get; set; } = CreditClasses.ClassII;

    /// <summary>The input, or the fields that could not be read (keyed as the API names them).</summary>
    public (ActivityInput? Input, Dictionary<string, string[]> Errors) ToInput(string required, string notADate, string notANumber)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
        if (string.IsNullOrWhiteSpace(Title))
            errors["title"] = [required];
        var start = Date("startDate", StartDate);
        var end = Date("endDate", EndDate);
        var hours = Number("hours", Hours);
        var credits = Number("claimedCredits", ClaimedCredits);
        if (errors.Count > 0)
            return (null, errors);
        return (new ActivityInput(Kind ?? "", Title!.Trim(), start!.Value, end!.Value, hours!.Value, credits!.Value, CreditClass ?? ""), errors);

        DateOnly? Date(string field, string? text)
        {
            if (DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                return date;
            errors[field] = [string.IsNullOrWhiteSpace(text) ? required : notADate];
            return null;
        }

        decimal? Number(string field, string? text)
        {
            if (decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value))
                return value;
            errors[field] = [string.IsNullOrWhiteSpace(text) ? required : notANumber];
            return null;
        }
    }
}
