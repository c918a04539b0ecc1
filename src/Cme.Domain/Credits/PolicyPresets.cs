using Cme.Domain.Courses;
using Cme.Domain.Institutions;

namespace Cme.Domain.Credits;

/// <summary>The policies the system ships with; sources in docs/credit-policies.md.</summary>
public static class PolicyPresets
{
    public const string China2024 = "CN-2024";
    public const string China2006 = "CN-2006";
    public const string UkRcgp = "UK-RCGP";

    public static IReadOnlyList<CreditPolicy> All() =>
    [
        new(China2024, "继续医学教育学分管理办法（试行）", "China: CME credit management measures (trial), 2024",
            "国家卫生健康委办公厅 国卫办科教发〔2024〕20号《继续医学教育学分管理办法（试行）》", new DateOnly(2024, 1, 1),
            new PolicyRules(25, 90, [], [], [], [], null, PolicyScope.Everyone)),
        new(China2006, "继续医学教育学分授予与管理办法", "China: CME credit award and management measures, 2006",
            "卫生部、全国继续医学教育委员会《继续医学教育学分授予与管理办法》（2006年）", new DateOnly(2006, 1, 1),
            new PolicyRules(25, null,
                [new(CreditClasses.ClassI, 5, 10), new(CreditClasses.ClassII, 15, 20)],
                [],
                [new(5, 10, ProjectLevel.National, InstitutionTier.Tertiary)],
                [new(ProjectLevel.National, 3)],
                2, PolicyScope.Everyone)),
        new(UkRcgp, "英国皇家全科医师学院 CPD", "UK RCGP: CPD for appraisal and revalidation",
            "Royal College of General Practitioners, CPD guidance for appraisal and revalidation (50 credits a year, 250 over the 5-year revalidation cycle; 1 hour = 1 credit)",
            new DateOnly(2020, 1, 1),
            new PolicyRules(50, null, [], [], [new(5, 250, null, null)],
                [new(ProjectLevel.National, 1), new(ProjectLevel.Provincial, 1), new(ProjectLevel.Municipal, 1), new(ProjectLevel.Consortium, 1)],
                null, PolicyScope.Everyone)),
    ];
}
