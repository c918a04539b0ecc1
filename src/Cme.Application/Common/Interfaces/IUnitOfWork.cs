namespace Cme.Application.Common.Interfaces;

/// <summary>One database transaction around a command.</summary>
public interface IUnitOfWork
{
    Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken);
}

/// <summary>Names the request whose changes are being saved, so the audit trail can say what was done.</summary>
public interface IAuditContext
{
    string? Action { get; set; }
}

/// <summary>Serialises enrolment changes of one offering: held until the transaction ends.</summary>
public interface IOfferingLock
{
    Task LockAsync(Guid offeringId, CancellationToken cancellationToken);
}

/// <summary>Scheduling settings from configuration.</summary>
public interface ISchedulingSettings
{
    /// <summary>Time a trainer needs between sessions at different institutions.</summary>
    TimeSpan TravelBuffer { get; }
}

/// <summary>The server's secret key that binds rotating check-in codes to sessions.</summary>
public interface ICheckInKey
{
    byte[] Key { get; }
}
