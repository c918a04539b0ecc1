using Cme.Application.Common.Interfaces;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace Cme.Infrastructure.Persistence;

/// <summary>
/// A PostgreSQL transaction-scoped advisory lock per id: everyone changing the seats of one offering
/// (or the bookings of one trainer) waits in line, in arrival order, until the holder commits.
/// </summary>
internal sealed class TransactionLocks(AppDbContext db) : IOfferingLock
{
    public async Task LockAsync(Guid offeringId, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("A lock for seats needs the command's transaction.");
        var key = BitConverter.ToInt64(offeringId.ToByteArray(), 8);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({key})", cancellationToken);
    }
}

internal sealed class SchedulingSettings(IConfiguration configuration) : ISchedulingSettings
{
    public TimeSpan TravelBuffer { get; } = TimeSpan.FromMinutes(configuration.GetValue("Cme:Trainers:TravelBufferMinutes", 60));
}
