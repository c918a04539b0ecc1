using System.Globalization;
using Cme.Web.Api;

namespace Cme.Web.Components.Pages.Authoring;

/// <summary>
/// The course form as posted. Profession flags are named after <see cref="Profession"/> values so
/// the page can render their checkboxes in a loop; an unchecked box posts nothing, hence false.
/// </summary>
public sealed class CourseForm
{
    public string? Code { get; set; }

    public string? TitleZh { get; set; }

    public string? TitleEn { get; set; }

    public string? SummaryZh { get; set; }

    public string? SummaryEn { get; set; }

    public string? Specialty { get; set; }

    /// <summary>One learning objective per line.</summary>
    public string? Objectives { get; set; }

    public string CreditClass { get; set; } = CreditClasses.ClassII;

    public decimal CreditValue { get; set; } = 1;

    public ProjectLevel ProjectLevel { get; set; } = ProjectLevel.Consortium;

    public bool GeneralPractitioner { get; set; }

    public bool Physician { get; set; }

    public bool Nurse { get; set; }

    public bool Pharmacist { get; set; }

    public bool MedicalTechnologist { get; set; }

    public bool PublicHealth { get; set; }

    public bool Other { get; set; }

    public static CourseForm ForNew() => new() { GeneralPractitioner = true };

    public static CourseForm From(CourseView course)
    {
        var professions = course.TargetProfessions ?? [];
        return new CourseForm
        {
            Code = course.Code,
            TitleZh = course.TitleZh,
            TitleEn = course.TitleEn,
            SummaryZh = course.SummaryZh,
            SummaryEn = course.SummaryEn,
            Specialty = course.Specialty,
            Objectives = string.Join('\n', course.LearningObjectives ?? []),
            CreditClass = course.CreditClass,
            CreditValue = course.CreditValue,
            ProjectLevel = course.ProjectLevel,
            GeneralPractitioner = professions.Contains(Profession.GeneralPractitioner),
            Physician = professions.Contains(Profession.Physician),
            Nurse = professions.Contains(Profession.Nurse),
            Pharmacist = professions.Contains(Profession.Pharmacist),
            MedicalTechnologist = professions.Contains(Profession.MedicalTechnologist),
            PublicHealth = professions.Contains(Profession.PublicHealth),
            Other = professions.Contains(Profession.Other),
        };
    }

    public bool Targets(Profession profession) => profession switch
    {
        Profession.GeneralPractitioner => GeneralPractitioner,
        Profession.Physician => Physician,
        Profession.Nurse => Nurse,
        Profession.Pharmacist => Pharmacist,
        Profession.MedicalTechnologist => MedicalTechnologist,
        Profession.PublicHealth => PublicHealth,
        _ => Other,
    };

    public string CreditValueText => CreditValue.ToString("0.0#", CultureInfo.InvariantCulture);

    public CourseInput ToInput() => new(
        Trim(Code), Trim(TitleZh), Trim(TitleEn), Trim(SummaryZh), Trim(SummaryEn), Trim(Specialty),
        Professions, ObjectiveLines, CreditClass, CreditValue, ProjectLevel, []);

    /// <summary>The update keeps the co-authors the course has: this form does not pick them.</summary>
    public CourseUpdate ToUpdate(IReadOnlyList<Guid> coAuthorIds) => new(
        Trim(TitleZh), Trim(TitleEn), Trim(SummaryZh), Trim(SummaryEn), Trim(Specialty),
        Professions, ObjectiveLines, CreditClass, CreditValue, ProjectLevel, coAuthorIds);

    private List<Profession> Professions => Enum.GetValues<Profession>().Where(Targets).ToList();

    private List<string> ObjectiveLines =>
        (Objectives ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    private static string Trim(string? value) => value?.Trim() ?? "";
}
