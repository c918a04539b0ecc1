using Cme.Application.Common.Messaging;
using Cme.Application.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>The scheduler's jobs for the CME office: what runs when, what ran, what failed, run now.</summary>
public static class JobEndpoints
{
    public sealed record TriggerRequest(IReadOnlyDictionary<string, string>? Data);

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var jobs = app.MapGroup("/api/v1/jobs").WithTags("Jobs");
        jobs.MapGet("/", List).WithSummary("Recurring and scheduled jobs with their triggers, next fire time, last run and failures in 24 h (CmeAdmin).");
        jobs.MapGet("/runs", Runs).WithSummary("Recent runs, newest first, with duration, outcome and error; ?job=&failedOnly=true (CmeAdmin).");
        jobs.MapPost("/{name}/trigger", Trigger).WithSummary("Run a job now (retry), with optional data for its JobDataMap (CmeAdmin).");
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<JobSummary>>> List(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListJobs(), ct));

    internal static async Task<Ok<IReadOnlyList<JobRunView>>> Runs(ISender sender, CancellationToken ct, string? job = null, bool failedOnly = false, int take = 50) =>
        TypedResults.Ok(await sender.Send(new ListJobRuns(job, failedOnly, take), ct));

    internal static async Task<Accepted<JobTriggered>> Trigger(string name, TriggerRequest? body, ISender sender, CancellationToken ct)
    {
        var triggered = await sender.Send(new TriggerJob(name, body?.Data), ct);
        return TypedResults.Accepted($"/api/v1/jobs/runs?job={Uri.EscapeDataString(name)}", triggered);
    }
}
