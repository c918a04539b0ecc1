using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Certificates;
using Cme.Domain.Credits;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

/// <summary>
/// Issues the certificate of one completion award: gathers what it states, numbers it, draws the
/// PDF. The caller saves, in its transaction.
/// </summary>
public sealed class CertificateIssuer(IAppDbContext db, IDocumentRenderer renderer, ICertificateNumbers numbers, ICertificateLinks links, TimeProvider clock)
{
    /// <summary>The award's valid certificate if it has one, otherwise a new one.</summary>
    public async Task<Certificate> IssueOnceAsync(Guid ledgerEntryId, Guid? issuedBy, CancellationToken ct) =>
        await db.Certificates.SingleOrDefaultAsync(c => c.LedgerEntryId == ledgerEntryId && c.Status == CertificateStatus.Valid, ct)
        ?? db.Certificates.Add(await CreateAsync(ledgerEntryId, issuedBy, ct)).Entity;

    /// <summary>Draws a new certificate for the award; the caller adds it to the context when the moment is right.</summary>
    public async Task<Certificate> CreateAsync(Guid ledgerEntryId, Guid? issuedBy, CancellationToken ct)
    {
        var award = await db.CreditLedger.AsNoTracking().SingleOrDefaultAsync(e => e.Id == ledgerEntryId, ct)
            ?? throw new NotFoundException("Ledger entry", ledgerEntryId);
        if (award.Kind != LedgerEntryKind.Award || award.Source != CreditSource.Completion || award.OfferingId is not { } offeringId)
            throw new ConflictException("certificate.not-completed");
        if (await db.CreditLedger.AnyAsync(e => e.RevokesId == award.Id, ct))
            throw new ConflictException("certificate.credit-revoked");
        var facts = await (from o in db.Offerings.AsNoTracking()
                           join c in db.Courses on o.CourseId equals c.Id
                           join v in db.CourseVersions on o.VersionId equals v.Id
                           join p in db.Professionals on award.LearnerId equals p.Id
                           where o.Id == offeringId
                           select new { o.TimeZone, c.TitleZh, c.TitleEn, v.Accreditation, p.NameZh, p.NameLatin }).SingleAsync(ct);
        var consortium = await db.Consortia.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Name, c.NameEn }).FirstAsync(ct);
        var now = clock.GetUtcNow();
        var content = new CertificateContent(facts.NameZh, facts.NameLatin, facts.TitleZh, facts.TitleEn, award.Credits, award.CreditClass,
            (award.ProjectLevel ?? facts.Accreditation?.ProjectLevel)?.ToString() ?? "",
            facts.Accreditation?.AccreditationNumber ?? "", DateOnly.FromDateTime(SessionTimes.ToLocal(award.RecordedAt, facts.TimeZone)),
            consortium.Name, consortium.NameEn);
        var issuedOn = DateOnly.FromDateTime(SessionTimes.ToLocal(now, facts.TimeZone));
        var number = Certificate.FormatNumber(issuedOn.Year, await numbers.NextAsync(issuedOn.Year, ct));
        var code = Certificate.NewVerificationCode();
        var pdf = renderer.Certificate(content, number, links.VerificationUrl(code), issuedOn);
        var certificate = new Certificate(award.LearnerId, offeringId, award.Id, number, code, content, pdf, issuedBy, now);
        if (await db.PendingCertificates.FindAsync([award.Id], ct) is { } pending)
            db.PendingCertificates.Remove(pending);
        // Every new certificate (a fresh completion's, a batch's, one asked for, a reissue) is announced in the transaction that saves it.
        await Notifications.Notices.CertificateReadyAsync(db, certificate, ct);
        return certificate;
    }
}
