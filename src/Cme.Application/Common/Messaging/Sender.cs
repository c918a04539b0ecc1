using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;

namespace Cme.Application.Common.Messaging;

/// <summary>
/// Dispatches a request to its handler through the pipeline behaviours, like MediatR's Mediator.
/// </summary>
internal sealed class Sender(IServiceProvider services) : ISender
{
    private static readonly ConcurrentDictionary<Type, RequestDispatcher> Dispatchers = new();

    public Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var dispatcher = Dispatchers.GetOrAdd(
            request.GetType(),
            static type => (RequestDispatcher)Activator.CreateInstance(
                typeof(RequestDispatcher<,>).MakeGenericType(type, typeof(TResponse)))!);
        return ((RequestDispatcher<TResponse>)dispatcher).Dispatch(request, services, cancellationToken);
    }

    private abstract class RequestDispatcher;

    private abstract class RequestDispatcher<TResponse> : RequestDispatcher
    {
        public abstract Task<TResponse> Dispatch(object request, IServiceProvider services, CancellationToken cancellationToken);
    }

    private sealed class RequestDispatcher<TRequest, TResponse> : RequestDispatcher<TResponse>
        where TRequest : IRequest<TResponse>
    {
        public override Task<TResponse> Dispatch(object request, IServiceProvider services, CancellationToken cancellationToken)
        {
            var typed = (TRequest)request;
            var handler = services.GetRequiredService<IRequestHandler<TRequest, TResponse>>();
            RequestHandlerDelegate<TResponse> next = () => handler.Handle(typed, cancellationToken);
            foreach (var behaviour in services.GetServices<IPipelineBehavior<TRequest, TResponse>>().Reverse())
            {
                var inner = next;
                next = () => behaviour.Handle(typed, inner, cancellationToken);
            }
            return next();
        }
    }
}
