using Cme.Domain.Common;

namespace Cme.Application.Common.Exceptions;

/// <summary>Bad input: 400 with the field errors, each a <see cref="Reason"/> rendered in the caller's language.</summary>
public sealed class RequestValidationException(IReadOnlyDictionary<string, IReadOnlyList<Reason>> errors)
    : Exception("validation.failed")
{
    public RequestValidationException(string field, string code, object? values = null)
        : this(new Dictionary<string, IReadOnlyList<Reason>> { [field] = [Reason.Of(code, values)] }) { }

    public IReadOnlyDictionary<string, IReadOnlyList<Reason>> Errors { get; } = errors;
}

/// <summary>Not signed in: 401.</summary>
public sealed class UnauthenticatedException() : Exception("auth.required"), IHasReason
{
    public Reason Reason { get; } = Reason.Of("auth.required");
}

/// <summary>Signed in but not allowed: 403.</summary>
public sealed class ForbiddenException(string code = "forbidden", object? values = null) : Exception(code), IHasReason
{
    public Reason Reason { get; } = Reason.Of(code, values);
}

/// <summary>No such record, or one the caller may not see: 404. The entity is named by its type (<c>Offering</c>).</summary>
public sealed class NotFoundException(string entity, object key) : Exception($"{entity} {key} was not found."), IHasReason
{
    public string Entity { get; } = entity;

    public Reason Reason { get; } = Reason.Of("not-found", new { entity, key = key.ToString() });
}

/// <summary>A state conflict (duplicate, stale version): 409.</summary>
public sealed class ConflictException(string code, object? values = null) : Exception(code), IHasReason
{
    public Reason Reason { get; } = Reason.Of(code, values);
}

/// <summary>Too many tries: 429 with a Retry-After of <see cref="RetryAfter"/>.</summary>
public sealed class TooManyAttemptsException(string code, TimeSpan retryAfter, object? values = null) : Exception(code), IHasReason
{
    public Reason Reason { get; } = Reason.Of(code, values);

    public TimeSpan RetryAfter { get; } = retryAfter;
}
