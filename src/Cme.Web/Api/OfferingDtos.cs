namespace Cme.Web.Api;

/// <summary>What the CME office writes about an offering; times are UTC instants.</summary>
public sealed record OfferingInput(
    string Title,
    Modality Modality,
    Guid HostInstitutionId,
    IReadOnlyList<Guid> AudienceInstitutionIds,
    IReadOnlyList<string> AudienceRegions,
    IReadOnlyList<Profession> AudienceProfessions,
    int Capacity,
    DateTimeOffset EnrolmentOpensAt,
    DateTimeOffset EnrolmentClosesAt,
    bool WaitlistEnabled,
    decimal? MinAttendancePercent,
    decimal? PostTestPassPercent,
    bool ScenarioPassRequired,
    bool EvaluationRequired,
    bool QualifiesTrainers,
    string? TimeZone);

public sealed record CreateOfferingRequest(Guid CourseId, OfferingInput Offering);

/// <summary>A session in wall-clock time of its time zone (Asia/Shanghai when null).</summary>
public sealed record SessionInput(
    string Title,
    SessionType Type,
    DateTime StartsAtLocal,
    DateTime EndsAtLocal,
    string? TimeZone,
    Guid? InstitutionId,
    string? Place,
    string? JoinUrl);

public sealed record UpdateSessionRequest(SessionInput Session, string? Reason);

public sealed record ReasonRequest(string? Reason);

public sealed record EnrolOnBehalfRequest(Guid ProfessionalId);

public sealed record OfferingSummary(
    Guid Id,
    Guid CourseId,
    string CourseCode,
    string CourseTitleZh,
    string? CourseTitleEn,
    string Title,
    Modality Modality,
    string HostInstitutionName,
    int Capacity,
    int Enrolled,
    int Waitlisted,
    DateTimeOffset EnrolmentOpensAt,
    DateTimeOffset EnrolmentClosesAt,
    bool WaitlistEnabled,
    bool QualifiesTrainers,
    DateTimeOffset? FirstSessionAt,
    MyEnrolment? MyEnrolment = null)
{
    public int SeatsLeft => Math.Max(0, Capacity - Enrolled);
}

public sealed record SessionSlot(Guid Id, string Title, DateTime StartsAtLocal, DateTime EndsAtLocal, string TimeZone);

/// <summary>A class of a course as the course page lists it, with the learner's own enrolment.</summary>
public sealed record CourseOffering(
    Guid Id,
    string Title,
    Modality Modality,
    string HostInstitutionName,
    int Capacity,
    int Enrolled,
    int Waitlisted,
    bool WaitlistEnabled,
    DateTimeOffset EnrolmentOpensAt,
    DateTimeOffset EnrolmentClosesAt,
    string TimeZone,
    IReadOnlyList<SessionSlot>? Sessions,
    MyEnrolment? MyEnrolment)
{
    public int SeatsLeft => Math.Max(0, Capacity - Enrolled);
}

public sealed record OfferingAudience(
    IReadOnlyList<Guid>? InstitutionIds, IReadOnlyList<string>? Regions, IReadOnlyList<Profession>? Professions)
{
    public bool IsEveryone => (InstitutionIds?.Count ?? 0) == 0 && (Regions?.Count ?? 0) == 0 && (Professions?.Count ?? 0) == 0;
}

public sealed record CompletionRule(
    decimal? MinAttendancePercent, decimal? PostTestPassPercent, bool ScenarioPassRequired, bool EvaluationRequired);

public sealed record TrainerName(Guid TrainerId, string NameZh, string? NameLatin);

public sealed record SessionChange(
    DateTimeOffset At,
    Guid By,
    string Kind,
    DateTimeOffset? OldStartsAt,
    DateTimeOffset? OldEndsAt,
    DateTimeOffset? NewStartsAt,
    DateTimeOffset? NewEndsAt,
    string? Reason);

public sealed record SessionView(
    Guid Id,
    Guid OfferingId,
    string Title,
    SessionType Type,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTime StartsAtLocal,
    DateTime EndsAtLocal,
    string TimeZone,
    Guid InstitutionId,
    string InstitutionName,
    string? Place,
    string? JoinUrl,
    SessionStatus Status,
    IReadOnlyList<TrainerName>? Trainers,
    IReadOnlyList<SessionChange>? Changes);

public sealed record MyEnrolment(Guid Id, EnrolmentStatus Status, int? WaitlistPosition);

public sealed record OfferingView(
    Guid Id,
    Guid CourseId,
    Guid VersionId,
    string CourseCode,
    string CourseTitleZh,
    string? CourseTitleEn,
    string Specialty,
    string Title,
    Modality Modality,
    Guid HostInstitutionId,
    string HostInstitutionName,
    OfferingAudience Audience,
    int Capacity,
    int Enrolled,
    int Waitlisted,
    DateTimeOffset EnrolmentOpensAt,
    DateTimeOffset EnrolmentClosesAt,
    bool WaitlistEnabled,
    CompletionRule CompletionRule,
    bool QualifiesTrainers,
    string TimeZone,
    IReadOnlyList<SessionView>? Sessions,
    MyEnrolment? MyEnrolment)
{
    public IReadOnlyList<SessionView> OrderedSessions => (Sessions ?? []).OrderBy(s => s.StartsAt).ToList();

    public int SeatsLeft => Math.Max(0, Capacity - Enrolled);
}

public sealed record EnrolmentChange(EnrolmentStatus? From, EnrolmentStatus To, DateTimeOffset At, Guid By, string? Reason);

public sealed record EnrolmentView(
    Guid Id,
    Guid LearnerId,
    string NameZh,
    string? NameLatin,
    string? InstitutionName,
    EnrolmentStatus Status,
    int? WaitlistPosition,
    DateTimeOffset CreatedAt,
    IReadOnlyList<EnrolmentChange>? History);

public sealed record ScheduleItem(
    Guid SessionId,
    Guid OfferingId,
    string OfferingTitle,
    string CourseTitleZh,
    string? CourseTitleEn,
    string Title,
    SessionType Type,
    DateTimeOffset StartsAt,
    DateTimeOffset EndsAt,
    DateTime StartsAtLocal,
    DateTime EndsAtLocal,
    string TimeZone,
    string? InstitutionName,
    string? Place,
    string? JoinUrl,
    SessionStatus Status,
    string Role,
    int Sequence);

public sealed record CalendarFeedStatus(bool Active, DateTimeOffset? CreatedAt);

public sealed record CalendarFeedLink(string Url, DateTimeOffset CreatedAt);

/// <summary>Which learners of a class the per-learner table shows.</summary>
public enum LearnerFilter
{
    All,
    NotComplete,
    MissingEvaluation,
}

public sealed record ClassSession(Guid Id, string Title, DateTimeOffset StartsAt, DateTimeOffset EndsAt, int MinutesScheduled);

public sealed record SessionAttendance(Guid SessionId, AttendanceStatus? Status, int MinutesPresent);

public sealed record LearnerCertificate(Guid Id, string Number, CertificateStatus Status, DateTimeOffset IssuedAt);

/// <summary>One learner of a class and everything that decides their completion.</summary>
public sealed record OfferingLearnerRow(Guid LearnerId, Guid EnrolmentId, string NameZh, string? NameLatin, string? InstitutionName, EnrolmentStatus EnrolmentStatus,
    IReadOnlyList<SessionAttendance>? Attendance, decimal? AttendancePercent, decimal? BestPostTestPercent, int ScenariosPassed, bool EvaluationSubmitted,
    CompletionState State, IReadOnlyList<CompletionReason>? Reasons, bool Complete, CompletionAward? Award, LearnerCertificate? Certificate,
    bool NeedsReminder, bool RemindedToday);

/// <summary>The class learner by learner; the counts cover every learner, whatever the filter.</summary>
public sealed record OfferingLearners(Guid OfferingId, LearnerFilter Filter, IReadOnlyList<ClassSession>? Sessions, bool HasPostTest, int Scenarios,
    int Total, int NotComplete, int MissingEvaluation, int ToRemind, IReadOnlyList<OfferingLearnerRow>? Rows);

public sealed record LearnersReminded(int Reminded, int AlreadyRemindedToday);
