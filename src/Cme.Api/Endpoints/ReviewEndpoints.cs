using Cme.Application.Common.Messaging;
using Cme.Application.Reviews;
using Cme.Domain.Courses;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

/// <summary>The CME office's review: queue, request changes, accredit, publish, retire.</summary>
public static class ReviewEndpoints
{
    public sealed record RequestChangesRequest(IReadOnlyList<ReviewCommentInput> Comments);

    public sealed record AccreditRequest(string CreditClass, decimal CreditValue, ProjectLevel ProjectLevel, string AccreditationNumber);

    public sealed record RetireRequest(string? Reason);

    public static IEndpointRouteBuilder MapReviewEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/reviews", async (ISender s, CancellationToken ct) => TypedResults.Ok(await s.Send(new ListReviewQueue(), ct)))
            .WithTags("Accreditation").WithSummary("Versions waiting for the CME office: submitted, or accredited and not yet published.");
        var version = app.MapGroup("/api/v1/courses/{id:guid}/versions/{versionId:guid}").WithTags("Accreditation");
        version.MapGet("/changes", async (Guid id, Guid versionId, ISender s, CancellationToken ct) =>
            TypedResults.Ok(await s.Send(new GetVersionChanges(id, versionId), ct)))
            .WithSummary("What changed against the previous accredited version, module by module (added, removed, changed and in what).");
        version.MapPost("/request-changes", async (Guid id, Guid versionId, RequestChangesRequest body, ISender s, CancellationToken ct) =>
            await Done(s.Send(new RequestChanges(id, versionId, body.Comments ?? []), ct)));
        version.MapPost("/accredit", async (Guid id, Guid versionId, AccreditRequest b, ISender s, CancellationToken ct) =>
            await Done(s.Send(new AccreditVersion(id, versionId, b.CreditClass, b.CreditValue, b.ProjectLevel, b.AccreditationNumber), ct)))
            .WithSummary("Confirm credit class, value, project level and accreditation number (never by an author of the course).");
        version.MapPost("/publish", async (Guid id, Guid versionId, ISender s, CancellationToken ct) =>
            await Done(s.Send(new PublishVersion(id, versionId), ct)));
        version.MapPost("/retire", async (Guid id, Guid versionId, RetireRequest? body, ISender s, CancellationToken ct) =>
            await Done(s.Send(new RetireVersion(id, versionId, body?.Reason), ct)));
        return app;
    }

    private static async Task<NoContent> Done(ValueTask<Unit> work)
    {
        await work;
        return TypedResults.NoContent();
    }
}
