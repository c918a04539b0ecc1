namespace Cme.Domain.Common;

/// <summary>A business rule was broken. The API answers 409 Conflict with the message.</summary>
public class DomainException(string message) : Exception(message);
