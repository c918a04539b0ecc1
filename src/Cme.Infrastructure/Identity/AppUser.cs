using Microsoft.AspNetCore.Identity;

namespace Cme.Infrastructure.Identity;

/// <summary>A sign-in account. The person behind it is a Professional (professionals.user_id).</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public AppUser() => Id = Guid.CreateVersion7();

    /// <summary>The password was chosen by someone else (an administrator, an import): it must be changed at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
}

public sealed class AppRole : IdentityRole<Guid>
{
    public AppRole() => Id = Guid.CreateVersion7();

    public AppRole(string name) : this()
    {
        Name = name;
        NormalizedName = name.ToUpperInvariant();
    }
}
