using Cme.Application.Common.Reasons;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Jobs;

/// <summary>Recurring and scheduled jobs with their next fire times and their last run (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListJobs : IQuery<IReadOnlyList<JobSummary>>;

public sealed record JobSummary(string Name, string? Description, bool Recurring, IReadOnlyList<JobTriggerView> Triggers,
    DateTimeOffset? NextFireAt, JobRunView? LastRun, int FailuresLast24h);

public sealed record JobRunView(long Id, string JobName, string TriggerName, DateTimeOffset? ScheduledAt, DateTimeOffset StartedAt,
    long DurationMs, bool Succeeded, string? Result, string? Error, string Instance, bool Recovering);

internal sealed class ListJobsHandler(IJobLauncher launcher, IAppDbContext db, TimeProvider clock) : IRequestHandler<ListJobs, IReadOnlyList<JobSummary>>
{
    public async Task<IReadOnlyList<JobSummary>> Handle(ListJobs request, CancellationToken cancellationToken)
    {
        var jobs = await launcher.ListAsync(cancellationToken);
        var since = clock.GetUtcNow().AddHours(-24);
        var names = jobs.Select(j => j.Name).ToList();
        var lastIds = await db.JobRuns.AsNoTracking().Where(r => names.Contains(r.JobName))
            .GroupBy(r => r.JobName).Select(g => g.Max(r => r.Id)).ToListAsync(cancellationToken);
        var last = await db.JobRuns.AsNoTracking().Where(r => lastIds.Contains(r.Id)).Select(JobRunProjection.ToView).ToListAsync(cancellationToken);
        var failures = await db.JobRuns.AsNoTracking().Where(r => !r.Succeeded && r.StartedAt >= since)
            .GroupBy(r => r.JobName).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        return [.. jobs.Select(j => new JobSummary(j.Name, j.Description, j.Recurring, j.Triggers,
            j.Triggers.Select(t => t.NextFireAt).Where(t => t is not null).Min(),
            last.FirstOrDefault(r => r.JobName == j.Name), failures.GetValueOrDefault(j.Name)))];
    }
}

/// <summary>Recent runs, newest first; optionally of one job, or only the failures (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListJobRuns(string? JobName, bool FailedOnly, int Take = 50) : IQuery<IReadOnlyList<JobRunView>>;

internal sealed class ListJobRunsValidator : AbstractValidator<ListJobRuns>
{
    public ListJobRunsValidator() => RuleFor(x => x.Take).InclusiveBetween(1, 500);
}

internal sealed class ListJobRunsHandler(IAppDbContext db) : IRequestHandler<ListJobRuns, IReadOnlyList<JobRunView>>
{
    public async Task<IReadOnlyList<JobRunView>> Handle(ListJobRuns request, CancellationToken cancellationToken)
    {
        var runs = db.JobRuns.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(request.JobName))
            runs = runs.Where(r => r.JobName == request.JobName);
        if (request.FailedOnly)
            runs = runs.Where(r => !r.Succeeded);
        return await runs.OrderByDescending(r => r.Id).Take(request.Take).Select(JobRunProjection.ToView).ToListAsync(cancellationToken);
    }
}

/// <summary>Runs a job now (the jobs page's retry button), with optional data for the job (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record TriggerJob(string JobName, IReadOnlyDictionary<string, string>? Data) : ICommand<JobTriggered>;

public sealed record JobTriggered(string JobName, string TriggerName);

internal sealed class TriggerJobValidator : AbstractValidator<TriggerJob>
{
    public TriggerJobValidator()
    {
        RuleFor(x => x.JobName).NotEmpty().MaximumLength(100);
        RuleFor(x => x.Data).Must(d => d is null || d.Count <= 20).WithReason("jobs.data-too-many", new { max = 20 });
    }
}

internal sealed class TriggerJobHandler(IJobLauncher launcher) : IRequestHandler<TriggerJob, JobTriggered>
{
    public async Task<JobTriggered> Handle(TriggerJob request, CancellationToken cancellationToken) =>
        new(request.JobName, await launcher.TriggerAsync(request.JobName, request.Data, cancellationToken));
}

internal static class JobRunProjection
{
    public static readonly System.Linq.Expressions.Expression<Func<Domain.Jobs.JobRun, JobRunView>> ToView = r =>
        new JobRunView(r.Id, r.JobName, r.TriggerName, r.ScheduledAt, r.StartedAt, r.DurationMs, r.Succeeded, r.Result, r.Error, r.Instance, r.Recovering);
}
