using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;

namespace Cme.Application.Common.Behaviours;

/// <summary>
/// Names the command for the audit trail. The changes themselves (which record, old and new
/// values) are written by the database context when it saves, in the same transaction.
/// </summary>
internal sealed class AuditBehaviour<TRequest, TResponse>(IAuditContext audit) : Mediator.IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull, Mediator.IMessage
{
    public async ValueTask<TResponse> Handle(TRequest request, Mediator.MessageHandlerDelegate<TRequest, TResponse> next, CancellationToken cancellationToken)
    {
        var previous = audit.Action;
        audit.Action = typeof(TRequest).Name;
        try
        {
            return await next(request, cancellationToken);
        }
        finally
        {
            audit.Action = previous;
        }
    }
}
