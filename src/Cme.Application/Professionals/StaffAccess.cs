using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Professionals;

namespace Cme.Application.Professionals;

/// <summary>
/// Who may see and manage which staff: a CmeAdmin the whole consortium, an InstitutionAdmin only
/// their own institution. Another institution's people simply do not exist for them (404).
/// </summary>
internal static class StaffAccess
{
    /// <summary>The institution the caller is limited to, or null for the whole consortium.</summary>
    public static Guid? InstitutionScope(ICurrentUser user) =>
        user.IsInRole(Roles.CmeAdmin) ? null : user.InstitutionId ?? Guid.Empty;

    public static IQueryable<Professional> Visible(IQueryable<Professional> professionals, ICurrentUser user) =>
        InstitutionScope(user) is { } institutionId
            ? professionals.Where(p => p.InstitutionId == institutionId)
            : professionals;

    public static void EnsureMayManage(ICurrentUser user, Guid institutionId)
    {
        if (InstitutionScope(user) is { } own && own != institutionId)
            throw new ForbiddenException("staff.other-institution");
    }

    /// <summary>Roles a caller may give: only a CmeAdmin makes another CmeAdmin.</summary>
    public static IReadOnlyList<string> GrantableRoles(ICurrentUser user) =>
        user.IsInRole(Roles.CmeAdmin) ? Roles.All : [Roles.Learner, Roles.Author, Roles.Trainer, Roles.InstitutionAdmin];
}
