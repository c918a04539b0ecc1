namespace Cme.Web.Api;

/// <summary>The filters of every report (GET /api/v1/reports/…).</summary>
public sealed record ReportFilter(int Year, Guid? InstitutionId = null, string? Region = null, InstitutionTier? Tier = null,
    Profession? Profession = null, TitleLevel? TitleLevel = null)
{
    public (string Name, string? Value)[] Query() =>
    [
        ("year", Year.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("institutionId", InstitutionId?.ToString()),
        ("region", Region), ("tier", Tier?.ToString()), ("profession", Profession?.ToString()), ("titleLevel", TitleLevel?.ToString()),
    ];
}

public sealed record CompletionGroup(string Key, string Label, string? LabelEn, int Headcount, int Applicable, int Met, int AtRisk, int NotMet,
    int NotApplicable, decimal MetPercent);

public sealed record CompletionReport(int Year, PolicyName Policy, bool YearIsOver, DateTimeOffset AsOf, CompletionGroup Total,
    IReadOnlyList<CompletionGroup>? ByInstitution, IReadOnlyList<CompletionGroup>? ByTier, IReadOnlyList<CompletionGroup>? ByRegion,
    IReadOnlyList<CompletionGroup>? ByProfession, IReadOnlyList<CompletionGroup>? ByTitleLevel);

public sealed record TrendPoint(int Month, int Met, int Applicable, decimal MetPercent);

public sealed record CompletionTrend(int Year, PolicyName Policy, string TimeZone, IReadOnlyList<TrendPoint>? Points);

public sealed record CompletionPerson(Guid ProfessionalId, string NameZh, string? NameLatin, string LicenceNumber, Guid InstitutionId,
    string InstitutionName, string Region, InstitutionTier Tier, Profession Profession, TitleLevel TitleLevel, ComplianceStatus Status,
    decimal CountedCredits, decimal RequiredCredits, decimal Hours, decimal? RequiredHours, IReadOnlyList<Shortfall>? Shortfalls);

public sealed record DeliveryGroup(string Key, string Label, string? Region, int SessionsDelivered, decimal HoursDelivered, int SessionsPlanned,
    decimal HoursPlanned);

public sealed record RegionSeatHours(string Region, decimal SeatHours, int GeneralPractitioners, decimal? SeatHoursPerGp);

public sealed record TrainerWorkload(Guid TrainerId, string NameZh, string? NameLatin, string? HomeInstitutionName, int MaxSessionsPerMonth,
    IReadOnlyList<int>? SessionsByMonth, IReadOnlyList<decimal>? HoursByMonth, int Sessions, decimal Hours, int MonthsOverLimit);

public sealed record SpecialtyShortage(string Specialty, string SpecialtyZh, string SpecialtyEn, int Trainers, int CapacitySessions,
    int ScheduledSessions, int Enrolled, int Waitlisted, int DemandSessions, int ShortfallSessions, decimal? PressurePercent);

public sealed record TrainingDeliveryReport(int Year, string TimeZone, DateTimeOffset AsOf, IReadOnlyList<DeliveryGroup>? ByInstitution,
    IReadOnlyList<DeliveryGroup>? ByRegion, IReadOnlyList<RegionSeatHours>? SeatHoursPerGp, IReadOnlyList<TrainerWorkload>? Trainers,
    IReadOnlyList<SpecialtyShortage>? Shortage);

public sealed record CourseGain(Guid CourseId, string Code, string TitleZh, string? TitleEn, int LearnersPreTest, int LearnersPostTest, int Paired,
    decimal? MeanPrePercent, decimal? MeanPostPercent, decimal? MeanGainPercent, decimal? PostTestPassPercent);

public sealed record CourseEffectivenessReport(int Year, IReadOnlyList<CourseGain>? Courses);

public sealed record OptionShare(string OptionId, string Text, decimal Score, bool CriticalError, int Chosen, decimal SharePercent);

public sealed record DecisionInsight(Guid ModuleId, string ModuleTitle, string NodeId, string NodeTitle, int Decisions, IReadOnlyList<OptionShare>? Options);

public sealed record CriticalErrorInsight(Guid ModuleId, string NodeId, string NodeTitle, string OptionId, string OptionText, int Count, decimal SharePercent);

public sealed record ScenarioInsights(Guid CourseId, string Code, string TitleZh, int Year, int Attempts, int Learners,
    IReadOnlyList<DecisionInsight>? Decisions, IReadOnlyList<CriticalErrorInsight>? CriticalErrors);
