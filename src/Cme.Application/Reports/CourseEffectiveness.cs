using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Courses;
using Cme.Domain.Courses.Quizzes;
using Cme.Domain.Courses.Scenarios;
using Cme.Domain.Learning;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Reports;

/// <summary>
/// Pre/post-test results of one course: per learner the first pre-test and the last post-test of
/// the year; the gain is the mean of (post − pre) over the learners who took both.
/// </summary>
public sealed record CourseGain(Guid CourseId, string Code, string TitleZh, string TitleEn, int LearnersPreTest, int LearnersPostTest, int Paired,
    decimal? MeanPrePercent, decimal? MeanPostPercent, decimal? MeanGainPercent, decimal? PostTestPassPercent);

public sealed record CourseEffectivenessReport(int Year, IReadOnlyList<CourseGain> Courses);

/// <summary>Pre/post-test gains per course for learners in scope (InstitutionAdmin: own staff).</summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record GetCourseEffectiveness(int Year, StaffFilter Filter) : IQuery<CourseEffectivenessReport>;

internal sealed class GetCourseEffectivenessValidator : AbstractValidator<GetCourseEffectiveness>
{
    public GetCourseEffectivenessValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class GetCourseEffectivenessHandler(IAppDbContext db, ICurrentUser user)
    : IRequestHandler<GetCourseEffectiveness, CourseEffectivenessReport>
{
    public async ValueTask<CourseEffectivenessReport> Handle(GetCourseEffectiveness request, CancellationToken ct)
    {
        var filter = ReportScope.Narrow(request.Filter, user);
        var (from, to) = ReportYears.Bounds(request.Year);
        var attempts = db.QuizAttempts.AsNoTracking()
            .Where(a => (a.Purpose == QuizPurpose.PreTest || a.Purpose == QuizPurpose.PostTest) && a.SubmittedAt >= from && a.SubmittedAt < to);
        if (!ReportScope.IsEmpty(filter))
        {
            var people = ReportScope.People(db, filter);
            attempts = attempts.Where(a => people.Any(p => p.Id == a.LearnerId));
        }
        var rows = await attempts.Select(a => new { a.CourseId, a.LearnerId, a.Purpose, a.ScorePercent, a.Passed, a.SubmittedAt }).ToListAsync(ct);
        var courseIds = rows.Select(r => r.CourseId).Distinct().ToList();
        var courses = await db.Courses.AsNoTracking().Where(c => courseIds.Contains(c.Id))
            .Select(c => new { c.Id, c.Code, c.TitleZh, c.TitleEn }).ToListAsync(ct);

        var gains = courses.Select(c =>
            {
                var mine = rows.Where(r => r.CourseId == c.Id).ToList();
                var pre = mine.Where(r => r.Purpose == QuizPurpose.PreTest).GroupBy(r => r.LearnerId)
                    .ToDictionary(g => g.Key, g => g.MinBy(r => r.SubmittedAt)!);
                var post = mine.Where(r => r.Purpose == QuizPurpose.PostTest).GroupBy(r => r.LearnerId)
                    .ToDictionary(g => g.Key, g => g.MaxBy(r => r.SubmittedAt)!);
                var paired = pre.Keys.Where(post.ContainsKey).ToList();
                decimal? Mean(IEnumerable<decimal> values) => values.ToList() is { Count: > 0 } list ? Math.Round(list.Average(), 1) : null;
                return new CourseGain(c.Id, c.Code, c.TitleZh, c.TitleEn, pre.Count, post.Count, paired.Count,
                    Mean(paired.Select(l => pre[l].ScorePercent)), Mean(paired.Select(l => post[l].ScorePercent)),
                    Mean(paired.Select(l => post[l].ScorePercent - pre[l].ScorePercent)),
                    post.Count == 0 ? null : CompletionGroups.Percent(post.Values.Count(p => p.Passed), post.Count));
            })
            .OrderByDescending(g => g.Paired).ThenBy(g => g.Code, StringComparer.Ordinal).ToList();
        return new CourseEffectivenessReport(request.Year, gains);
    }
}

public sealed record OptionShare(string OptionId, string Text, decimal Score, bool CriticalError, int Chosen, decimal SharePercent);

public sealed record DecisionInsight(Guid ModuleId, string ModuleTitle, string NodeId, string NodeTitle, int Decisions, IReadOnlyList<OptionShare> Options);

public sealed record CriticalErrorInsight(Guid ModuleId, string NodeId, string NodeTitle, string OptionId, string OptionText, int Count,
    decimal SharePercent);

public sealed record ScenarioInsights(Guid CourseId, string Code, string TitleZh, int Year, int Attempts, int Learners,
    IReadOnlyList<DecisionInsight> Decisions, IReadOnlyList<CriticalErrorInsight> CriticalErrors);

/// <summary>
/// Where learners go wrong in a course's clinical scenarios: for each decision node the share of
/// decisions for each option, and the critical errors made most often. For the CME office, the
/// course's own authors (all learners, aggregated) and an InstitutionAdmin (own staff).
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin, Roles.Author)]
public sealed record GetScenarioInsights(Guid CourseId, int Year, StaffFilter Filter) : IQuery<ScenarioInsights>;

internal sealed class GetScenarioInsightsValidator : AbstractValidator<GetScenarioInsights>
{
    public GetScenarioInsightsValidator()
    {
        RuleFor(x => x.Year).InclusiveBetween(ReportScope.MinYear, ReportScope.MaxYear);
        RuleFor(x => x.Filter).ValidFilter();
    }
}

internal sealed class GetScenarioInsightsHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetScenarioInsights, ScenarioInsights>
{
    public async ValueTask<ScenarioInsights> Handle(GetScenarioInsights request, CancellationToken ct)
    {
        var course = await db.Courses.AsNoTracking().SingleOrDefaultAsync(c => c.Id == request.CourseId, ct)
                     ?? throw new NotFoundException("Course", request.CourseId);
        StaffFilter filter;
        if (user.IsInRole(Roles.CmeAdmin) || (user.ProfessionalId is { } me && course.IsAuthor(me)))
            filter = request.Filter;
        else if (user.IsInRole(Roles.InstitutionAdmin))
            filter = ReportScope.Narrow(request.Filter, user);
        else
            throw new NotFoundException("Course", request.CourseId);

        var modules = await (from m in db.CourseModules.AsNoTracking()
                             join v in db.CourseVersions on m.VersionId equals v.Id
                             where v.CourseId == course.Id && m.Kind == ModuleKind.Scenario
                             select m).ToListAsync(ct);
        var (from, to) = ReportYears.Bounds(request.Year);
        var attempts = db.ScenarioAttempts.AsNoTracking().Where(a => a.CourseId == course.Id && a.StartedAt >= from && a.StartedAt < to);
        if (!ReportScope.IsEmpty(filter))
        {
            var people = ReportScope.People(db, filter);
            attempts = attempts.Where(a => people.Any(p => p.Id == a.LearnerId));
        }
        var rows = await attempts.Select(a => new { a.ModuleId, a.LearnerId, Steps = EF.Property<List<AttemptStep>>(a, "_steps") }).ToListAsync(ct);

        var decisions = new List<DecisionInsight>();
        var errors = new List<CriticalErrorInsight>();
        foreach (var module in modules.Where(m => m.Scenario is not null).OrderBy(m => m.Position))
        {
            var steps = rows.Where(r => r.ModuleId == module.Id).SelectMany(r => r.Steps).Where(s => s.OptionId is not null).ToList();
            foreach (var node in module.Scenario!.Nodes.Where(n => n.Kind == ScenarioNodeKind.Decision))
            {
                var chosen = steps.Where(s => s.NodeId == node.Id).GroupBy(s => s.OptionId!).ToDictionary(g => g.Key, g => g.Count());
                var total = chosen.Values.Sum();
                if (total == 0)
                    continue;
                var options = node.Options.Select(o => new OptionShare(o.Id, o.Text, o.Score, o.CriticalError, chosen.GetValueOrDefault(o.Id),
                    CompletionGroups.Percent(chosen.GetValueOrDefault(o.Id), total))).ToList();
                decisions.Add(new DecisionInsight(module.Id, module.Title, node.Id, node.Title, total, options));
                errors.AddRange(options.Where(o => o.CriticalError && o.Chosen > 0)
                    .Select(o => new CriticalErrorInsight(module.Id, node.Id, node.Title, o.OptionId, o.Text, o.Chosen, o.SharePercent)));
            }
        }
        return new ScenarioInsights(course.Id, course.Code, course.TitleZh, request.Year, rows.Count, rows.Select(r => r.LearnerId).Distinct().Count(),
            decisions, errors.OrderByDescending(e => e.Count).ThenByDescending(e => e.SharePercent).Take(10).ToList());
    }
}

internal static class ReportYears
{
    /// <summary>A calendar year in the consortium's time zone, as UTC instants [from, to).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Bounds(int year)
    {
        var zone = Domain.Offerings.SessionTimes.Zone(CompletionStandings.ReportTimeZone);
        DateTimeOffset Start(int y)
        {
            var local = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Unspecified);
            return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
        }
        return (Start(year), Start(year + 1));
    }
}
