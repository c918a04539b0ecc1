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

/// <summary>One entry of the trainer queue: a train-the-trainer graduate (OfferingId set) or an application (its details).</summary>
public sealed record TrainerCandidate(
    Guid Id,
    Guid ProfessionalId,
    string NameZh,
    string? NameLatin,
    string? InstitutionName,
    Guid? OfferingId,
    string? OfferingTitle,
    CandidateStatus Status,
    DateTimeOffset CreatedAt,
    string? Specialty,
    int? YearsOfExperience,
    string? Statement,
    string? EvidenceUrl,
    string? EvidenceFileName,
    DateTimeOffset? DecidedAt,
    string? Reason);

/// <summary>Whether I am in the trainer pool, and my applications and candidacies, newest first.</summary>
public sealed record MyTrainerPathway(bool IsTrainer, IReadOnlyList<MyTrainerRequest> Requests);

public sealed record MyTrainerRequest(
    Guid Id,
    Guid? OfferingId,
    string? OfferingTitle,
    string? Specialty,
    int? YearsOfExperience,
    string? Statement,
    string? EvidenceUrl,
    string? EvidenceFileName,
    CandidateStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DecidedAt,
    string? Reason);

/// <summary>What an applicant fills in; sent as a multipart form with the optional evidence file.</summary>
public sealed record TrainerApplicationInput(string Specialty, int YearsOfExperience, string Statement, string? EvidenceUrl);
