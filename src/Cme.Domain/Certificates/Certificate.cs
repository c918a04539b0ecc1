using System.Security.Cryptography;
using System.Text;
using Cme.Domain.Common;

namespace Cme.Domain.Certificates;

public enum CertificateStatus
{
    /// <summary>有效</summary>
    Valid,
    /// <summary>已撤销: withdrawn by a CmeAdmin with a reason.</summary>
    Revoked,
    /// <summary>已被替代: a re-issued certificate replaces it.</summary>
    Superseded,
}

/// <summary>What a certificate states, captured when it is issued so later edits never change it.</summary>
public sealed record CertificateContent(
    string LearnerNameZh, string LearnerNameLatin, string CourseTitleZh, string CourseTitleEn, decimal Credits, string CreditClass,
    string ProjectLevel, string AccreditationNumber, DateOnly CompletedOn, string ConsortiumName, string ConsortiumNameEn);

/// <summary>
/// A CME certificate for one completed offering. The PDF and its SHA-256 are kept exactly as issued;
/// only the status can change afterwards (revoked, or superseded by a re-issue), which public
/// verification shows at once. The database refuses any other change.
/// </summary>
public sealed class Certificate : Entity
{
    /// <summary>160 random bits, written in base32 (32 characters): unguessable and easy to put in a QR code.</summary>
    public const int CodeBytes = 20;

    private Certificate() { }

    public Certificate(Guid learnerId, Guid offeringId, Guid ledgerEntryId, string number, string verificationCode, CertificateContent content,
        byte[] pdf, Guid? issuedBy, DateTimeOffset now)
    {
        if (pdf.Length == 0)
            throw new DomainException("certificate.pdf-missing");
        (LearnerId, OfferingId, LedgerEntryId, Number, VerificationCode) = (learnerId, offeringId, ledgerEntryId, number, verificationCode);
        VerificationHash = HashCode(verificationCode);
        (LearnerNameZh, LearnerNameLatin, CourseTitleZh, CourseTitleEn) = (content.LearnerNameZh, content.LearnerNameLatin, content.CourseTitleZh, content.CourseTitleEn);
        (Credits, CreditClass, ProjectLevel, AccreditationNumber, CompletedOn) =
            (content.Credits, content.CreditClass, content.ProjectLevel, content.AccreditationNumber, content.CompletedOn);
        Pdf = pdf;
        PdfSha256 = Convert.ToHexStringLower(SHA256.HashData(pdf));
        (IssuedBy, IssuedAt, Status) = (issuedBy, now, CertificateStatus.Valid);
    }

    public Guid LearnerId { get; private set; }
    public Guid OfferingId { get; private set; }
    /// <summary>The completion award this certificate attests.</summary>
    public Guid LedgerEntryId { get; private set; }
    /// <summary>CME-2026-000123: the year of issue and a number counted per year.</summary>
    public string Number { get; private set; } = "";
    public string VerificationCode { get; private set; } = "";
    /// <summary>SHA-256 of the code: lookups go by this, so the time taken says nothing about how close a guess was.</summary>
    public byte[] VerificationHash { get; private set; } = [];
    public string LearnerNameZh { get; private set; } = "";
    public string LearnerNameLatin { get; private set; } = "";
    public string CourseTitleZh { get; private set; } = "";
    public string CourseTitleEn { get; private set; } = "";
    public decimal Credits { get; private set; }
    public string CreditClass { get; private set; } = "";
    public string ProjectLevel { get; private set; } = "";
    public string AccreditationNumber { get; private set; } = "";
    public DateOnly CompletedOn { get; private set; }
    public byte[] Pdf { get; private set; } = [];
    public string PdfSha256 { get; private set; } = "";
    public Guid? IssuedBy { get; private set; }
    public DateTimeOffset IssuedAt { get; private set; }
    public CertificateStatus Status { get; private set; }
    public DateTimeOffset? RevokedAt { get; private set; }
    public Guid? RevokedBy { get; private set; }
    public string? RevocationReason { get; private set; }
    public Guid? SupersededById { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }
    public string? SupersedeReason { get; private set; }

    public static string FormatNumber(int year, long sequence) => $"CME-{year}-{sequence:000000}";

    public static string NewVerificationCode() => Base32(RandomNumberGenerator.GetBytes(CodeBytes));

    /// <summary>Codes are compared case-insensitively (people type them), so the hash is of the upper-case form.</summary>
    public static byte[] HashCode(string code) => SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().ToUpperInvariant()));

    public void Revoke(Guid by, DateTimeOffset now, string reason)
    {
        if (Status != CertificateStatus.Valid)
            throw new DomainException(Status == CertificateStatus.Revoked ? "certificate.already-revoked" : "certificate.superseded");
        (Status, RevokedBy, RevokedAt, RevocationReason) = (CertificateStatus.Revoked, by, now, Guard.Required(reason, "reason", 500));
    }

    public void SupersedeWith(Guid replacementId, DateTimeOffset now, string reason)
    {
        if (Status != CertificateStatus.Valid)
            throw new DomainException("certificate.reissue-invalid");
        (Status, SupersededById, SupersededAt, SupersedeReason) = (CertificateStatus.Superseded, replacementId, now, Guard.Required(reason, "reason", 500));
    }

    /// <summary>张伟 → 张*; 王小明 → 王*明; Zhang Wei → Zhang W.: enough to recognise, not enough to harvest.</summary>
    public static string MaskName(string nameZh, string nameLatin)
    {
        var zh = nameZh.Trim();
        var maskedZh = zh.Length switch
        {
            0 => "",
            1 => zh,
            2 => $"{zh[0]}*",
            _ => $"{zh[0]}{new string('*', zh.Length - 2)}{zh[^1]}",
        };
        var parts = nameLatin.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var maskedLatin = parts.Length == 0 ? "" : string.Join(' ', [parts[0], .. parts.Skip(1).Select(p => $"{char.ToUpperInvariant(p[0])}.")]);
        return maskedLatin.Length == 0 ? maskedZh : $"{maskedZh} ({maskedLatin})";
    }

    private static string Base32(byte[] bytes)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var text = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                text.Append(alphabet[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0)
            text.Append(alphabet[(buffer << (5 - bits)) & 31]);
        return text.ToString();
    }
}
