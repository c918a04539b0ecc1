namespace Cme.Application.Common.Messaging;

/// <summary>Our <see cref="ISender"/> over Mediator's generated one (which knows every request at build time).</summary>
internal sealed class MediatorSender(Mediator.ISender mediator) : ISender
{
    public ValueTask<TResponse> Send<TResponse>(IRequest<TResponse> request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return mediator.Send(request, cancellationToken);
    }
}
