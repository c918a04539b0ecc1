using System.Globalization;

namespace Cme.Web.Components.Pages.Credits;

/// <summary>The adjustment form's values as typed; numbers are parsed on submit.</summary>
public sealed class AdjustmentForm
{
    public string? Credits { get; set; }

    public string? Hours { get; set; } = "0";

    public string? CreditClass { get; set; } = Api.CreditClasses.ClassII;

    public string? Year { get; set; }

    public string? Reason { get; set; }

    public static decimal? ParseNumber(string? text) =>
        decimal.TryParse(text?.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var value) ? value : null;
}
