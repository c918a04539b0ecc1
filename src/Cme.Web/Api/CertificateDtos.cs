namespace Cme.Web.Api;

/// <summary>有效 / 已撤销 / 已被替代.</summary>
public enum CertificateStatus
{
    Valid,
    Revoked,
    Superseded,
}

/// <summary>排队 / 进行中 / 已完成 / 失败.</summary>
public enum CertificateBatchStatus
{
    Queued,
    Running,
    Completed,
    Failed,
}

/// <summary>An issued certificate as its learner and the CME office see it.</summary>
public sealed record CertificateView(
    Guid Id, string Number, Guid LearnerId, string LearnerNameZh, string? LearnerNameLatin, Guid OfferingId, string CourseTitleZh, string? CourseTitleEn,
    decimal Credits, string CreditClass, string? ProjectLevel, string? AccreditationNumber, DateOnly CompletedOn, DateTimeOffset IssuedAt,
    CertificateStatus Status, DateTimeOffset? RevokedAt, string? RevocationReason, DateTimeOffset? SupersededAt, Guid? SupersededById,
    string VerificationUrl, string? PdfSha256);

/// <summary>One certificate found by the administrators' search, with its holder's institution and the offering.</summary>
public sealed record CertificateSearchRow(
    Guid Id, string Number, Guid LearnerId, string LearnerNameZh, string? LearnerNameLatin, string? InstitutionName, Guid OfferingId, string OfferingTitle,
    string CourseTitleZh, string? CourseTitleEn, decimal Credits, string CreditClass, DateTimeOffset IssuedAt, CertificateStatus Status,
    DateTimeOffset? RevokedAt, DateTimeOffset? SupersededAt, string VerificationUrl);

/// <summary>What public verification tells anyone holding the code; the name comes masked.</summary>
public sealed record CertificateVerification(
    CertificateStatus Status, string Number, string LearnerName, string CourseTitleZh, string? CourseTitleEn, decimal Credits, string CreditClass,
    string? ProjectLevel, string? AccreditationNumber, DateOnly CompletedOn, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? SupersededAt, string IssuerName, string? IssuerNameEn);

/// <summary>A bulk issue's progress.</summary>
public sealed record CertificateBatchView(
    Guid Id, Guid OfferingId, CertificateBatchStatus Status, int Total, int Done, int Percent, DateTimeOffset RequestedAt,
    DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt, string? LastError)
{
    public bool IsActive => Status is CertificateBatchStatus.Queued or CertificateBatchStatus.Running;
}

public sealed record IssueCertificateRequest(Guid? LearnerId);

public sealed record CertificateReasonRequest(string Reason);
