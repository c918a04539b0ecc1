using Cme.Application.Common.Messaging;
using Cme.Application.Common.Reasons;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using FluentValidation;

namespace Cme.Application.Jobs;

/// <summary>The recurring jobs with their schedule, next run and last run, as the job scheduler holds them (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListJobs : IQuery<IReadOnlyList<JobView>>;

internal sealed class ListJobsHandler(IJobLauncher launcher) : IRequestHandler<ListJobs, IReadOnlyList<JobView>>
{
    public async ValueTask<IReadOnlyList<JobView>> Handle(ListJobs request, CancellationToken cancellationToken) => await launcher.ListAsync(cancellationToken);
}

/// <summary>Recent runs in one state (Succeeded, Failed, Processing, Enqueued), newest first (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListJobRuns(string State, int Take = 50) : IQuery<IReadOnlyList<JobRunView>>;

internal sealed class ListJobRunsValidator : AbstractValidator<ListJobRuns>
{
    public ListJobRunsValidator()
    {
        RuleFor(x => x.Take).InclusiveBetween(1, 500);
        RuleFor(x => x.State).Must(s => JobRunStates.All.Contains(s)).WithReason("jobs.unknown-state", new { states = string.Join(", ", JobRunStates.All) });
    }
}

internal sealed class ListJobRunsHandler(IJobLauncher launcher) : IRequestHandler<ListJobRuns, IReadOnlyList<JobRunView>>
{
    public async ValueTask<IReadOnlyList<JobRunView>> Handle(ListJobRuns request, CancellationToken cancellationToken) =>
        await launcher.RunsAsync(request.State, request.Take, cancellationToken);
}

/// <summary>The job servers at work, one or two per API instance with the scheduler on (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListJobServers : IQuery<IReadOnlyList<JobServerView>>;

internal sealed class ListJobServersHandler(IJobLauncher launcher) : IRequestHandler<ListJobServers, IReadOnlyList<JobServerView>>
{
    public async ValueTask<IReadOnlyList<JobServerView>> Handle(ListJobServers request, CancellationToken cancellationToken) => await launcher.ServersAsync(cancellationToken);
}

/// <summary>Runs a job now, outside its schedule (the jobs page's "run now") (CmeAdmin).</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record TriggerJob(string JobName) : ICommand<JobTriggered>;

public sealed record JobTriggered(string JobName, string RunId);

internal sealed class TriggerJobValidator : AbstractValidator<TriggerJob>
{
    public TriggerJobValidator() => RuleFor(x => x.JobName).NotEmpty().MaximumLength(100);
}

internal sealed class TriggerJobHandler(IJobLauncher launcher) : IRequestHandler<TriggerJob, JobTriggered>
{
    public async ValueTask<JobTriggered> Handle(TriggerJob request, CancellationToken cancellationToken) =>
        new(request.JobName, await launcher.TriggerAsync(request.JobName, cancellationToken));
}
