namespace Cme.Domain.Professionals;

public enum Profession
{
    /// <summary>全科医生</summary>
    GeneralPractitioner,
    /// <summary>临床医师</summary>
    Physician,
    /// <summary>护士</summary>
    Nurse,
    /// <summary>药师</summary>
    Pharmacist,
    /// <summary>医技人员</summary>
    MedicalTechnologist,
    /// <summary>公共卫生医师</summary>
    PublicHealth,
    /// <summary>其他</summary>
    Other,
}

/// <summary>Professional title level (职称).</summary>
public enum TitleLevel
{
    /// <summary>初级 (医师/住院医师)</summary>
    Junior,
    /// <summary>中级 (主治医师)</summary>
    Intermediate,
    /// <summary>副高级 (副主任医师)</summary>
    AssociateSenior,
    /// <summary>正高级 (主任医师)</summary>
    Senior,
}
