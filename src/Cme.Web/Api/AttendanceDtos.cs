namespace Cme.Web.Api;

/// <summary>出席, 迟到, 缺席, 请假 (excused sessions do not count against attendance).</summary>
public enum AttendanceStatus
{
    Present,
    Late,
    Absent,
    Excused,
}

/// <summary>How an attendance record came about: scanned QR, typed number, the trainer's roster, a CSV import, a remote log.</summary>
public enum AttendanceSource
{
    QrCode,
    NumericCode,
    Roster,
    CsvImport,
    RemoteLog,
}

/// <summary>进行中, 已完成, 未完成.</summary>
public enum CompletionState
{
    InProgress,
    Completed,
    NotCompleted,
}

/// <summary>What stands between a learner and completion (the API's codes; the page words them).</summary>
public enum CompletionReasonCode
{
    AttendanceBelow,
    PostTestNotTaken,
    PostTestBelow,
    ScenariosNotPassed,
    EvaluationMissing,
    AwaitingLastSession,
}

public sealed record CompletionReason(CompletionReasonCode Code, decimal? Value, decimal? Limit);

/// <summary>The completion award as the ledger holds it.</summary>
public sealed record CompletionAward(Guid LedgerEntryId, decimal Credits, string CreditClass, DateTimeOffset AwardedAt, bool Revoked);

/// <summary>
/// Where a learner stands on completing an offering, always with the reasons. <see cref="Award"/> is
/// the ledger's word: only with it are the credits recorded.
/// </summary>
public sealed record CompletionView(
    Guid OfferingId, CompletionState State, IReadOnlyList<CompletionReason>? Reasons, decimal? AttendancePercent,
    int MinutesPresent, int MinutesScheduled, EnrolmentStatus? EnrolmentStatus, bool EvaluationSubmitted, DateTimeOffset? LastSessionEndsAt,
    CompletionAward? Award);

public sealed record CheckInRequest(string Code);

public sealed record CheckInResult(Guid SessionId, Guid OfferingId, AttendanceStatus Status, DateTimeOffset CheckedInAt, bool AlreadyCheckedIn);

/// <summary>My own check-in for a session: when (null before I check in) and the status it gave me.</summary>
public sealed record MyCheckIn(Guid SessionId, Guid OfferingId, DateTimeOffset? CheckedInAt, AttendanceStatus? Status);

/// <summary>The code to show now: the QR token, the 8-digit number, and when it stops being the current one.</summary>
public sealed record CurrentCheckInCode(Guid SessionId, string Token, string Number, DateTimeOffset ValidUntil, int PeriodSeconds);

public sealed record RosterLine(
    Guid LearnerId, string NameZh, string? NameLatin, string? InstitutionName, AttendanceStatus? Status,
    int MinutesPresent, DateTimeOffset? CheckedInAt, AttendanceSource? Source);

public sealed record MarkAttendanceRequest(AttendanceStatus Status);

public sealed record AttendanceImportRow(int Row, Guid LearnerId, string NameZh, int MinutesPresent);

public sealed record AttendanceImportResult(int ImportedRows, IReadOnlyList<AttendanceImportRow>? People);

public sealed record TeachingAward(Guid TrainerProfessionalId, string NameZh, decimal Credits, decimal Hours, bool AlreadyAwarded);

/// <summary>Ratings 1–5 and free comments.</summary>
public sealed record EvaluationRequest(int Content, int Relevance, int Teaching, int Organisation, string? Comments);
