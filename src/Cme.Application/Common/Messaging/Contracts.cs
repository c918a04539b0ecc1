namespace Cme.Application.Common.Messaging;

// The request contracts over Mediator (martinothamar/Mediator, MIT): its source generator finds every
// request and its handler at build time (a request without a handler fails the build) and dispatches
// without reflection. Our own names stay so that every request says what it is: a command (changes
// state: one transaction, audited) or a query (only reads), and declares who may send it (see Security).

/// <summary>A request with a response. Every request type declares who may send it (see Security).</summary>
public interface IRequest<out TResponse> : Mediator.IRequest<TResponse>;

/// <summary>A request that changes state: runs in one transaction and is audited.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A request that only reads.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;

/// <summary>The unit result for commands that return nothing.</summary>
public readonly record struct Unit
{
    public static readonly Unit Value = default;
}

/// <summary>Handles one request type; Mediator's generated code calls it through the pipeline.</summary>
public interface IRequestHandler<in TRequest, TResponse> : Mediator.IRequestHandler<TRequest, TResponse>
    where TRequest : IRequest<TResponse>;

/// <summary>Sends a request through the pipeline (authorization, validation, audit, unit of work) to its handler.</summary>
public interface ISender
{
    ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default);
}
