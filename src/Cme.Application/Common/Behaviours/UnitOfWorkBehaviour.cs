using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;

namespace Cme.Application.Common.Behaviours;

/// <summary>One transaction per command: all of its changes are saved, or none.</summary>
internal sealed class UnitOfWorkBehaviour<TRequest, TResponse>(IUnitOfWork unitOfWork) : IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull
{
    public Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken) =>
        request is ICommand<TResponse>
            ? unitOfWork.InTransactionAsync(() => next(), cancellationToken)
            : next();
}
