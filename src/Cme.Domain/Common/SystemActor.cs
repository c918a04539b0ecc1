namespace Cme.Domain.Common;

/// <summary>
/// "Who did it" when nobody did: the system itself, e.g. the completion sweep that settles an
/// offering after its last session. Shown to people as the system, never as a person.
/// </summary>
public static class SystemActor
{
    public static readonly Guid Id = Guid.Empty;
}
