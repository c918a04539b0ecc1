using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Professionals;

/// <summary>
/// An administrator stops someone signing in (they left, or their account is misused) or lets them
/// in again. Their records stay; their sign-in sessions end within a minute. Nobody disables their
/// own account, and an InstitutionAdmin only accounts of their institution with no role above theirs.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin, Roles.InstitutionAdmin)]
public sealed record SetSignInAccess(Guid Id, bool Disabled) : ICommand<Unit>;

internal sealed class SetSignInAccessHandler(IAppDbContext db, ICurrentUser user, IIdentityService identity, IAuditContext audit,
    ILogger<SetSignInAccessHandler> logger) : IRequestHandler<SetSignInAccess, Unit>
{
    public async ValueTask<Unit> Handle(SetSignInAccess request, CancellationToken cancellationToken)
    {
        var professional = await StaffAccess.Visible(db.Professionals.AsNoTracking(), user).SingleOrDefaultAsync(p => p.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Professional", request.Id);
        StaffAccess.EnsureMayManage(user, professional.InstitutionId);
        SeparationOfDuties.EnsureNotSelf(user, professional.Id, nameof(SetSignInAccess), logger);
        if (professional.UserId is not { } userId)
            throw new ConflictException("professional.no-account");
        StaffAccess.EnsureMayManageAccount(user, await identity.GetRolesAsync(userId, cancellationToken));

        audit.Action = request.Disabled ? "DisableSignIn" : "EnableSignIn";
        await identity.SetSignInDisabledAsync(userId, request.Disabled, cancellationToken);
        return Unit.Value;
    }
}
