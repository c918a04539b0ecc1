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

/// <summary>
/// Counts tries of check-in codes per learner and session, outside the command's transaction (a wrong code
/// rolls the command back, its count must stay). Each try counts as wrong until <see cref="RightAsync"/>.
/// </summary>
public interface ICheckInAttempts
{
    /// <summary>Records a try; when too many wrong ones were tried in the window, records nothing and gives the wait.</summary>
    Task<CheckInTry> BeginAsync(Guid sessionId, Guid learnerId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>The code of this try was right: it does not count against the learner.</summary>
    Task RightAsync(CheckInTry attempt, CancellationToken cancellationToken);
}

/// <summary>A try being checked (<see cref="Id"/>), or a refusal with how long to wait.</summary>
public sealed record CheckInTry(Guid? Id, TimeSpan? Wait);
