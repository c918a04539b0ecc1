using Cme.Application.Attendance;
using Cme.Application.Common.Messaging;
using Cme.Domain.Attendance;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Attendance: rotating check-in codes, the trainer's roster, remote presence; completion and evaluation.</summary>
public static class AttendanceEndpoints
{
    public sealed record CheckInRequest(string Code);

    public sealed record MarkRequest(AttendanceStatus Status);

    public sealed record PresenceRequest(Guid LearnerId, IReadOnlyList<PresenceInterval> Intervals);

    public sealed record EvaluationRequest(int Content, int Relevance, int Teaching, int Organisation, string? Comments);

    public static IEndpointRouteBuilder MapAttendanceEndpoints(this IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/v1/sessions/{id:guid}").WithTags("Attendance");
        sessions.MapPost("/check-in", CheckInNow).WithSummary("Check in with the rotating code (QR token or the 8 digits, spaces allowed); repeating it is harmless; wrong codes are limited per learner and session (429 with Retry-After).");
        sessions.MapGet("/check-in", MyCheckInNow)
            .WithSummary("My own check-in for this session (enrolled learner): when and with what status; checkedInAt is null before I check in.");
        sessions.MapGet("/check-in-code", Code).WithSummary("The code to show now (trainer of the session, CmeAdmin); it changes every 30 seconds.");
        sessions.MapGet("/roster", Roster).WithSummary("Everyone enrolled, with attendance so far.");
        sessions.MapPut("/roster/{learnerId:guid}", Mark).WithSummary("Mark present, late, absent or excused.");
        sessions.MapPost("/attendance-import", Import).DisableAntiforgery()
            .WithSummary("A video platform's participant report as CSV (multipart 'file' or the body): every row checked, all or nothing.");
        sessions.MapPost("/teaching-credits", Teaching)
            .WithSummary("After the session: each trainer's teaching credit as the active policy says, once per session.");
        sessions.MapPost("/remote-presence", Presence).WithSummary("Join/leave times from a video platform, merged into minutes present.");
        var offerings = app.MapGroup("/api/v1/offerings/{id:guid}").WithTags("Attendance");
        offerings.MapGet("/my-completion", MyCompletion).WithSummary("My completion state with its reasons and attendance.");
        offerings.MapPost("/evaluation", Evaluate).WithSummary("My evaluation of the offering (once).");
        return app;
    }

    internal static async Task<Ok<CheckInResult>> CheckInNow(Guid id, CheckInRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new CheckIn(id, body.Code ?? ""), ct));

    internal static async Task<Ok<MyCheckIn>> MyCheckInNow(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyCheckIn(id), ct));

    internal static async Task<Ok<CurrentCode>> Code(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(await sender.Send(new GetCheckInCode(id), ct));
    }

    internal static async Task<Ok<IReadOnlyList<RosterLine>>> Roster(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetRoster(id), ct));

    internal static async Task<Ok<CompletionView>> Mark(Guid id, Guid learnerId, MarkRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new MarkAttendance(id, learnerId, body.Status), ct));

    internal static async Task<Ok<CompletionView>> Presence(Guid id, PresenceRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RecordRemotePresence(id, body.LearnerId, body.Intervals ?? []), ct));

    internal static async Task<Ok<AttendanceImportResult>> Import(Guid id, HttpRequest request, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ImportAttendance(id, await Uploads.ReadTextAsync(request, 5 * 1024 * 1024, ct)), ct));

    internal static async Task<Ok<IReadOnlyList<TeachingAward>>> Teaching(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new AwardTeachingCredits(id), ct));

    internal static async Task<Ok<CompletionView>> MyCompletion(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyCompletion(id), ct));

    internal static async Task<Ok<CompletionView>> Evaluate(Guid id, EvaluationRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new SubmitEvaluation(id, body.Content, body.Relevance, body.Teaching, body.Organisation, body.Comments), ct));
}
