using System.Security.Claims;
using Cme.Web.Api;
using Cme.Web.Auth;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Cme.Web.Components.Pages.Admin.Reports;

/// <summary>What every report page reads from its query string, and who is looking.</summary>
public abstract class ReportPageBase : ComponentBase
{
    [Inject] protected InstitutionsApiClient InstitutionsApi { get; set; } = default!;
    [Inject] protected TimeProvider Clock { get; set; } = default!;

    [CascadingParameter] private Task<AuthenticationState> AuthenticationState { get; set; } = default!;

    [SupplyParameterFromQuery(Name = "year")] protected int? YearParameter { get; set; }
    [SupplyParameterFromQuery(Name = "institutionId")] protected string? InstitutionParameter { get; set; }
    [SupplyParameterFromQuery(Name = "region")] protected string? RegionParameter { get; set; }
    [SupplyParameterFromQuery(Name = "tier")] protected string? TierParameter { get; set; }
    [SupplyParameterFromQuery(Name = "profession")] protected string? ProfessionParameter { get; set; }
    [SupplyParameterFromQuery(Name = "titleLevel")] protected string? TitleParameter { get; set; }

    protected ClaimsPrincipal User { get; private set; } = new();
    protected bool IsCmeAdmin { get; private set; }
    protected IReadOnlyList<InstitutionSummary> Institutions { get; private set; } = [];
    protected ReportFilter Filter { get; private set; } = new(2026);

    protected async Task LoadFilterAsync()
    {
        User = (await AuthenticationState).User;
        IsCmeAdmin = User.IsInRole(CmeRoles.CmeAdmin);
        if (IsCmeAdmin)
            Institutions = await InstitutionsApi.ListAllAsync();
        Filter = new ReportFilter(
            YearParameter is >= 2000 and <= 2100 ? YearParameter.Value : Clock.GetUtcNow().Year,
            // An institution administrator always looks at their own institution (the API enforces it too).
            IsCmeAdmin ? (Guid.TryParse(InstitutionParameter, out var id) ? id : null) : null,
            !string.IsNullOrWhiteSpace(RegionParameter) ? RegionParameter.Trim() : null,
            Parse<InstitutionTier>(TierParameter),
            Parse<Profession>(ProfessionParameter),
            Parse<TitleLevel>(TitleParameter));
    }

    /// <summary>A link to <paramref name="path"/> with the current filters, changed as given.</summary>
    protected string WithFilter(string path, ReportFilter filter, params (string Name, string? Value)[] extra)
    {
        var pairs = filter.Query().Concat(extra).Where(p => !string.IsNullOrWhiteSpace(p.Value))
            .Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value!)}");
        return $"{path}?{string.Join('&', pairs)}";
    }

    private static T? Parse<T>(string? value) where T : struct, Enum => Enum.TryParse<T>(value, out var parsed) && Enum.IsDefined(parsed) ? parsed : null;
}
