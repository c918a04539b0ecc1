namespace Cme.Web.Api;

public sealed record UnavailablePeriod(DateTimeOffset From, DateTimeOffset To, string? Reason);

public sealed record TrainerInput(
    IReadOnlyList<string> Specialties,
    QualificationLevel Level,
    DateOnly QualifiedUntil,
    int MaxSessionsPerMonth,
    IReadOnlyList<UnavailablePeriod> Unavailable);

public sealed record AddTrainerRequest(Guid ProfessionalId, TrainerInput Trainer);

public sealed record UpdateTrainerRequest(TrainerInput Trainer, bool IsActive);

public sealed record AssignTrainerRequest(Guid TrainerId);

public sealed record RejectCandidateRequest(string Reason);

/// <summary>A trainer with their load: <see cref="SessionsByMonth"/> has twelve counts, January first.</summary>
public sealed record TrainerView(
    Guid Id,
    Guid ProfessionalId,
    string NameZh,
    string? NameLatin,
    Guid HomeInstitutionId,
    string HomeInstitutionName,
    string? Region,
    IReadOnlyList<string>? Specialties,
    QualificationLevel Level,
    DateOnly QualifiedUntil,
    int MaxSessionsPerMonth,
    IReadOnlyList<UnavailablePeriod>? Unavailable,
    bool IsActive,
    IReadOnlyList<int>? SessionsByMonth)
{
    public int InMonth(int month) => SessionsByMonth is { } counts && month >= 1 && month <= counts.Count ? counts[month - 1] : 0;
}

public sealed record TrainerSuggestion(
    Guid TrainerId,
    string NameZh,
    string? NameLatin,
    string HomeInstitutionName,
    bool SpecialtyMatch,
    bool SameRegion,
    int SessionsThatMonth,
    int MaxSessionsPerMonth,
    bool Eligible,
    IReadOnlyList<NamedProblem>? Problems);

public sealed record TrainerCandidate(
    Guid Id,
    Guid ProfessionalId,
    string NameZh,
    string? NameLatin,
    string? InstitutionName,
    Guid OfferingId,
    string OfferingTitle,
    CandidateStatus Status,
    DateTimeOffset CreatedAt);
