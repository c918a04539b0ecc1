namespace Cme.Domain.Courses;

/// <summary>项目级别: who accredits the project.</summary>
public enum ProjectLevel
{
    /// <summary>国家级</summary>
    National,
    /// <summary>省级</summary>
    Provincial,
    /// <summary>市级</summary>
    Municipal,
    /// <summary>医联体级</summary>
    Consortium,
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
    /// <summary>Content page in Markdown.</summary>
    Page,
    Scenario,
    Quiz,
}

/// <summary>Credit classes. The active credit policy names which it counts; these are the Chinese classes I and II.</summary>
public static class CreditClasses
{
    public const string ClassI = "I";
    public const string ClassII = "II";

    public static readonly IReadOnlyList<string> All = [ClassI, ClassII];
}

/// <summary>Specialties a course can belong to, by stable code.</summary>
public static class Specialties
{
    public static readonly IReadOnlyDictionary<string, (string Zh, string En)> All = new Dictionary<string, (string, string)>
    {
        ["general-practice"] = ("全科医学", "General practice"),
        ["endocrinology"] = ("内分泌科", "Endocrinology"),
        ["cardiology"] = ("心血管内科", "Cardiology"),
        ["respiratory"] = ("呼吸内科", "Respiratory medicine"),
        ["gastroenterology"] = ("消化内科", "Gastroenterology"),
        ["neurology"] = ("神经内科", "Neurology"),
        ["geriatrics"] = ("老年医学", "Geriatrics"),
        ["paediatrics"] = ("儿科", "Paediatrics"),
        ["emergency"] = ("急诊医学", "Emergency medicine"),
        ["mental-health"] = ("精神心理", "Mental health"),
        ["obstetrics-gynaecology"] = ("妇产科", "Obstetrics and gynaecology"),
        ["infectious-diseases"] = ("感染科", "Infectious diseases"),
        ["nursing"] = ("护理", "Nursing"),
        ["pharmacy"] = ("药学", "Pharmacy"),
        ["public-health"] = ("公共卫生", "Public health"),
    };

    public static bool IsKnown(string? code) => code is not null && All.ContainsKey(code);
}
