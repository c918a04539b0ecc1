using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Courses;
using Cme.Domain.Credits;
using Cme.Domain.Institutions;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Credits;

public sealed record ClassProgress(string CreditClass, decimal Credits, decimal? Minimum, decimal? Maximum);

public sealed record PolicyName(string Code, string Name, string NameEn);

/// <summary>A person's standing for one year against the consortium's active policy.</summary>
public sealed record CreditStanding(
    Guid ProfessionalId, int Year, PolicyName Policy, ComplianceStatus Status, decimal CountedCredits, decimal RequiredCredits,
    decimal Hours, decimal? RequiredHours, IReadOnlyList<ClassProgress> ByClass, IReadOnlyDictionary<CreditSource, decimal> BySource,
    IReadOnlyList<Shortfall> Shortfalls);

/// <summary>Sums the ledger and evaluates it against the active policy.</summary>
internal static class CreditYears
{
    public static async Task<CreditPolicy> ActivePolicyAsync(IAppDbContext db, int year, CancellationToken ct)
    {
        var code = await db.Consortia.OrderBy(c => c.Id).Select(c => c.ActivePolicyCode).FirstOrDefaultAsync(ct) ?? PolicyPresets.China2024;
        var yearEnd = new DateOnly(year, 12, 31);
        return await db.CreditPolicies.AsNoTracking().Where(p => p.Code == code && p.EffectiveFrom <= yearEnd)
                   .OrderByDescending(p => p.EffectiveFrom).FirstOrDefaultAsync(ct)
               ?? throw new ConflictException("policy.no-version", new { policy = code, year });
    }

    public static async Task<CreditStanding> StandingAsync(IAppDbContext db, Guid professionalId, int year, DateTimeOffset now, CancellationToken ct)
    {
        var person = await (from p in db.Professionals join i in db.Institutions on p.InstitutionId equals i.Id
                            where p.Id == professionalId select new { p.Profession, p.TitleLevel, i.Tier }).SingleOrDefaultAsync(ct)
                     ?? throw new NotFoundException("Professional", professionalId);
        var policy = await ActivePolicyAsync(db, year, ct);
        var window = policy.Rules.MultiYearRules.Select(r => r.Years).DefaultIfEmpty(1).Max();
        var entries = await db.CreditLedger.AsNoTracking()
            .Where(e => e.LearnerId == professionalId && e.Year <= year && e.Year > year - window)
            .Select(e => new { e.Year, e.Credits, e.Hours, e.CreditClass, e.Source, e.ProjectLevel }).ToListAsync(ct);
        var thisYear = entries.Where(e => e.Year == year).ToList();
        var totals = new CreditTotals(year,
            thisYear.GroupBy(e => e.CreditClass).ToDictionary(g => g.Key, g => g.Sum(e => e.Credits)),
            thisYear.GroupBy(e => e.Source).ToDictionary(g => g.Key, g => g.Sum(e => e.Credits)),
            thisYear.Sum(e => e.Hours),
            entries.GroupBy(e => e.Year).ToDictionary(g => g.Key, g => g.Sum(e => e.Credits)),
            entries.Where(e => e.ProjectLevel == ProjectLevel.National).GroupBy(e => e.Year).ToDictionary(g => g.Key, g => g.Sum(e => e.Credits)));
        var name = new PolicyName(policy.Code, policy.Name, policy.NameEn);
        var byClass = CreditClasses.All.Select(c => new ClassProgress(c, totals.CreditsByClass.GetValueOrDefault(c),
            policy.Rules.ClassRules.FirstOrDefault(r => r.CreditClass == c)?.Minimum, policy.Rules.ClassRules.FirstOrDefault(r => r.CreditClass == c)?.Maximum)).ToList();
        if (!policy.Rules.Scope.Covers(person.Profession, person.TitleLevel, person.Tier))
            return new CreditStanding(professionalId, year, name, ComplianceStatus.NotApplicable, totals.CreditsByClass.Values.Sum(), 0,
                totals.Hours, null, byClass, totals.CreditsBySource, []);
        var evaluation = CreditRequirement.Evaluate(policy, totals, person.Tier, yearIsOver: now.Year > year);
        return new CreditStanding(professionalId, year, name, evaluation.Status, evaluation.CountedCredits, evaluation.RequiredCredits,
            totals.Hours, policy.Rules.AnnualMinimumHours, byClass, totals.CreditsBySource, evaluation.Shortfalls);
    }
}
