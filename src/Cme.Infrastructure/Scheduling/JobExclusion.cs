using Npgsql;

namespace Cme.Infrastructure.Scheduling;

/// <summary>
/// One run of a job at a time across every instance, held by a PostgreSQL session advisory lock on a
/// connection kept open for the run. A second run finds the lock taken and returns at once ("skipped").
/// The lock goes with its connection: when a process dies, PostgreSQL sees the socket close and the
/// next run takes over immediately.
/// <para>
/// Why not Hangfire's <c>DisableConcurrentExecution</c>: Hangfire.PostgreSql's distributed lock is a row
/// that is never refreshed while held and expires after <c>DistributedLockTimeout</c>. A timeout short
/// enough for prompt recovery (10 s here) would let a second run in beside a long one; a long one
/// would leave a dead process's lock in place for that long.
/// </para>
/// </summary>
public sealed class JobExclusion(NpgsqlDataSource dataSource)
{
    /// <summary>The first key of the two-key advisory lock: "cme-jobs" (the second is the job's name hashed).</summary>
    private const int LockClass = 0x636d656a;

    public const string Skipped = "skipped: another run of this job is in progress";

    public async Task<string> RunAloneAsync(string jobName, Func<CancellationToken, Task<string>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using (var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@class, hashtext(@job))", connection))
        {
            take.Parameters.AddWithValue("class", LockClass);
            take.Parameters.AddWithValue("job", jobName);
            if (!(bool)(await take.ExecuteScalarAsync(cancellationToken))!)
                return Skipped;
        }
        try
        {
            return await work(cancellationToken);
        }
        finally
        {
            await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@class, hashtext(@job))", connection);
            release.Parameters.AddWithValue("class", LockClass);
            release.Parameters.AddWithValue("job", jobName);
            try
            {
                await release.ExecuteNonQueryAsync(CancellationToken.None);
            }
            catch (NpgsqlException)
            {
                // The connection broke: the lock went with it.
            }
        }
    }
}

/// <summary>This process's name among the job servers (Cme:Scheduler:InstanceName, by default host:pid), recorded with each delivery.</summary>
public sealed record SchedulerInstance(string Name);
