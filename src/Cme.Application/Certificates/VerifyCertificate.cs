using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Domain.Certificates;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

/// <summary>What anyone holding the code may learn: whether the certificate stands, and what it attests, with the name partly masked.</summary>
public sealed record CertificateVerification(
    CertificateStatus Status, string Number, string LearnerName, string CourseTitleZh, string CourseTitleEn, decimal Credits, string CreditClass,
    string ProjectLevel, string AccreditationNumber, DateOnly CompletedOn, DateTimeOffset IssuedAt, DateTimeOffset? RevokedAt,
    DateTimeOffset? SupersededAt, string IssuerName, string IssuerNameEn);

/// <summary>
/// Public verification by the code printed on the certificate (its QR code). No sign-in. The code is
/// looked up by its hash, so a near miss takes as long and says as little as a wild guess.
/// </summary>
[PublicRequest]
public sealed record VerifyCertificate(string Code) : IQuery<CertificateVerification>;

internal sealed class VerifyCertificateHandler(IAppDbContext db) : IRequestHandler<VerifyCertificate, CertificateVerification>
{
    public async ValueTask<CertificateVerification> Handle(VerifyCertificate request, CancellationToken cancellationToken)
    {
        var hash = Certificate.HashCode(request.Code ?? "");
        var found = await db.Certificates.AsNoTracking().Where(c => c.VerificationHash == hash).Select(c => new
        {
            c.Status, c.Number, c.LearnerNameZh, c.LearnerNameLatin, c.CourseTitleZh, c.CourseTitleEn, c.Credits, c.CreditClass, c.ProjectLevel,
            c.AccreditationNumber, c.CompletedOn, c.IssuedAt, c.RevokedAt, c.SupersededAt,
        }).SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Certificate", "code");
        var issuer = await db.Consortia.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Name, c.NameEn }).FirstAsync(cancellationToken);
        return new CertificateVerification(found.Status, found.Number, Certificate.MaskName(found.LearnerNameZh, found.LearnerNameLatin),
            found.CourseTitleZh, found.CourseTitleEn, found.Credits, found.CreditClass, found.ProjectLevel, found.AccreditationNumber, found.CompletedOn,
            found.IssuedAt, found.RevokedAt, found.SupersededAt, issuer.Name, issuer.NameEn);
    }
}
