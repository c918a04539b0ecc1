using Cme.Application.Common.Messaging;
using Cme.Application.Trainers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>The consortium trainer pool: profiles, load, assignment with checks, suggestions, train-the-trainer candidates.</summary>
public static class TrainerEndpoints
{
    public sealed record AddTrainerRequest(Guid ProfessionalId, TrainerInput Trainer);

    public sealed record UpdateTrainerRequest(TrainerInput Trainer, bool IsActive);

    public sealed record AssignRequest(Guid TrainerId);

    public sealed record RejectRequest(string Reason);

    public static IEndpointRouteBuilder MapTrainerEndpoints(this IEndpointRouteBuilder app)
    {
        var trainers = app.MapGroup("/api/v1/trainers").WithTags("Trainer pool");
        trainers.MapGet("/", List).WithSummary("The pool with each trainer's sessions per month of a year.");
        trainers.MapPost("/", Add);
        trainers.MapPut("/{id:guid}", Update);
        trainers.MapGet("/candidates", Candidates).WithSummary("Train-the-trainer graduates waiting for approval.");
        trainers.MapPost("/candidates/{id:guid}/approve", Approve);
        trainers.MapPost("/candidates/{id:guid}/reject", Reject);

        var sessions = app.MapGroup("/api/v1/sessions/{sessionId:guid}").WithTags("Trainer pool");
        sessions.MapGet("/trainer-suggestions", Suggest).WithSummary("Ranked candidates: eligible first, specialty match, fewest sessions that month, same region.");
        sessions.MapPost("/trainers", Assign).WithSummary("Assign; 409 naming every failed check (specialty, qualification, overlap, monthly limit, unavailable).");
        sessions.MapDelete("/trainers/{trainerId:guid}", Unassign);
        return app;
    }

    internal static async Task<Ok<IReadOnlyList<TrainerView>>> List(ISender sender, TimeProvider clock, CancellationToken ct, int? year = null) =>
        TypedResults.Ok(await sender.Send(new ListTrainers(year ?? clock.GetUtcNow().Year), ct));

    internal static async Task<Created<TrainerCreated>> Add(AddTrainerRequest body, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(new AddTrainer(body.ProfessionalId, body.Trainer), ct);
        return TypedResults.Created($"/api/v1/trainers/{created.Id}", created);
    }

    internal static async Task<NoContent> Update(Guid id, UpdateTrainerRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new UpdateTrainer(id, body.Trainer, body.IsActive), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<CandidateView>>> Candidates(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCandidates(), ct));

    internal static async Task<Ok<TrainerCreated>> Approve(Guid id, TrainerInput body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ApproveCandidate(id, body), ct));

    internal static async Task<NoContent> Reject(Guid id, RejectRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RejectCandidate(id, body.Reason), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<TrainerSuggestion>>> Suggest(Guid sessionId, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SuggestTrainers(sessionId), ct));

    internal static async Task<NoContent> Assign(Guid sessionId, AssignRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new AssignTrainer(sessionId, body.TrainerId), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> Unassign(Guid sessionId, Guid trainerId, ISender sender, CancellationToken ct)
    {
        await sender.Send(new UnassignTrainer(sessionId, trainerId), ct);
        return TypedResults.NoContent();
    }
}
