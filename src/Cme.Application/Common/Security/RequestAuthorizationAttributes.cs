namespace Cme.Application.Common.Security;

/// <summary>Base of the attributes that say who may send a request. Every request type carries one.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public abstract class RequestAuthorizationAttribute : Attribute;

/// <summary>Only signed-in users holding at least one of these roles.</summary>
public sealed class AuthorizeRolesAttribute(params string[] roles) : RequestAuthorizationAttribute
{
    public IReadOnlyList<string> Roles { get; } = roles;
}

/// <summary>Any signed-in user.</summary>
public sealed class AuthenticatedAttribute : RequestAuthorizationAttribute;

/// <summary>Anyone, signed in or not (for example public certificate verification).</summary>
public sealed class PublicRequestAttribute : RequestAuthorizationAttribute;
