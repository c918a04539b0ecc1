using System.Collections.Concurrent;
using System.Reflection;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;

namespace Cme.Application.Common.Behaviours;

/// <summary>
/// The one gate every request passes: it enforces the request type's declared rule. A request
/// type without a rule is refused here (and an architecture test fails on it).
/// </summary>
internal sealed class AuthorizationBehaviour<TRequest, TResponse>(ICurrentUser user) : Mediator.IPipelineBehavior<TRequest, TResponse>
    where TRequest : notnull, Mediator.IMessage
{
    private static readonly ConcurrentDictionary<Type, RequestAuthorizationAttribute?> Rules = new();

    public ValueTask<TResponse> Handle(TRequest request, Mediator.MessageHandlerDelegate<TRequest, TResponse> next, CancellationToken cancellationToken)
    {
        var rule = Rules.GetOrAdd(typeof(TRequest), static t => t.GetCustomAttribute<RequestAuthorizationAttribute>(inherit: false))
            ?? throw new InvalidOperationException($"{typeof(TRequest).Name} does not declare who may send it.");

        switch (rule)
        {
            case PublicRequestAttribute:
                break;
            case AuthenticatedAttribute when !user.IsAuthenticated:
                throw new UnauthenticatedException();
            case AuthorizeRolesAttribute roles:
                if (!user.IsAuthenticated)
                    throw new UnauthenticatedException();
                if (!roles.Roles.Any(user.IsInRole))
                    throw new ForbiddenException();
                break;
        }
        return next(request, cancellationToken);
    }
}
