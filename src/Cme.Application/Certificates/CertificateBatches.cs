using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Application.Common.Messaging;
using Cme.Application.Common.Security;
using Cme.Application.Courses;
using Cme.Domain.Certificates;
using Cme.Domain.Credits;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;

namespace Cme.Application.Certificates;

public sealed record CertificateBatchView(
    Guid Id, Guid OfferingId, CertificateBatchStatus Status, int Total, int Done, int Percent, DateTimeOffset RequestedAt, DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt, string? LastError);

internal static class BatchViews
{
    public static async Task<List<CertificateBatchView>> ForAsync(IAppDbContext db, IQueryable<CertificateBatch> batches, CancellationToken ct)
    {
        var rows = await batches.AsNoTracking().OrderByDescending(b => b.RequestedAt).Select(b => new
        {
            b.Id, b.OfferingId, b.Status, b.RequestedAt, b.StartedAt, b.FinishedAt, b.LastError,
            Total = db.CertificateBatchItems.Count(i => i.BatchId == b.Id),
            Done = db.CertificateBatchItems.Count(i => i.BatchId == b.Id && i.DoneAt != null),
        }).ToListAsync(ct);
        return [.. rows.Select(b => new CertificateBatchView(b.Id, b.OfferingId, b.Status, b.Total, b.Done,
            b.Total == 0 ? 100 : (int)Math.Floor(100m * b.Done / b.Total), b.RequestedAt, b.StartedAt, b.FinishedAt, b.LastError))];
    }
}

/// <summary>
/// A CmeAdmin issues the certificates of a whole offering in the background: every completion whose
/// credit stands and that has no valid certificate yet. Asking while a batch runs returns that batch.
/// </summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record StartCertificateBatch(Guid OfferingId) : ICommand<CertificateBatchView>;

internal sealed class StartCertificateBatchHandler(IAppDbContext db, ICurrentUser user, IOfferingLock locks, TimeProvider clock)
    : IRequestHandler<StartCertificateBatch, CertificateBatchView>
{
    public async ValueTask<CertificateBatchView> Handle(StartCertificateBatch request, CancellationToken cancellationToken)
    {
        if (!await db.Offerings.AnyAsync(o => o.Id == request.OfferingId, cancellationToken))
            throw new NotFoundException("Offering", request.OfferingId);
        await locks.LockAsync(request.OfferingId, cancellationToken);
        var running = db.CertificateBatches.Where(b => b.OfferingId == request.OfferingId
            && (b.Status == CertificateBatchStatus.Queued || b.Status == CertificateBatchStatus.Running));
        if (await running.AnyAsync(cancellationToken))
            return (await BatchViews.ForAsync(db, running, cancellationToken))[0];
        var awards = await db.CreditLedger
            .Where(e => e.OfferingId == request.OfferingId && e.Kind == LedgerEntryKind.Award && e.Source == CreditSource.Completion)
            .Where(e => !db.CreditLedger.Any(r => r.RevokesId == e.Id))
            .Where(e => !db.Certificates.Any(c => c.LedgerEntryId == e.Id && c.Status == CertificateStatus.Valid))
            .Select(e => e.Id).ToListAsync(cancellationToken);
        if (awards.Count == 0)
            throw new ConflictException("certificate-batch.nothing-to-issue");
        var batch = new CertificateBatch(request.OfferingId, user.ProfessionalId(), clock.GetUtcNow());
        db.CertificateBatches.Add(batch);
        db.CertificateBatchItems.AddRange(awards.Select(a => new CertificateBatchItem(batch.Id, a)));
        await db.SaveChangesAsync(cancellationToken);
        return (await BatchViews.ForAsync(db, db.CertificateBatches.Where(b => b.Id == batch.Id), cancellationToken))[0];
    }
}

/// <summary>A batch's progress: done / total and percent.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record GetCertificateBatch(Guid Id) : IQuery<CertificateBatchView>;

internal sealed class GetCertificateBatchHandler(IAppDbContext db) : IRequestHandler<GetCertificateBatch, CertificateBatchView>
{
    public async ValueTask<CertificateBatchView> Handle(GetCertificateBatch request, CancellationToken cancellationToken) =>
        (await BatchViews.ForAsync(db, db.CertificateBatches.Where(b => b.Id == request.Id), cancellationToken)).SingleOrDefault()
        ?? throw new NotFoundException("Certificate batch", request.Id);
}

[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record ListCertificateBatches(Guid OfferingId) : IQuery<IReadOnlyList<CertificateBatchView>>;

internal sealed class ListCertificateBatchesHandler(IAppDbContext db) : IRequestHandler<ListCertificateBatches, IReadOnlyList<CertificateBatchView>>
{
    public async ValueTask<IReadOnlyList<CertificateBatchView>> Handle(ListCertificateBatches request, CancellationToken cancellationToken) =>
        await BatchViews.ForAsync(db, db.CertificateBatches.Where(b => b.OfferingId == request.OfferingId).Take(20), cancellationToken);
}

/// <summary>Runs a failed batch again; what it already issued stays issued and is not issued twice.</summary>
[AuthorizeRoles(Roles.CmeAdmin)]
public sealed record RetryCertificateBatch(Guid Id) : ICommand<CertificateBatchView>;

internal sealed class RetryCertificateBatchHandler(IAppDbContext db) : IRequestHandler<RetryCertificateBatch, CertificateBatchView>
{
    public async ValueTask<CertificateBatchView> Handle(RetryCertificateBatch request, CancellationToken cancellationToken)
    {
        var batch = await db.CertificateBatches.SingleOrDefaultAsync(b => b.Id == request.Id, cancellationToken)
            ?? throw new NotFoundException("Certificate batch", request.Id);
        batch.Retry();
        await db.SaveChangesAsync(cancellationToken);
        return (await BatchViews.ForAsync(db, db.CertificateBatches.Where(b => b.Id == batch.Id), cancellationToken))[0];
    }
}
