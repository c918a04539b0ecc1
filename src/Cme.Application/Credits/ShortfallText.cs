using System.Globalization;
using Cme.Application.Common.Reasons;
using Cme.Domain.Common;
using Cme.Domain.Credits;

namespace Cme.Application.Credits;

/// <summary>A shortfall in words, in the reader's language (ReasonTexts: <c>shortfall.{kind}</c>), for CSV and PDF.</summary>
public static class ShortfallText
{
    public static string Render(Shortfall s, CultureInfo? culture = null) =>
        ReasonText.Render(Reason.Of($"shortfall.{s.Kind}", new
        {
            missing = s.Missing, have = s.Have, required = s.Required, creditClass = s.CreditClass, years = s.Years,
            level = s.ProjectLevel, from = s.FromYear, to = s.ToYear,
        }), culture);

    public static string RenderAll(IEnumerable<Shortfall> shortfalls, CultureInfo? culture = null) =>
        string.Join(ReasonText.IsEnglish(culture ?? CultureInfo.CurrentUICulture) ? "; " : "；", shortfalls.Select(s => Render(s, culture)));
}
