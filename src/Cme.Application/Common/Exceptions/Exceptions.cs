namespace Cme.Application.Common.Exceptions;

/// <summary>Bad input: 400 with the field errors.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
    : Exception("One or more validation errors occurred.")
{
    public RequestValidationException(string field, string message)
        : this(new Dictionary<string, string[]> { [field] = [message] }) { }

    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;
}

/// <summary>Not signed in: 401.</summary>
public sealed class UnauthenticatedException() : Exception("Sign-in is required.");

/// <summary>Signed in but not allowed: 403.</summary>
public sealed class ForbiddenException(string message = "You are not allowed to do this.") : Exception(message);

/// <summary>No such record, or one the caller may not see: 404.</summary>
public sealed class NotFoundException(string entity, object key) : Exception($"{entity} {key} was not found.")
{
    public string Entity { get; } = entity;
}

/// <summary>A state conflict (duplicate, stale version): 409.</summary>
public sealed class ConflictException(string message) : Exception(message);
