using Cme.Application.Common.Csv;
using System.Globalization;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Reports;

/// <summary>
/// Per-professional credits of a year for the provincial CME registry: licence number, name,
/// institution, credits by class and by source as recorded in the ledger (revocations and
/// adjustments included), the credits that count under the active policy, hours and standing.
/// One row for every professional in scope, also those with nothing recorded. Machine-readable
/// column names (docs/reports.md explains them); UTF-8 with BOM.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record ExportRegistryCredits(int Year, StaffFilter Filter) : IQuery<ReportFile>;

internal sealed class ExportRegistryCreditsValidator : AbstractValidator<ExportRegistryCredits>
{
    public ExportRegistryCreditsValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class ExportRegistryCreditsHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock)
    : IRequestHandler<ExportRegistryCredits, ReportFile>
{
    private static readonly CreditSource[] Sources = Enum.GetValues<CreditSource>();

    public async ValueTask<ReportFile> Handle(ExportRegistryCredits request, CancellationToken cancellationToken)
    {
        var filter = ReportScope.Narrow(request.Filter, user);
        var data = await CompletionStandings.EvaluateAsync(db, filter, request.Year, clock.GetUtcNow(), cancellationToken);
        var ordered = data.Standings.OrderBy(p => p.Institution.Code, StringComparer.Ordinal).ThenBy(p => p.Person.Id).ToList();
        var people = await CompletionPeople.WithNamesAsync(db, data, ordered, cancellationToken);

        string[] header =
        [
            "year", "licence_number", "name", "name_latin", "institution_code", "institution", "profession", "title_level",
            .. CreditClasses.All.Select(c => $"class_{c.ToLowerInvariant()}_credits"),
            .. Sources.Select(s => $"{Snake(s.ToString())}_credits"),
            "total_credits", "counted_credits", "hours", "status",
        ];
        using var csv = new CsvDocument(header);
        var year = request.Year.ToString(CultureInfo.InvariantCulture);
        for (var i = 0; i < ordered.Count; i++)
        {
            var (standing, person) = (ordered[i], people[i]);
            var totals = standing.Totals;
            csv.Text(year).Text(person.LicenceNumber).Text(person.NameZh).Text(person.NameLatin).Text(standing.Institution.Code)
                .Text(standing.Institution.Name).Text(standing.Person.Profession.ToString()).Text(standing.Person.TitleLevel.ToString());
            foreach (var creditClass in CreditClasses.All)
                csv.Number(totals.CreditsByClass.GetValueOrDefault(creditClass));
            foreach (var source in Sources)
                csv.Number(totals.CreditsBySource.GetValueOrDefault(source));
            csv.Number(totals.CreditsByClass.Values.Sum()).Number(standing.CountedCredits).Number(totals.Hours).Text(standing.Status.ToString());
            csv.EndRow();
        }
        var scopeName = filter.InstitutionId is { } id && data.Institutions.TryGetValue(id, out var own) ? own.Code : "consortium";
        return new ReportFile(CsvDocument.FileName($"cme-registry-{request.Year}-{scopeName}", "csv"), ReportFile.Csv, csv.ToBytes());
    }

    private static string Snake(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) && i > 0 ? "_" + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
