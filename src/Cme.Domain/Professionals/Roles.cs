namespace Cme.Domain.Professionals;

/// <summary>The roles a person can hold. Names are stable: they are stored and sent in tokens.</summary>
public static class Roles
{
    public const string Learner = nameof(Learner);
    public const string Author = nameof(Author);
    public const string Trainer = nameof(Trainer);
    public const string CmeAdmin = nameof(CmeAdmin);
    public const string InstitutionAdmin = nameof(InstitutionAdmin);

    public static readonly IReadOnlyList<string> All = [Learner, Author, Trainer, CmeAdmin, InstitutionAdmin];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);
}
