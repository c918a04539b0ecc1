using Cme.Domain.Offerings;
using Cme.Domain.Professionals;

namespace Cme.Application.Offerings;

public sealed record OfferingInput(
    string Title, Modality Modality, Guid HostInstitutionId, IReadOnlyList<Guid>? AudienceInstitutionIds, IReadOnlyList<string>? AudienceRegions,
    IReadOnlyList<Profession>? AudienceProfessions, int Capacity, DateTimeOffset EnrolmentOpensAt, DateTimeOffset EnrolmentClosesAt,
    bool WaitlistEnabled, decimal? MinAttendancePercent, decimal? PostTestPassPercent, bool ScenarioPassRequired, bool EvaluationRequired,
    bool QualifiesTrainers, string? TimeZone)
{
    public OfferingDetails ToDetails() => new(Title, Modality, HostInstitutionId,
        new Audience(AudienceInstitutionIds ?? [], AudienceRegions ?? [], AudienceProfessions ?? []), Capacity, EnrolmentOpensAt,
        EnrolmentClosesAt, WaitlistEnabled, new CompletionRule(MinAttendancePercent, PostTestPassPercent, ScenarioPassRequired, EvaluationRequired),
        QualifiesTrainers, TimeZone);
}

public sealed record SessionInput(
    string Title, SessionType Type, DateTime StartsAtLocal, DateTime EndsAtLocal, string? TimeZone, Guid? InstitutionId, string? Place, string? JoinUrl);

public sealed record OfferingCreated(Guid Id);

public sealed record SessionCreated(Guid Id);

public sealed record TrainerName(Guid TrainerId, string NameZh, string NameLatin);

public sealed record SessionView(
    Guid Id, Guid OfferingId, string Title, SessionType Type, DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTime StartsAtLocal,
    DateTime EndsAtLocal, string TimeZone, Guid InstitutionId, string InstitutionName, string? Place, string? JoinUrl, SessionStatus Status,
    IReadOnlyList<TrainerName> Trainers, IReadOnlyList<SessionChange> Changes);

public sealed record OfferingSummary(
    Guid Id, Guid CourseId, string CourseCode, string CourseTitleZh, string CourseTitleEn, string Title, Modality Modality,
    string HostInstitutionName, int Capacity, int Enrolled, int Waitlisted, DateTimeOffset EnrolmentOpensAt, DateTimeOffset EnrolmentClosesAt,
    bool WaitlistEnabled, bool QualifiesTrainers, DateTimeOffset? FirstSessionAt, MyEnrolment? MyEnrolment = null);

/// <summary>A dated session of a class, as a learner choosing a class sees it.</summary>
public sealed record SessionSlot(Guid Id, string Title, DateTime StartsAtLocal, DateTime EndsAtLocal, string TimeZone);

/// <summary>
/// A class (offering) of a course as the course page lists it: how and where it is taught, its
/// sessions, seats and enrolment window, and the caller's own enrolment in it.
/// </summary>
public sealed record CourseOffering(
    Guid Id, string Title, Modality Modality, string HostInstitutionName, int Capacity, int Enrolled, int Waitlisted, bool WaitlistEnabled,
    DateTimeOffset EnrolmentOpensAt, DateTimeOffset EnrolmentClosesAt, string TimeZone, IReadOnlyList<SessionSlot> Sessions, MyEnrolment? MyEnrolment);

public sealed record OfferingView(
    Guid Id, Guid CourseId, Guid VersionId, string CourseCode, string CourseTitleZh, string CourseTitleEn, string Specialty, string Title,
    Modality Modality, Guid HostInstitutionId, string HostInstitutionName, Audience Audience, int Capacity, int Enrolled, int Waitlisted,
    DateTimeOffset EnrolmentOpensAt, DateTimeOffset EnrolmentClosesAt, bool WaitlistEnabled, CompletionRule CompletionRule,
    bool QualifiesTrainers, string TimeZone, IReadOnlyList<SessionView> Sessions, MyEnrolment? MyEnrolment);

public sealed record MyEnrolment(Guid Id, EnrolmentStatus Status, int? WaitlistPosition);

public sealed record EnrolmentView(
    Guid Id, Guid LearnerId, string NameZh, string NameLatin, string InstitutionName, EnrolmentStatus Status, int? WaitlistPosition,
    DateTimeOffset CreatedAt, IReadOnlyList<EnrolmentChange> History);

public sealed record ScheduleItem(
    Guid SessionId, Guid OfferingId, string OfferingTitle, string CourseTitleZh, string CourseTitleEn, string Title, SessionType Type,
    DateTimeOffset StartsAt, DateTimeOffset EndsAt, DateTime StartsAtLocal, DateTime EndsAtLocal, string TimeZone, string InstitutionName,
    string? Place, string? JoinUrl, SessionStatus Status, string Role, int Sequence = 0);
