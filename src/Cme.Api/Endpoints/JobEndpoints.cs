using Cme.Application.Common.Messaging;
using Cme.Application.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>
/// The job scheduler's state for the CME office, read through Hangfire's monitoring API: the recurring
/// jobs, recent runs by state, the servers at work, and "run now". Retrying or deleting a single run
/// is done on the Hangfire dashboard (/admin/hangfire).
/// </summary>
public static class JobEndpoints
{
    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        jobs.MapGet("/", List).WithSummary("The recurring jobs with their cron schedule, next run, last run and its state (CmeAdmin).");
        jobs.MapGet("/runs", Runs).WithSummary("Recent runs in one state (?state=Succeeded|Failed|Processing|Enqueued, default Failed), newest first (CmeAdmin).");
        jobs.MapGet("/servers", Servers).WithSummary("The job servers at work, with workers, queues and last heartbeat (CmeAdmin).");
        jobs.MapPost("/{name}/trigger", Trigger).WithSummary("Enqueue one run of a job now, outside its schedule (CmeAdmin).");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<JobView>>> List(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListJobs(), ct));

    internal static async Task<Ok<IReadOnlyList<JobRunView>>> Runs(ISender sender, CancellationToken ct, string state = JobRunStates.Failed, int take = 50) =>
        TypedResults.Ok(await sender.Send(new ListJobRuns(state, take), ct));

    internal static async Task<Ok<IReadOnlyList<JobServerView>>> Servers(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListJobServers(), ct));

    internal static async Task<Accepted<JobTriggered>> Trigger(string name, ISender sender, CancellationToken ct)
    {
        var triggered = await sender.Send(new TriggerJob(name), ct);
        return TypedResults.Accepted($"/api/v1/jobs/runs?state=Processing", triggered);
    }
}
