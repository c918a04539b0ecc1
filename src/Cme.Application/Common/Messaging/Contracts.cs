namespace Cme.Application.Common.Messaging;

/// <summary>A request with a response. Every request type declares who may send it (see Security).</summary>
public interface IRequest<out TResponse>;

/// <summary>A request that changes state: runs in one transaction and is audited.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>The unit result for commands that return nothing.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value = default;
}

public interface IRequestHandler<in TRequest, TResponse>
    where TRequest : IRequest<TResponse>
{
    Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken);
}

public delegate Task<TResponse> RequestHandlerDelegate<TResponse>();

/// <summary>Wraps the handling of a request; behaviours run in registration order, outermost first.</summary>
public interface IPipelineBehavior<in TRequest, TResponse>
    where TRequest : notnull
{
    Task<TResponse> Handle(TRequest request, RequestHandlerDelegate<TResponse> next, CancellationToken cancellationToken);
}

public interface ISender
{
    Task<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}
