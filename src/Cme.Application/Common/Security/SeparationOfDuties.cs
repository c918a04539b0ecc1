using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Common.Security;

/// <summary>
/// Nobody acts on their own record: attendance, completion, evidence, ledger corrections and
/// certificates are recorded by someone else, whatever the caller's roles (CmeAdmins included).
/// A refusal is logged as a warning with the actor and the action: the audit table only holds
/// changes saved in the command's transaction, which a refused command rolls back.
/// </summary>
public static class SeparationOfDuties
{
    public const string OwnRecord = "duties.own-record";

    public static void EnsureNotSelf(ICurrentUser user, Guid subjectId, string action, ILogger logger)
    {
        if (user.ProfessionalId is not { } me || me != subjectId)
            return;
        logger.LogWarning("Refused {Action} by {UserName} (user {UserId}, professional {ProfessionalId}) on their own record",
            action, user.UserName, user.UserId, me);
        throw new ForbiddenException(OwnRecord);
    }
}
