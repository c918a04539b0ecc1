using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Institutions;
using Cme.Domain.Institutions;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

public static class InstitutionEndpoints
{
    public sealed record UpdateInstitutionRequest(string Name, string NameEn, InstitutionTier Tier, string Region);

    public static IEndpointRouteBuilder MapInstitutionEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/institutions").WithTags("Institutions");
        group.MapGet("/", List).WithSummary("Institutions of the consortium, with search, tier filter and paging.");
        group.MapGet("/{id:guid}", Get).WithName("GetInstitution");
        group.MapPost("/", Create).WithSummary("Add an institution (CmeAdmin).");
        group.MapPut("/{id:guid}", Update).WithSummary("Edit an institution (CmeAdmin).");
        return app;
    }

    internal static async Task<Ok<PagedList<InstitutionSummary>>> List(
        ISender sender, CancellationToken ct, string? search = null, InstitutionTier? tier = null, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new ListInstitutions(search, tier, page, pageSize), ct));

    internal static async Task<Ok<InstitutionDetails>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetInstitution(id), ct));

    internal static async Task<CreatedAtRoute<InstitutionCreated>> Create(CreateInstitution request, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(request, ct);
        return TypedResults.CreatedAtRoute(created, "GetInstitution", new { id = created.Id });
    }

    internal static async Task<NoContent> Update(Guid id, UpdateInstitutionRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new UpdateInstitution(id, request.Name, request.NameEn, request.Tier, request.Region), ct);
        return TypedResults.NoContent();
    }
}
