namespace Cme.Application.Common.Interfaces;

/// <summary>Sign-in accounts (ASP.NET Core Identity behind a port).</summary>
public interface IIdentityService
{
    /// <summary>
    /// Creates an account; throws a RequestValidationException when the password or e-mail is refused.
    /// A <paramref name="temporaryPassword"/> (chosen by an administrator or an import) must be changed at the first sign-in.
    /// </summary>
    Task<Guid> CreateUserAsync(string email, string password, IEnumerable<string> roles, bool temporaryPassword, CancellationToken cancellationToken);

    Task SetRolesAsync(Guid userId, IEnumerable<string> roles, CancellationToken cancellationToken);

    Task SetEmailAsync(Guid userId, string email, CancellationToken cancellationToken);

    Task<IReadOnlyList<string>> GetRolesAsync(Guid userId, CancellationToken cancellationToken);

    Task<IReadOnlyDictionary<Guid, IReadOnlyList<string>>> GetRolesAsync(IReadOnlyCollection<Guid> userIds, CancellationToken cancellationToken);

    /// <summary>
    /// Stops (or allows again) signing in to an account, for someone who left or whose account is
    /// misused: sign-in answers as for a wrong password, and the person's sessions end within a minute.
    /// </summary>
    Task SetSignInDisabledAsync(Guid userId, bool disabled, CancellationToken cancellationToken);

    /// <summary>The accounts that hold a role and may sign in (a disabled account is left out): who to tell.</summary>
    Task<IReadOnlyList<Guid>> GetActiveUserIdsInRoleAsync(string role, CancellationToken cancellationToken);

    Task<bool> IsSignInDisabledAsync(Guid userId, CancellationToken cancellationToken);

    Task<bool> EmailInUseAsync(string email, Guid? exceptUserId, CancellationToken cancellationToken);

    string GenerateTemporaryPassword();
}
