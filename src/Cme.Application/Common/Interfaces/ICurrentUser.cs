namespace Cme.Application.Common.Interfaces;

/// <summary>Who is asking. Filled from the bearer token by the API.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    Guid? UserId { get; }
    string? UserName { get; }
    Guid? ProfessionalId { get; }
    Guid? InstitutionId { get; }
    IReadOnlyCollection<string> Roles { get; }
    bool IsInRole(string role);

    /// <summary>Sign-in steps still open (temporary password, second factor to set up); empty when none.</summary>
    IReadOnlyCollection<string> Gates { get; }
}
