using Cme.Domain.Trainers;

namespace Cme.Application.Trainers;

public sealed record TrainerInput(IReadOnlyList<string> Specialties, QualificationLevel Level, DateOnly QualifiedUntil, int MaxSessionsPerMonth,
    IReadOnlyList<UnavailablePeriod>? Unavailable)
{
    public TrainerDetails ToDetails() => new(Specialties ?? [], Level, QualifiedUntil, MaxSessionsPerMonth, Unavailable ?? []);
}

public sealed record TrainerCreated(Guid Id);

/// <summary>A trainer with their load: sessions per month of the year asked for (index 0 = January).</summary>
public sealed record TrainerView(
    Guid Id, Guid ProfessionalId, string NameZh, string NameLatin, Guid HomeInstitutionId, string HomeInstitutionName, string Region,
    IReadOnlyList<string> Specialties, QualificationLevel Level, DateOnly QualifiedUntil, int MaxSessionsPerMonth,
    IReadOnlyList<UnavailablePeriod> Unavailable, bool IsActive, IReadOnlyList<int> SessionsByMonth);

public sealed record TrainerSuggestion(
    Guid TrainerId, string NameZh, string NameLatin, string HomeInstitutionName, bool SpecialtyMatch, bool SameRegion, int SessionsThatMonth,
    int MaxSessionsPerMonth, bool Eligible, IReadOnlyList<AssignmentProblemView> Problems);

/// <summary>A failed assignment check and its reason in the reader's language.</summary>
public sealed record AssignmentProblemView(string Check, string Message);

/// <summary>One entry of the trainer queue: a graduate of a train-the-trainer offering (OfferingId set) or an application (its details).</summary>
public sealed record CandidateView(Guid Id, Guid ProfessionalId, string NameZh, string NameLatin, string InstitutionName, Guid? OfferingId,
    string? OfferingTitle, CandidateStatus Status, DateTimeOffset CreatedAt, string? Specialty, int? YearsOfExperience, string? Statement,
    string? EvidenceUrl, string? EvidenceFileName, DateTimeOffset? DecidedAt, string? Reason);
