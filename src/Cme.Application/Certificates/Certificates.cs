using Microsoft.Extensions.Logging;
using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Application.Professionals;
using Cme.Domain.Certificates;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

public sealed record CertificateView(
    Guid Id, string Number, Guid LearnerId, string LearnerNameZh, string LearnerNameLatin, Guid OfferingId, string CourseTitleZh, string CourseTitleEn,
    decimal Credits, string CreditClass, string ProjectLevel, string AccreditationNumber, DateOnly CompletedOn, DateTimeOffset IssuedAt,
    CertificateStatus Status, DateTimeOffset? RevokedAt, string? RevocationReason, DateTimeOffset? SupersededAt, Guid? SupersededById,
    string VerificationUrl, string PdfSha256);

public sealed record CertificateFile(string FileName, byte[] Content);

internal static class CertificateAccess
{
    /// <summary>The learner themselves, a CmeAdmin, or the InstitutionAdmin of the learner's institution; anyone else gets 404.</summary>
    public static async Task EnsureMaySeeAsync(IAppDbContext db, ICurrentUser user, Guid learnerId, CancellationToken ct)
    {
        if (learnerId == user.ProfessionalId || user.IsInRole(Roles.CmeAdmin))
            return;
        if (!user.IsInRole(Roles.InstitutionAdmin) || !await StaffAccess.Visible(db.Professionals, user).AnyAsync(p => p.Id == learnerId, ct))
            throw new NotFoundException("Certificate", learnerId);
    }

    public static async Task<List<CertificateView>> ViewsAsync(IQueryable<Certificate> certificates, ICertificateLinks links, CancellationToken ct)
    {
        var views = await certificates.AsNoTracking().OrderByDescending(c => c.IssuedAt).Select(c => new CertificateView(
            c.Id, c.Number, c.LearnerId, c.LearnerNameZh, c.LearnerNameLatin, c.OfferingId, c.CourseTitleZh, c.CourseTitleEn, c.Credits, c.CreditClass,
            c.ProjectLevel, c.AccreditationNumber, c.CompletedOn, c.IssuedAt, c.Status, c.RevokedAt, c.RevocationReason, c.SupersededAt, c.SupersededById,
            c.VerificationCode, c.PdfSha256)).ToListAsync(ct);
        return [.. views.Select(v => v with { VerificationUrl = links.VerificationUrl(v.VerificationUrl) })];
    }

    public static async Task<CertificateView> ViewAsync(IAppDbContext db, Guid id, ICertificateLinks links, CancellationToken ct) =>
        (await ViewsAsync(db.Certificates.Where(c => c.Id == id), links, ct)).Single();
}

/// <summary>
/// The certificate of a completed offering, on demand: the learner's own (or, for CmeAdmins and the
/// learner's InstitutionAdmin, someone else's). Asking again returns the same certificate.
/// </summary>
[Authenticated]
public sealed record IssueCertificate(Guid OfferingId, Guid? LearnerId = null) : ICommand<CertificateView>;

internal sealed class IssueCertificateHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, CertificateIssuer issuer, ICertificateLinks links)
    : IRequestHandler<IssueCertificate, CertificateView>
{
    public async ValueTask<CertificateView> Handle(IssueCertificate request, CancellationToken cancellationToken)
    {
        var learnerId = request.LearnerId ?? user.ProfessionalId();
        await CertificateAccess.EnsureMaySeeAsync(db, user, learnerId, cancellationToken);
        var key = Attendance.Completion.AwardKey(learnerId, request.OfferingId);
        var award = await db.CreditLedger.Where(e => e.AwardKey == key).Select(e => (Guid?)e.Id).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ConflictException("certificate.none-yet");
        await locks.LockAsync(award, cancellationToken); // two clicks at once still make one certificate
        var certificate = await issuer.IssueOnceAsync(award, user.ProfessionalId, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await CertificateAccess.ViewAsync(db, certificate.Id, links, cancellationToken);
    }
}

/// <summary>Certificates: mine; a learner's (CmeAdmin, their InstitutionAdmin); an offering's (CmeAdmin).</summary>
[Authenticated]
public sealed record ListCertificates(Guid? LearnerId = null, Guid? OfferingId = null) : IQuery<IReadOnlyList<CertificateView>>;

internal sealed class ListCertificatesHandler(IAppDbContext db, ICurrentUser user, ICertificateLinks links) : IRequestHandler<ListCertificates, IReadOnlyList<CertificateView>>
{
    public async ValueTask<IReadOnlyList<CertificateView>> Handle(ListCertificates request, CancellationToken cancellationToken)
    {
        IQueryable<Certificate> certificates;
        if (request.OfferingId is { } offeringId && request.LearnerId is null)
        {
            if (!user.IsInRole(Roles.CmeAdmin))
                throw new ForbiddenException("certificate.list-forbidden");
            certificates = db.Certificates.Where(c => c.OfferingId == offeringId);
        }
        else
        {
            var learnerId = request.LearnerId ?? user.ProfessionalId();
            await CertificateAccess.EnsureMaySeeAsync(db, user, learnerId, cancellationToken);
            certificates = db.Certificates.Where(c => c.LearnerId == learnerId);
            if (request.OfferingId is { } offering)
                certificates = certificates.Where(c => c.OfferingId == offering);
        }
        return await CertificateAccess.ViewsAsync(certificates.OrderByDescending(c => c.IssuedAt).Take(1000), links, cancellationToken);
    }
}

/// <summary>The PDF exactly as it was issued.</summary>
[Authenticated]
public sealed record GetCertificatePdf(Guid Id) : IQuery<CertificateFile>;

internal sealed class GetCertificatePdfHandler(IAppDbContext db, ICurrentUser user) : IRequestHandler<GetCertificatePdf, CertificateFile>
{
    public async ValueTask<CertificateFile> Handle(GetCertificatePdf request, CancellationToken cancellationToken)
    {
        var file = await db.Certificates.AsNoTracking().Where(c => c.Id == request.Id).Select(c => new { c.LearnerId, c.Number, c.Pdf })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException("Certificate", request.Id);
        await CertificateAccess.EnsureMaySeeAsync(db, user, file.LearnerId, cancellationToken);
        return new CertificateFile($"{file.Number}.pdf", file.Pdf);
    }
}

/// <summary>A CmeAdmin withdraws a certificate with the reason; public verification says so at once.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RevokeCertificate(Guid Id, string Reason) : ICommand<CertificateView>;

internal sealed class RevokeCertificateValidator : AbstractValidator<RevokeCertificate>
{
    public RevokeCertificateValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class RevokeCertificateHandler(IAppDbContext db, ICurrentUser user, TimeProvider clock, ICertificateLinks links,
    ILogger<RevokeCertificateHandler> logger)
    : IRequestHandler<RevokeCertificate, CertificateView>
{
    public async ValueTask<CertificateView> Handle(RevokeCertificate request, CancellationToken cancellationToken)
    {
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Certificate", request.Id);
        SeparationOfDuties.EnsureNotSelf(user, certificate.LearnerId, nameof(RevokeCertificate), logger);
        certificate.Revoke(user.ProfessionalId(), clock.GetUtcNow(), request.Reason);
        await Notifications.Notices.CertificateRevokedAsync(db, certificate, request.Reason, creditRevoked: false, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return await CertificateAccess.ViewAsync(db, certificate.Id, links, cancellationToken);
    }
}

/// <summary>
/// Re-issues a certificate (for example after a name was corrected): a new number, code and PDF;
/// the old one is kept as issued and verifies as superseded.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ReissueCertificate(Guid Id, string Reason) : ICommand<CertificateView>;

internal sealed class ReissueCertificateValidator : AbstractValidator<ReissueCertificate>
{
    public ReissueCertificateValidator() => RuleFor(x => x.Reason).NotEmpty().MaximumLength(500);
}

internal sealed class ReissueCertificateHandler(
    IAppDbContext db, ICurrentUser user, TimeProvider clock, IOfferingLock locks, CertificateIssuer issuer, ICertificateLinks links,
    ILogger<ReissueCertificateHandler> logger)
    : IRequestHandler<ReissueCertificate, CertificateView>
{
    public async ValueTask<CertificateView> Handle(ReissueCertificate request, CancellationToken cancellationToken)
    {
        var old = await db.Certificates.SingleOrDefaultAsync(c => c.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Certificate", request.Id);
        SeparationOfDuties.EnsureNotSelf(user, old.LearnerId, nameof(ReissueCertificate), logger);
        await locks.LockAsync(old.LedgerEntryId, cancellationToken);
        var replacement = await issuer.CreateAsync(old.LedgerEntryId, user.ProfessionalId, cancellationToken);
        old.SupersedeWith(replacement.Id, clock.GetUtcNow(), request.Reason);
        // The old one stops being valid before the new one is saved: one valid certificate per award, as the database insists.
        await db.SaveChangesAsync(cancellationToken);
        db.Certificates.Add(replacement);
        await db.SaveChangesAsync(cancellationToken);
        return await CertificateAccess.ViewAsync(db, replacement.Id, links, cancellationToken);
    }
}
