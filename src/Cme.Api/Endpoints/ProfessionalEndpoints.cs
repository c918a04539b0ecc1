using System.Text;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Models;
using Cme.Application.Professionals;
using Cme.Domain.Professionals;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

public static class ProfessionalEndpoints
{
    public const long MaxImportBytes = 5 * 1024 * 1024;

    public sealed record UpdateProfessionalRequest(
        string NameZh, string NameLatin, Profession Profession, TitleLevel TitleLevel,
        Guid InstitutionId, string Email, string PreferredLanguage, IReadOnlyList<string> Roles);

    public sealed record SignInAccessRequest(bool Disabled);

    public static IEndpointRouteBuilder MapProfessionalEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/professionals").WithTags("Staff");
        group.MapGet("/", List).WithSummary("Staff, with search and paging. An InstitutionAdmin sees only their own institution.");
        group.MapGet("/{id:guid}", Get).WithName("GetProfessional");
        group.MapPost("/", Create).WithSummary("Add a professional and open their account; the temporary password is returned once.");
        group.MapPut("/{id:guid}", Update);
        group.MapPut("/{id:guid}/sign-in", SetSignInAccess)
            .WithSummary("Stop a person signing in (they left, or the account is misused) or let them in again; their sessions end within a minute. Not for one's own account.");
        group.MapPost("/import", Import)
            .DisableAntiforgery()
            .WithSummary("Import staff from a UTF-8 CSV file (multipart field 'file'). Any bad row: 400 listing every bad row, nothing written.");
        return app;
    }

    internal static async Task<Ok<PagedList<ProfessionalSummary>>> List(
        ISender sender, CancellationToken ct, string? search = null, Guid? institutionId = null, int page = 1, int pageSize = 20) =>
        TypedResults.Ok(await sender.Send(new ListProfessionals(search, institutionId, page, pageSize), ct));

    internal static async Task<Ok<ProfessionalDetails>> Get(Guid id, ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetProfessional(id), ct));

    internal static async Task<CreatedAtRoute<ProfessionalCreated>> Create(CreateProfessional request, ISender sender, CancellationToken ct)
    {
        var created = await sender.Send(request, ct);
        return TypedResults.CreatedAtRoute(created, "GetProfessional", new { id = created.Id });
    }

    internal static async Task<NoContent> Update(Guid id, UpdateProfessionalRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new UpdateProfessional(id, request.NameZh, request.NameLatin, request.Profession, request.TitleLevel,
            request.InstitutionId, request.Email, request.PreferredLanguage, request.Roles ?? []), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<NoContent> SetSignInAccess(Guid id, SignInAccessRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new SetSignInAccess(id, request.Disabled), ct);
        return TypedResults.NoContent();
    }

    internal static async Task<Ok<ImportResult>> Import(IFormFile? file, ISender sender, CancellationToken ct)
    {
        if (file is null || file.Length == 0)
            throw new RequestValidationException("file", "file.required");
        if (file.Length > MaxImportBytes)
            throw new RequestValidationException("file", "file.too-large", new { megabytes = MaxImportBytes / 1024 / 1024 });
        string text;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), new UTF8Encoding(false, throwOnInvalidBytes: true));
            text = await reader.ReadToEndAsync(ct);
        }
        catch (DecoderFallbackException)
        {
            throw new RequestValidationException("file", "file.not-utf8-csv");
        }
        return TypedResults.Ok(await sender.Send(new ImportProfessionals(text), ct));
    }
}
