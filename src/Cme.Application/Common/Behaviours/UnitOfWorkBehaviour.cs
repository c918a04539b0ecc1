using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;

namespace Cme.Application.Common.Behaviours;

/// <summary>One transaction per command: all of its changes are saved, or none.</summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork) : Mediator.IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull, Mediator.IMessage
{
    public ValueTask<TResponse> Handle(TRequest request, Mediator.MessageHandlerDelegate<TRequest, TResponse> next, CancellationToken cancellationToken) =>
        request is ICommand<TResponse>
            ? new ValueTask<TResponse>(unitOfWork.InTransactionAsync(() => next(request, cancellationToken).AsTask(), cancellationToken))
            : next(request, cancellationToken);
}
