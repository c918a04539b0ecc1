using Cme.Application.Common.Interfaces;
using Cme.Domain.Common;
using Cme.Domain.Offerings;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Cme.Application.Attendance;

/// <summary>What one pass of the sweep did.</summary>
public sealed record CompletionSweepResult(int Offerings, int Completed, int Skipped)
{
    public override string ToString() => $"{Offerings} offerings settled, {Completed} completed, {Skipped} skipped";
}

/// <summary>
/// Settles completion once an offering's last session has ended: nothing else happens at that moment
/// (a check-in cannot complete an offering, and nobody need touch the roster afterwards), so a
/// scheduled job runs this every period. Each learner still enrolled is evaluated in a transaction of
/// their own, holding their enrolment's lock, so the sweep may race a trainer's roster edit or a second
/// instance and still award once. An offering that cannot be settled (broken data) is logged and left
/// for the next pass; the others are settled. Each ended offering is settled once, and again only if a
/// later session is added.
/// </summary>
public sealed class CompletionSweep(IServiceScopeFactory scopes, TimeProvider clock, ILogger<CompletionSweep> log)
{
    /// <summary>Offerings settled per pass at most; the next pass takes the rest.</summary>
    public const int BatchSize = 200;

    public async Task<CompletionSweepResult> RunOnceAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var due = await InScopeAsync((db, _) => db.Offerings.AsNoTracking()
            .Select(o => new
            {
                o.Id,
                o.CompletionSettledThrough,
                LastEnd = db.Sessions.Where(s => s.OfferingId == o.Id && s.Status == SessionStatus.Scheduled).Max(s => (DateTimeOffset?)s.EndsAt),
            })
            .Where(o => o.LastEnd != null && o.LastEnd <= now && (o.CompletionSettledThrough == null || o.CompletionSettledThrough < o.LastEnd))
            .OrderBy(o => o.LastEnd).Take(BatchSize)
            .Select(o => new { o.Id, LastEnd = o.LastEnd!.Value })
            .ToListAsync(ct), ct);

        int settled = 0, completed = 0, skipped = 0;
        foreach (var offering in due)
        {
            try
            {
                completed += await SettleAsync(offering.Id, offering.LastEnd, now, ct);
                settled++;
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                skipped++;
                log.LogError(failure, "The completion of offering {OfferingId} could not be settled; it is left for the next pass", offering.Id);
            }
        }
        return new CompletionSweepResult(settled, completed, skipped);
    }

    private async Task<int> SettleAsync(Guid offeringId, DateTimeOffset lastEnd, DateTimeOffset now, CancellationToken ct)
    {
        var learners = await InScopeAsync((db, _) => db.Enrolments.AsNoTracking()
            .Where(e => e.OfferingId == offeringId && e.Status == EnrolmentStatus.Enrolled)
            .OrderBy(e => e.Arrival).Select(e => e.LearnerId).ToListAsync(ct), ct);
        var completed = 0;
        foreach (var learnerId in learners)
        {
            var view = await InScopeAsync((db, services) => Completion.ReevaluateAsync(db, services.GetRequiredService<IOfferingLock>(),
                learnerId, offeringId, SystemActor.Id, now, ct), ct);
            if (view.EnrolmentStatus == EnrolmentStatus.Completed)
                completed++;
        }
        await InScopeAsync(async (db, _) =>
        {
            var offering = await db.Offerings.SingleAsync(o => o.Id == offeringId, ct);
            offering.MarkCompletionSettled(lastEnd);
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);
        return completed;
    }

    private async Task<T> InScopeAsync<T>(Func<IAppDbContext, IServiceProvider, Task<T>> work, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<IAuditContext>().Action = "SettleCompletion";
        var db = services.GetRequiredService<IAppDbContext>();
        return await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(() => work(db, services), ct);
    }
}
