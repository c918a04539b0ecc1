using Cme.Application.Common.Messaging;
using Cme.Application.Me;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cme.Api.Endpoints;

public static class MeEndpoints
{
    public sealed record ChangeLanguageRequest(string Language);

    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/me").WithTags("Me");
        group.MapGet("/", GetProfile).WithSummary("The signed-in person: name, institution, roles, language.");
        group.MapPut("/language", ChangeLanguage).WithSummary("Remember the language (zh-CN or en) the person reads the system in.");
        return app;
    }

    internal static async Task<Ok<MyProfile>> GetProfile(ISender sender, CancellationToken ct) =>
        TypedResults.Ok(await sender.Send(new GetMyProfile(), ct));

    internal static async Task<NoContent> ChangeLanguage(ChangeLanguageRequest request, ISender sender, CancellationToken ct)
    {
        await sender.Send(new ChangeMyLanguage(request.Language), ct);
        return TypedResults.NoContent();
    }
}
