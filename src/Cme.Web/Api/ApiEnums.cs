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

public enum CourseVersionStatus
{
    Draft,
    Submitted,
    ChangesRequested,
    Accredited,
    Published,
    Retired,
}

public enum ModuleKind
{
    Page,
    Scenario,
    Quiz,
}

/// <summary>项目级别.</summary>
public enum ProjectLevel
{
    National,
    Provincial,
    Municipal,
    Consortium,
}

public enum ScenarioNodeKind
{
    Presentation,
    History,
    Examination,
    Investigation,
    Decision,
    Outcome,
}

public enum QuizPurpose
{
    PreTest,
    PostTest,
    Practice,
}

public enum AnswerReveal
{
    AfterPassingOrLastAttempt,
    AfterLastAttempt,
    Never,
    Immediately,
}

public enum QuestionKind
{
    SingleChoice,
    MultipleChoice,
}

public enum AttemptStatus
{
    InProgress,
    Completed,
}

/// <summary>Credit classes as the API sends them: Chinese CME classes I and II.</summary>
public static class CreditClasses
{
    public const string ClassI = "I";
    public const string ClassII = "II";

    public static IReadOnlyList<string> All { get; } = [ClassI, ClassII];
}

/// <summary>Specialty codes as the API knows them, for filters that anyone may use.</summary>
public static class SpecialtyCodes
{
    public static IReadOnlyList<string> All { get; } =
    [
        "general-practice", "endocrinology", "cardiology", "respiratory", "gastroenterology", "neurology",
        "geriatrics", "paediatrics", "emergency", "mental-health", "obstetrics-gynaecology", "infectious-diseases",
        "nursing", "pharmacy", "public-health",
    ];
}
