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
        credits.MapPost("/adjustments", Adjust).WithSummary("A CmeAdmin's correction with its reason (a new ledger entry).");
        credits.MapPost("/entries/{id:guid}/revoke", Revoke).WithSummary("Revoke an award with a compensating entry and its reason.");
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

    internal static async Task<Ok<LedgerEntryCreated>> Adjust(AdjustCredits body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(body, ct));

    internal static async Task<Ok<LedgerEntryCreated>> Revoke(Guid id, RevokeRequest body, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new RevokeCredit(id, body.Reason), ct));

    internal static async Task<Ok<IReadOnlyList<PolicyView>>> Policies(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new ListCreditPolicies(), ct));

    internal static async Task<NoContent> Choose(ActivePolicyRequest body, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetActivePolicy(body.Code), ct);
        return TypedResults.NoContent();
    }
}
