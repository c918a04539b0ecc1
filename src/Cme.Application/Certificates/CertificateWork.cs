using Cme.Application.Common.Exceptions;
using Cme.Application.Common.Interfaces;
using Cme.Domain.Certificates;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Certificates;

/// <summary>
/// The background side of certificates: works through bulk batches and issues the certificate of every
/// fresh completion. Each certificate is issued in its own transaction together with the row that
/// marks it done, so after a crash the work resumes where it stopped and nothing is issued twice.
/// Several servers may run this at once: rows are claimed with FOR UPDATE SKIP LOCKED, and a batch
/// whose heartbeat stopped for <see cref="StaleAfter"/> is taken over.
/// </summary>
public sealed class CertificateWork(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CertificateWork> log)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(30);
    /// <summary>A completion whose certificate keeps failing is left after this many rounds (it can still be issued on demand or in a batch).</summary>
    public const int MaxPendingAttempts = 10;

    /// <summary>Does everything that is due; returns the number of certificates issued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var issued = 0;
        while (!ct.IsCancellationRequested && await ClaimBatchAsync(ct) is { } batchId)
            issued += await RunBatchAsync(batchId, ct);
        while (!ct.IsCancellationRequested && await IssuePendingAsync(ct))
            issued++;
        return issued;
    }

    private async Task<Guid?> ClaimBatchAsync(CancellationToken ct) =>
        await InScopeAsync(async (db, _) =>
        {
            var now = clock.GetUtcNow();
            var stale = now - StaleAfter;
            var batch = await db.CertificateBatches.FromSql($"""
                SELECT * FROM certificate_batches
                WHERE status = 'Queued' OR (status = 'Running' AND (heartbeat_at IS NULL OR heartbeat_at < {stale}))
                ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED
                """).SingleOrDefaultAsync(ct);
            batch?.Beat(now);
            return batch?.Id;
        }, ct);

    /// <summary>Issues the batch's remaining certificates one transaction at a time; returns how many it issued.</summary>
    public async Task<int> RunBatchAsync(Guid batchId, CancellationToken ct, int? stopAfter = null)
    {
        var issued = 0;
        try
        {
            while (!ct.IsCancellationRequested && (stopAfter is null || issued < stopAfter))
            {
                var outcome = await InScopeAsync(async (db, services) =>
                {
                    var now = clock.GetUtcNow();
                    var batch = await db.CertificateBatches.SingleAsync(b => b.Id == batchId, ct);
                    if (!batch.IsActive)
                        return Step.Stop;
                    var item = await db.CertificateBatchItems.FromSql($"""
                        SELECT * FROM certificate_batch_items WHERE batch_id = {batchId} AND done_at IS NULL
                        ORDER BY ledger_entry_id LIMIT 1 FOR UPDATE SKIP LOCKED
                        """).SingleOrDefaultAsync(ct);
                    if (item is null)
                    {
                        if (!await db.CertificateBatchItems.AnyAsync(i => i.BatchId == batchId && i.DoneAt == null, ct))
                            batch.Finish(now);
                        return Step.Stop;
                    }
                    batch.Beat(now);
                    await services.GetRequiredService<IOfferingLock>().LockAsync(item.LedgerEntryId, ct);
                    try
                    {
                        var certificate = await services.GetRequiredService<CertificateIssuer>().IssueOnceAsync(item.LedgerEntryId, batch.RequestedBy, ct);
                        item.Done(certificate.Id, now);
                        return Step.Issued;
                    }
                    catch (ConflictException refused)
                    {
                        item.Skip(refused.Message, now);
                        return Step.Skipped;
                    }
                }, ct);
                if (outcome == Step.Stop)
                    break;
                if (outcome == Step.Issued)
                    issued++;
            }
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogError(failure, "Certificate batch {BatchId} failed", batchId);
            await InScopeAsync(async (db, _) =>
            {
                (await db.CertificateBatches.SingleAsync(b => b.Id == batchId, ct)).Fail(clock.GetUtcNow(), failure.Message);
                return true;
            }, ct);
        }
        return issued;
    }

    private async Task<bool> IssuePendingAsync(CancellationToken ct)
    {
        Guid? failed = null;
        try
        {
            return await InScopeAsync(async (db, services) =>
            {
                var pending = await db.PendingCertificates.FromSql($"""
                    SELECT * FROM pending_certificates WHERE attempts < {MaxPendingAttempts}
                    ORDER BY attempts, queued_at LIMIT 1 FOR UPDATE SKIP LOCKED
                    """).SingleOrDefaultAsync(ct);
                if (pending is null)
                    return false;
                failed = pending.LedgerEntryId;
                await services.GetRequiredService<IOfferingLock>().LockAsync(pending.LedgerEntryId, ct);
                try
                {
                    await services.GetRequiredService<CertificateIssuer>().IssueOnceAsync(pending.LedgerEntryId, null, ct);
                }
                catch (ConflictException)
                {
                    // Revoked before its certificate was drawn: nothing to issue.
                }
                db.PendingCertificates.Remove(pending);
                return true;
            }, ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException && failed is { } id)
        {
            log.LogError(failure, "The certificate of ledger entry {LedgerEntryId} could not be issued", id);
            await InScopeAsync(async (db, _) =>
            {
                (await db.PendingCertificates.SingleAsync(p => p.LedgerEntryId == id, ct)).Failed(failure.Message);
                return true;
            }, ct);
            return false; // wait for the next round rather than hammer a failing step
        }
    }

    private async Task<T> InScopeAsync<T>(Func<IAppDbContext, IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<IAuditContext>().Action = "IssueCertificate";
        var db = services.GetRequiredService<IAppDbContext>();
        return await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => work(db, services), ct);
    }

    private enum Step
    {
        Issued,
        Skipped,
        Stop,
    }
}
