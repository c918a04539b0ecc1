namespace Cme.Domain.Common;

/// <summary>
/// A business rule was broken: a code with named values (see <see cref="Reason"/>). The API answers
/// 409 Conflict with the reason in the caller's language.
/// </summary>
public class DomainException(string code, object? values = null) : Exception(code), IHasReason
{
    public Reason Reason { get; } = Reason.Of(code, values);
}
