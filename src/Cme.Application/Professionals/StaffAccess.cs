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

    /// <summary>
    /// Roles a caller may give: a CmeAdmin any; anyone else only roles they hold themselves
    /// (Learner always), so nobody hands out more than they have.
    /// </summary>
    public static IReadOnlyList<string> GrantableRoles(ICurrentUser user) =>
        user.IsInRole(Roles.CmeAdmin) ? Roles.All
            : [.. Roles.All.Where(r => r != Roles.CmeAdmin && (r == Roles.Learner || user.IsInRole(r)))];

    /// <summary>
    /// An InstitutionAdmin changes only accounts that hold no role above theirs: a CmeAdmin's account
    /// is managed by a CmeAdmin. (Roles beside theirs, such as Trainer, are kept as they are.)
    /// </summary>
    public static void EnsureMayManageAccount(ICurrentUser user, IReadOnlyCollection<string> accountRoles)
    {
        if (!user.IsInRole(Roles.CmeAdmin) && accountRoles.Contains(Roles.CmeAdmin))
            throw new ForbiddenException("staff.role-above");
    }

    /// <summary>
    /// The one answer an InstitutionAdmin gets when an e-mail or licence number is already in use
    /// anywhere: the same for their own institution as for another, so it tells nothing about
    /// who exists elsewhere. A CmeAdmin sees the whole consortium and gets the precise reason.
    /// </summary>
    public const string AccountConflict = "professional.account-conflict";
}
