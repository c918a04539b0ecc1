using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Credits;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reports;

/// <summary>At the end of a month: how many of the people the policy applies to met the year's requirement.</summary>
public sealed record TrendPoint(int Month, int Met, int Applicable, decimal MetPercent);

public sealed record CompletionTrend(int Year, PolicyName Policy, string TimeZone, IReadOnlyList<TrendPoint> Points);

/// <summary>
/// The monthly trend of the year: the cumulative share meeting the requirement at each month's end
/// (see <see cref="CompletionStandings.TrendAsync"/> for the definition).
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetCompletionTrend(int Year, StaffFilter Filter) : IQuery<CompletionTrend>;

internal sealed class GetCompletionTrendValidator : AbstractValidator<GetCompletionTrend>
{
    public GetCompletionTrendValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class GetCompletionTrendHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<GetCompletionTrend, CompletionTrend>
{
    public async ValueTask<CompletionTrend> Handle(GetCompletionTrend request, CancellationToken cancellationToken)
    {
        var (policy, points) = await CompletionStandings.TrendAsync(db, ReportScope.Narrow(request.Filter, user), request.Year, clock.GetUtcNow(),
            cancellationToken);
        return new CompletionTrend(request.Year, new PolicyName(policy.Code, policy.Name, policy.NameEn), CompletionStandings.ReportTimeZone,
            points.Select(p => new TrendPoint(p.Month, p.Met, p.Applicable, CompletionGroups.Percent(p.Met, p.Applicable))).ToList());
    }
}
