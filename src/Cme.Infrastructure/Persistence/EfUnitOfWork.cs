using Cme.Application.Common.Interfaces;

namespace Cme.Infrastructure.Persistence;

internal sealed class EfUnitOfWork(AppDbContext db) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<Task<T>> work, CancellationToken cancellationToken)
    {
        if (db.Database.CurrentTransaction is not null)
            return await work();

        // The whole command commits or rolls back as one, so SaveChanges' own savepoints would be two wasted round trips.
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var result = await work();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return result;
    }
}

internal sealed class AuditContext : IAuditContext
{
    public string? Action { get; set; }
}
