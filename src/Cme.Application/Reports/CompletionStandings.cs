using Cme.Application.Common.Interfaces;
using Cme.Application.Credits;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reports;

/// <summary>One person's standing for the year, evaluated by the same rule as <c>GET /me/credits</c>.</summary>
internal sealed record PersonStanding(StaffMember Person, ReportInstitution Institution, ComplianceStatus Status, decimal CountedCredits,
    decimal Hours, CreditTotals Totals, IReadOnlyList<Shortfall> Shortfalls);

/// <summary>Everybody a report covers, evaluated against the active policy.</summary>
internal sealed record CompletionData(int Year, StaffFilter Filter, CreditPolicy Policy, bool YearIsOver,
    IReadOnlyDictionary<Guid, ReportInstitution> Institutions, IReadOnlyList<PersonStanding> Standings);

/// <summary>
/// Per person and year (and, for the trend, the month recorded): what the ledger holds, summed over
/// awards, revocations and adjustments, by credit class (I, II: the only classes the system records),
/// by source and for national projects. One row per person-year keeps the answer small.
/// </summary>
internal sealed record LedgerSum(Guid LearnerId, int Year, int Month, decimal Credits, decimal ClassI, decimal ClassII, decimal Hours,
    decimal National, decimal Completion, decimal Teaching, decimal Conference, decimal SelfStudy, decimal StudyPlacement, decimal Publication,
    decimal Adjustment);

/// <summary>
/// Credit standing for many people at once, set-based: a fixed handful of statements whatever
/// the number of people (the active policy, the institutions, the people, one aggregate over the
/// ledger), then the domain rule (<see cref="CreditRequirement"/>) per person in memory, exactly
/// as <see cref="CreditYears.StandingAsync"/> applies it to one person.
/// </summary>
internal static class CompletionStandings
{
    /// <summary>The consortium's own time zone: months of the trend end at local midnight.</summary>
    public const string ReportTimeZone = Offering.DefaultTimeZone;

    public static async Task<CompletionData> EvaluateAsync(IAppDbContext db, StaffFilter filter, int year, DateTimeOffset now, CancellationToken ct)
    {
        var (policy, institutions, people) = await LoadAsync(db, filter, year, ct);
        var window = Window(policy);
        var sums = await LedgerSums(db, filter, year - window + 1, year, monthEnds: null).ToListAsync(ct);
        var byPerson = sums.ToLookup(s => s.LearnerId);
        var yearIsOver = now.Year > year;
        var evaluator = new Evaluator(policy, year, yearIsOver);
        var standings = new List<PersonStanding>(people.Count);
        foreach (var person in people)
        {
            if (!institutions.TryGetValue(person.InstitutionId, out var institution))
                continue;
            standings.Add(evaluator.Evaluate(person, institution, byPerson[person.Id]));
        }
        return new CompletionData(year, filter, policy, yearIsOver, institutions, standings);
    }

    /// <summary>
    /// The share of people meeting the requirement at the end of each month of the year: a person
    /// counts in month m when the year's ledger entries recorded up to the end of m (consortium time)
    /// meet the policy; entries recorded after the year (late corrections) count in December, so
    /// December agrees with the year's standing. Earlier years count in full in every month.
    /// The current year stops at the current month; a future year has no points.
    /// </summary>
    public static async Task<(CreditPolicy Policy, IReadOnlyList<(int Month, int Met, int Applicable)> Points)> TrendAsync(
        IAppDbContext db, StaffFilter filter, int year, DateTimeOffset now, CancellationToken ct)
    {
        var (policy, institutions, people) = await LoadAsync(db, filter, year, ct);
        var zone = Domain.Offerings.SessionTimes.Zone(ReportTimeZone);
        var localNow = TimeZoneInfo.ConvertTime(now, zone);
        var lastMonth = localNow.Year > year ? 12 : localNow.Year == year ? localNow.Month : 0;
        if (lastMonth == 0)
            return (policy, []);
        var monthEnds = Enumerable.Range(1, 11).Select(m => MonthStart(year, m + 1, zone)).ToArray();
        var sums = await LedgerSums(db, filter, year - Window(policy) + 1, year, monthEnds).ToListAsync(ct);
        var byPerson = sums.ToLookup(s => s.LearnerId);
        var evaluator = new Evaluator(policy, year, yearIsOver: now.Year > year);
        var met = new int[13];
        var applicable = 0;
        foreach (var person in people)
        {
            if (!institutions.TryGetValue(person.InstitutionId, out var institution))
                continue;
            if (!policy.Rules.Scope.Covers(person.Profession, person.TitleLevel, institution.Tier))
                continue;
            applicable++;
            var rows = byPerson[person.Id].ToList();
            // Re-evaluate only in the months where something was recorded; the standing holds in between.
            var changes = rows.Where(r => r.Month > 0).Select(r => r.Month).Distinct().Order().ToList();
            var isMet = evaluator.Evaluate(person, institution, rows.Where(r => r.Month <= (changes.Count > 0 ? changes[0] - 1 : 12))).Status
                        == ComplianceStatus.Met;
            var next = 0;
            for (var month = 1; month <= lastMonth; month++)
            {
                if (next < changes.Count && changes[next] == month)
                {
                    isMet = evaluator.Evaluate(person, institution, rows.Where(r => r.Month <= month)).Status == ComplianceStatus.Met;
                    next++;
                }
                if (isMet)
                    met[month]++;
            }
        }
        return (policy, Enumerable.Range(1, lastMonth).Select(m => (m, met[m], applicable)).ToList());
    }

    private static DateTimeOffset MonthStart(int year, int month, TimeZoneInfo zone)
    {
        var local = new DateTime(year, month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    private static int Window(CreditPolicy policy) => policy.Rules.MultiYearRules.Select(r => r.Years).DefaultIfEmpty(1).Max();

    private static async Task<(CreditPolicy, Dictionary<Guid, ReportInstitution>, List<StaffMember>)> LoadAsync(
        IAppDbContext db, StaffFilter filter, int year, CancellationToken ct)
    {
        var policy = await CreditYears.ActivePolicyAsync(db, year, ct);
        var institutions = await ReportScope.Institutions(db, filter).AsNoTracking()
            .Select(i => new ReportInstitution(i.Id, i.Code, i.Name, i.NameEn, i.Tier, i.Region)).ToDictionaryAsync(i => i.Id, ct);
        var people = await ReportScope.People(db, filter).AsNoTracking()
            .Select(p => new StaffMember(p.Id, p.InstitutionId, p.Profession, p.TitleLevel)).ToListAsync(ct);
        return (policy, institutions, people);
    }

    /// <summary>
    /// The one aggregate over the ledger. With <paramref name="monthEnds"/> (the starts of February
    /// to December) the year's rows are also split by the month they were recorded in (1–12);
    /// earlier years are month 0.
    /// </summary>
    internal static IQueryable<LedgerSum> LedgerSums(IAppDbContext db, StaffFilter filter, int fromYear, int toYear, DateTimeOffset[]? monthEnds)
    {
        var ledger = db.CreditLedger.AsNoTracking().Where(e => e.Year >= fromYear && e.Year <= toYear);
        if (!ReportScope.IsEmpty(filter))
        {
            var people = ReportScope.People(db, filter);
            ledger = ledger.Where(e => people.Any(p => p.Id == e.LearnerId));
        }
        var m = monthEnds;
        var groups = m is null
            ? ledger.GroupBy(e => new { e.LearnerId, e.Year, Month = 0 })
            : ledger.GroupBy(e => new
            {
                e.LearnerId, e.Year,
                Month = e.Year < toYear ? 0
                    : e.RecordedAt < m[0] ? 1 : e.RecordedAt < m[1] ? 2 : e.RecordedAt < m[2] ? 3 : e.RecordedAt < m[3] ? 4
                    : e.RecordedAt < m[4] ? 5 : e.RecordedAt < m[5] ? 6 : e.RecordedAt < m[6] ? 7 : e.RecordedAt < m[7] ? 8
                    : e.RecordedAt < m[8] ? 9 : e.RecordedAt < m[9] ? 10 : e.RecordedAt < m[10] ? 11 : 12,
            });
        return groups.Select(g => new LedgerSum(g.Key.LearnerId, g.Key.Year, g.Key.Month,
            g.Sum(e => e.Credits),
            g.Sum(e => e.CreditClass == CreditClasses.ClassI ? e.Credits : 0m),
            g.Sum(e => e.CreditClass == CreditClasses.ClassII ? e.Credits : 0m),
            g.Sum(e => e.Hours),
            g.Sum(e => e.ProjectLevel == ProjectLevel.National ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.Completion ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.Teaching ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.Conference ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.SelfStudy ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.StudyPlacement ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.Publication ? e.Credits : 0m),
            g.Sum(e => e.Source == CreditSource.Adjustment ? e.Credits : 0m)));
    }

    /// <summary>Applies the policy to one person's sums; people with nothing in the ledger share one evaluation per tier.</summary>
    private sealed class Evaluator(CreditPolicy policy, int year, bool yearIsOver)
    {
        private readonly Dictionary<InstitutionTier, (CreditTotals, CreditEvaluation)> _empty = [];

        public PersonStanding Evaluate(StaffMember person, ReportInstitution institution, IEnumerable<LedgerSum> sums)
        {
            var rows = sums as IReadOnlyCollection<LedgerSum> ?? sums.ToList();
            CreditTotals totals;
            CreditEvaluation? evaluation = null;
            if (rows.Count == 0 && _empty.TryGetValue(institution.Tier, out var cached))
                (totals, evaluation) = cached;
            else
                totals = Totals(rows);
            if (!policy.Rules.Scope.Covers(person.Profession, person.TitleLevel, institution.Tier))
                return new PersonStanding(person, institution, ComplianceStatus.NotApplicable, totals.CreditsByClass.Values.Sum(), totals.Hours, totals, []);
            if (evaluation is null)
            {
                evaluation = CreditRequirement.Evaluate(policy, totals, institution.Tier, yearIsOver);
                if (rows.Count == 0)
                    _empty[institution.Tier] = (totals, evaluation);
            }
            return new PersonStanding(person, institution, evaluation.Status, evaluation.CountedCredits, totals.Hours, totals, evaluation.Shortfalls);
        }

        /// <summary>The same totals <see cref="CreditYears.StandingAsync"/> builds from one person's ledger entries.</summary>
        private CreditTotals Totals(IReadOnlyCollection<LedgerSum> rows)
        {
            var byClass = new Dictionary<string, decimal>();
            var bySource = new Dictionary<CreditSource, decimal>();
            var byYear = new Dictionary<int, decimal>();
            var nationalByYear = new Dictionary<int, decimal>();
            var hours = 0m;
            foreach (var row in rows)
            {
                byYear[row.Year] = byYear.GetValueOrDefault(row.Year) + row.Credits;
                if (row.National != 0)
                    nationalByYear[row.Year] = nationalByYear.GetValueOrDefault(row.Year) + row.National;
                if (row.Year != year)
                    continue;
                Add(byClass, CreditClasses.ClassI, row.ClassI);
                Add(byClass, CreditClasses.ClassII, row.ClassII);
                Add(bySource, CreditSource.Completion, row.Completion);
                Add(bySource, CreditSource.Teaching, row.Teaching);
                Add(bySource, CreditSource.Conference, row.Conference);
                Add(bySource, CreditSource.SelfStudy, row.SelfStudy);
                Add(bySource, CreditSource.StudyPlacement, row.StudyPlacement);
                Add(bySource, CreditSource.Publication, row.Publication);
                Add(bySource, CreditSource.Adjustment, row.Adjustment);
                hours += row.Hours;
            }
            return new CreditTotals(year, byClass, bySource, hours, byYear, nationalByYear);
        }

        private static void Add<TKey>(Dictionary<TKey, decimal> sums, TKey key, decimal value) where TKey : notnull
        {
            if (value != 0)
                sums[key] = sums.GetValueOrDefault(key) + value;
        }
    }
}
