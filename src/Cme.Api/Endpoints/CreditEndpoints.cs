using Cme.Application.Common.Messaging;
using Cme.Application.Credits;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>Credits: my standing against the active policy, transcripts, ledger corrections, policies.</summary>
public static class CreditEndpoints
{
    public sealed record RevokeRequest(string Reason);

    public sealed record ActivePolicyRequest(string Code);

    public static IEndpointRouteBuilder MapCreditEndpoints(this IEndpointRouteBuilder app)
    {
        var credits = app.MapGroup("/api/v1/credits").WithTags("Credits");
        app.MapGet("/api/v1/me/credits", Standing).WithTags("Credits").WithSummary("My credits for a year against the active policy, with what is missing.");
        credits.MapGet("/transcript", GetTranscript).WithSummary("Every ledger entry and the standing per year (own; CmeAdmin any; InstitutionAdmin own staff).");
        credits.MapGet("/transcript.csv", GetTranscriptCsv).Produces(200, contentType: TranscriptCsv.ContentType)
            .WithSummary("The transcript as CSV (UTF-8 with BOM; formula-like cells escaped); headings follow Accept-Language.");
        credits.MapPost("/adjustments", Adjust).WithSummary("A CmeAdmin's correction with its reason (a new ledger entry).");
        credits.MapPost("/entries/{id:guid}/revoke", Revoke).WithSummary("Revoke an award with a compensating entry and its reason.");
        credits.MapPost("/activities", SubmitActivity).DisableAntiforgery()
            .WithSummary("Record learning done elsewhere (multipart: kind, title, startDate, endDate, hours, claimedCredits, creditClass, file).");
        credits.MapGet("/activities", Activities).WithSummary("mine=true: my activities; otherwise those I decide (InstitutionAdmin: own staff; CmeAdmin: all).");
        credits.MapGet("/activities/{id:guid}/evidence", Evidence);
        credits.MapPost("/activities/{id:guid}/approve", ApproveActivity).WithSummary("Approve (awardedCredits may be fewer than claimed, with a comment as the reason): a ledger entry under the activity's source, within the policy's cap.");
        credits.MapPost("/activities/{id:guid}/reject", RejectActivity);
        app.MapGet("/api/v1/credit-policies", Policies).WithTags("Credits");
        app.MapPut("/api/v1/credit-policies/active", Choose).WithTags("Credits").WithSummary("Choose the consortium's active policy (CmeAdmin).");
        return app;
    }

    internal static async Task<Ok<CreditStanding>> Standing(ISender sender, CancellationToken ct, int? year = null) =>
        TypedResults.Ok(await sender.Send(new GetMyCreditStanding(year), ct));

    internal static async Task<Ok<Transcript>> GetTranscript(ISender sender, TimeProvider clock, CancellationToken ct,
        Guid? professionalId = null, int? from = null, int? to = null)
    {
        var year = clock.GetUtcNow().Year;
        return TypedResults.Ok(await sender.Send(new Application.Credits.GetTranscript(professionalId, from ?? year, to ?? year), ct));
    }

    internal static async Task<FileContentHttpResult> GetTranscriptCsv(ISender sender, TimeProvider clock, CancellationToken ct,
        Guid? professionalId = null, int? from = null, int? to = null)
    {
        var year = clock.GetUtcNow().Year;
        var transcript = await sender.Send(new Application.Credits.GetTranscript(professionalId, from ?? year, to ?? year), ct);
        return TypedResults.File(TranscriptCsv.Write(transcript, System.Globalization.CultureInfo.CurrentUICulture), TranscriptCsv.ContentType,
            TranscriptCsv.FileName(transcript));
    }

    internal static async Task<Ok<LedgerEntryCreated>> Adjust(AdjustCredits body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(body, ct));

    internal static async Task<Ok<LedgerEntryCreated>> Revoke(Guid id, RevokeRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevokeCredit(id, body.Reason), ct));

    /// <summary>A decision's comment (required to reject, and to approve fewer credits than claimed) and, to approve, the credits awarded (default: the claim).</summary>
    public sealed record DecisionRequest(string? Comment, decimal? AwardedCredits = null);

    internal static async Task<Ok<ActivitySubmitted>> SubmitActivity(HttpRequest request, ISender sender, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new Application.Common.Exceptions.RequestValidationException("file", "activity.evidence-missing");
        var form = await request.ReadFormAsync(ct);
        var file = form.Files.GetFile("file") ?? throw new Application.Common.Exceptions.RequestValidationException("file", "activity.evidence-missing");
        if (file.Length > Domain.Credits.ExternalActivity.MaxEvidenceBytes)
            throw new Application.Common.Exceptions.RequestValidationException("file", "activity.evidence-size");
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, ct);
        T Field<T>(string name, Func<string, (bool, T)> parse)
        {
            var (ok, value) = parse(form[name].ToString());
            return ok ? value : throw new Application.Common.Exceptions.RequestValidationException(name, "request.invalid-value", new { value = form[name].ToString() });
        }
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        return TypedResults.Ok(await sender.Send(new SubmitExternalActivity(
            Field("kind", v => (Enum.TryParse<Domain.Credits.CreditSource>(v, out var k), k)), form["title"].ToString(),
            Field("startDate", v => (DateOnly.TryParse(v, inv, out var d), d)), Field("endDate", v => (DateOnly.TryParse(v, inv, out var d), d)),
            Field("hours", v => (decimal.TryParse(v, System.Globalization.NumberStyles.Number, inv, out var h), h)),
            Field("claimedCredits", v => (decimal.TryParse(v, System.Globalization.NumberStyles.Number, inv, out var c), c)),
            form["creditClass"].ToString(), file.FileName, buffer.ToArray()), ct));
    }

    internal static async Task<Ok<IReadOnlyList<ActivityView>>> Activities(ISender sender, CancellationToken ct, bool mine = false,
        Domain.Credits.ActivityStatus? status = null) =>
        TypedResults.Ok(await sender.Send(new ListExternalActivities(mine, status), ct));

    internal static async Task<FileContentHttpResult> Evidence(Guid id, HttpContext http, ISender sender, CancellationToken ct)
    {
        var evidence = await sender.Send(new GetActivityEvidence(id), ct);
        http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; sandbox";
        return TypedResults.File(evidence.Content, evidence.ContentType, evidence.FileName);
    }

    internal static async Task<Ok<LedgerEntryCreated>> ApproveActivity(Guid id, DecisionRequest? body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ApproveExternalActivity(id, body?.Comment, body?.AwardedCredits), ct));

    internal static async Task<NoContent> RejectActivity(Guid id, DecisionRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new RejectExternalActivity(id, body.Comment ?? ""), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<IReadOnlyList<PolicyView>>> Policies(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCreditPolicies(), ct));

    internal static async Task<NoContent> Choose(ActivePolicyRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetActivePolicy(body.Code), ct);
        return TypedResults.NoContent();
    }
}
