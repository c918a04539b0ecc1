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

/// <summary>
/// The check-in key from configuration (Cme:CheckIn:Key, base64, at least 32 bytes). Every API
/// instance must share it, so a code shown by one is accepted by another.
/// </summary>
internal sealed class CheckInKey : ICheckInKey
{
    public const string DevelopmentKey = "ZGV2ZWxvcG1lbnQtb25seS1jaGVjay1pbi1rZXktLS0tLS0tLS0tLS0=";

    public CheckInKey(IConfiguration configuration, bool production)
    {
        var configured = configuration["Cme:CheckIn:Key"] ?? DevelopmentKey;
        if (production && configured == DevelopmentKey)
            throw new InvalidOperationException("Set Cme__CheckIn__Key to a secret of your own (32+ random bytes, base64) in production.");
        Key = Convert.FromBase64String(configured);
        if (Key.Length < 32)
            throw new InvalidOperationException("Cme:CheckIn:Key must be at least 32 bytes (base64).");
    }

    public byte[] Key { get; }
}
