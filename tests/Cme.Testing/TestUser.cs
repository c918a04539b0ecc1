using Cme.Application.Common.Interfaces;

namespace Cme.Testing;

/// <summary>A caller for handler tests: who is asking is the input of the authorization rules under test.</summary>
public sealed class TestUser : ICurrentUser
{
    public bool IsAuthenticated => UserId is not null;
    public Guid? UserId { get; set; }
    public string? UserName { get; set; }
    public Guid? ProfessionalId { get; set; }
    public Guid? InstitutionId { get; set; }
    public List<string> RoleList { get; } = [];
    public IReadOnlyCollection<string> Roles => RoleList;
    public IReadOnlyCollection<string> Gates => [];
    public bool IsInRole(string role) => IsAuthenticated && RoleList.Contains(role);
}
