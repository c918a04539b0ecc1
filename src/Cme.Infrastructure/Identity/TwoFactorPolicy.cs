using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Identity;

/// <summary>
/// Which roles must sign in with a second factor: <c>Cme:Security:TwoFactorRequiredRoles</c>, a comma-separated
/// list of role names (empty: nobody is required to, everyone may).
/// </summary>
public sealed class TwoFactorPolicy(IConfiguration configuration)
{
    public const string SettingName = "Cme:Security:TwoFactorRequiredRoles";

    public IReadOnlyCollection<string> RequiredRoles { get; } =
        (configuration[SettingName] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public bool IsRequiredFor(IEnumerable<string> roles) => roles.Any(role => RequiredRoles.Contains(role, StringComparer.OrdinalIgnoreCase));
}
