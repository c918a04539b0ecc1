namespace Cme.Web.Api;

public enum InstitutionTier
{
    Tertiary,
    Secondary,
    Primary,
    Township,
}

public enum Profession
{
    GeneralPractitioner,
    Physician,
    Nurse,
    Pharmacist,
    MedicalTechnologist,
    PublicHealth,
    Other,
}

public enum TitleLevel
{
    Junior,
    Intermediate,
    AssociateSenior,
    Senior,
}

/// <summary>Role names as the API sends them.</summary>
public static class CmeRoles
{
    public const string Learner = nameof(Learner);
    public const string Author = nameof(Author);
    public const string Trainer = nameof(Trainer);
    public const string CmeAdmin = nameof(CmeAdmin);
    public const string InstitutionAdmin = nameof(InstitutionAdmin);

    /// <summary>For <c>[Authorize(Roles = ...)]</c> on pages either kind of administrator may open.</summary>
    public const string AnyAdmin = CmeAdmin + "," + InstitutionAdmin;

    public static IReadOnlyList<string> All { get; } = [Learner, Author, Trainer, CmeAdmin, InstitutionAdmin];
}

/// <summary>Profile languages as the API stores them.</summary>
public static class ProfileLanguages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    public static IReadOnlyList<string> All { get; } = [Chinese, English];
}
