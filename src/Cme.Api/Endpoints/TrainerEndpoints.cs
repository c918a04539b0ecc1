using Cme.Application.Common.Exceptions;
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
        trainers.MapGet("/candidates", Candidates).WithSummary("The trainer queue: train-the-trainer graduates and applications, pending first.");
        trainers.MapPost("/candidates/{id:guid}/approve", Approve).WithSummary("Approve into the pool with a qualification (the Trainer role); the person is told. Nobody decides their own.");
        trainers.MapPost("/candidates/{id:guid}/reject", Reject).WithSummary("Decline with a reason (required); the person is told.");

        var applications = app.MapGroup("/api/v1/trainer-applications").WithTags("Trainer pool");
        applications.MapPost("/", ApplyAsync).DisableAntiforgery()
            .WithSummary("Apply to become a trainer (multipart: specialty, yearsOfExperience, statement, evidenceUrl, file); 409 when one is open.");
        applications.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("The applicant takes their pending application back.");
        applications.MapGet("/{id:guid}/evidence", ApplicationEvidence).WithSummary("An application's evidence file (its applicant and the CME office).");
        app.MapGet("/api/v1/me/trainer-pathway", Pathway).WithTags("Trainer pool")
            .WithSummary("Whether I am in the trainer pool, and my applications and candidacies with their state.");

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

    internal static async Task<Created<TrainerApplicationSubmitted>> ApplyAsync(HttpRequest request, ISender sender, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new RequestValidationException("statement", "request.multipart-required");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file");
        if (file is { Length: > Domain.Credits.ExternalActivity.MaxEvidenceBytes })
            throw new RequestValidationException("file", "activity.evidence-size");
        byte[]? evidence = null;
        if (file is { Length: > 0 })
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ct);
            evidence = buffer.ToArray();
        }
        var years = form["yearsOfExperience"].ToString();
        if (!int.TryParse(years, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var yearsOfExperience))
            throw new RequestValidationException("yearsOfExperience", "request.invalid-value", new { value = years });
        var submitted = await sender.Send(new ApplyToTeach(form["specialty"].ToString(), yearsOfExperience, form["statement"].ToString(),
            form["evidenceUrl"].ToString() is { Length: > 0 } url ? url : null, file?.FileName, evidence), ct);
        return TypedResults.Created($"/api/v1/me/trainer-pathway", submitted);
    }

    internal static async Task<NoContent> Withdraw(Guid id, ISender sender, CancellationToken ct)
    {
        await sender.Send(new WithdrawTrainerApplication(id), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<FileContentHttpResult> ApplicationEvidence(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        var evidence = await sender.Send(new GetTrainerApplicationEvidence(id), ct);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(evidence.Content, evidence.ContentType, evidence.FileName);
    }

    internal static async Task<Ok<MyTrainerPathway>> Pathway(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyTrainerPathway(), ct));

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
