using System.Security.Claims;
using Cme.Application.Common.Interfaces;
using Cme.Infrastructure.Identity;

namespace Cme.Api.Http;

/// <summary>The caller, read from the bearer token's claims.</summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public Guid? UserId => GuidClaim(ClaimTypes.NameIdentifier);
    public string? UserName => IsAuthenticated ? Principal!.Identity!.Name : null;
    public Guid? ProfessionalId => GuidClaim(AppClaimsPrincipalFactory.ProfessionalIdClaim);
    public Guid? InstitutionId => GuidClaim(AppClaimsPrincipalFactory.InstitutionIdClaim);

    public IReadOnlyCollection<string> Roles =>
        IsAuthenticated ? Principal!.FindAll(ClaimTypes.Role).Select(c => c.Value).ToArray() : [];

    public IReadOnlyCollection<string> Gates =>
        IsAuthenticated ? Principal!.FindAll(SignInGates.ClaimType).Select(c => c.Value).ToArray() : [];

    public bool IsInRole(string role) => IsAuthenticated && Principal!.IsInRole(role);

    private Guid? GuidClaim(string type) =>
        IsAuthenticated && Guid.TryParse(Principal!.FindFirstValue(type), out var id) ? id : null;
}
