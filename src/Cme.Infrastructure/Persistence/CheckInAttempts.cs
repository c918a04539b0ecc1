using Cme.Application.Common.Interfaces;
using Cme.Domain.Offerings;
using Cme.Domain.Professionals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Cme.Infrastructure.Persistence;

/// <summary>A try of a check-in code not (yet) known to be right: a row of check_in_attempts.</summary>
public sealed class CheckInAttempt
{
    public Guid Id { get; private set; }
    public Guid SessionId { get; private set; }
    public Guid LearnerId { get; private set; }
    public DateTimeOffset TriedAt { get; private set; }
}

internal sealed class CheckInAttemptConfiguration : IEntityTypeConfiguration<CheckInAttempt>
{
    public void Configure(EntityTypeBuilder<CheckInAttempt> builder)
    {
        builder.ToTable("check_in_attempts");
        builder.Property(a => a.Id).ValueGeneratedNever();
        builder.HasIndex(a => new { a.SessionId, a.LearnerId, a.TriedAt });
        builder.HasIndex(a => a.TriedAt);
        builder.HasOne<Session>().WithMany().HasForeignKey(a => a.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Professional>().WithMany().HasForeignKey(a => a.LearnerId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Wrong check-in codes per learner and session, in the database so that every API instance counts the same
/// tries (migration 0013). Its own connection, not the command's: the command rolls back on a wrong code.
/// A try is written before its code is checked, under an advisory lock for the learner and session, so that
/// parallel tries cannot all slip under the limit; a right code deletes its row again.
/// </summary>
internal sealed class CheckInAttempts(string connectionString, IConfiguration configuration) : ICheckInAttempts
{
    private readonly int _limit = Math.Max(1, configuration.GetValue("Cme:CheckIn:WrongCodesPerWindow", 10));
    private readonly TimeSpan _window = configuration.GetValue("Cme:CheckIn:Window", TimeSpan.FromMinutes(10)) is { Ticks: > 0 } w ? w : TimeSpan.FromMinutes(10);

    public async Task<CheckInTry> BeginAsync(Guid sessionId, Guid learnerId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var since = now - _window;
        // Also drops old rows of everyone (cheap by the tried_at index), so the table stays small.
        await using (var command = new NpgsqlCommand("""
            SELECT pg_advisory_xact_lock(hashtextextended('check-in:' || @session::text || ':' || @learner::text, 0));
            DELETE FROM check_in_attempts WHERE tried_at <= @stale;
            DELETE FROM check_in_attempts WHERE session_id = @session AND learner_id = @learner AND tried_at <= @since;
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("session", sessionId);
            command.Parameters.AddWithValue("learner", learnerId);
            command.Parameters.AddWithValue("since", since);
            command.Parameters.AddWithValue("stale", now - (_window > TimeSpan.FromDays(1) ? _window : TimeSpan.FromDays(1)));
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        long count;
        DateTimeOffset? oldest;
        await using (var command = new NpgsqlCommand("""
            SELECT count(*), min(tried_at) FROM check_in_attempts WHERE session_id = @session AND learner_id = @learner
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("session", sessionId);
            command.Parameters.AddWithValue("learner", learnerId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            count = reader.GetInt64(0);
            oldest = reader.IsDBNull(1) ? null : reader.GetFieldValue<DateTimeOffset>(1);
        }
        if (count >= _limit)
        {
            await transaction.CommitAsync(cancellationToken);
            // The next try is heard when the oldest wrong one leaves the window.
            var wait = oldest!.Value + _window - now;
            return new CheckInTry(null, wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1));
        }
        var id = Guid.CreateVersion7(now);
        await using (var command = new NpgsqlCommand("""
            INSERT INTO check_in_attempts (id, session_id, learner_id, tried_at) VALUES (@id, @session, @learner, @now)
            """, connection, transaction))
        {
            command.Parameters.AddWithValue("id", id);
            command.Parameters.AddWithValue("session", sessionId);
            command.Parameters.AddWithValue("learner", learnerId);
            command.Parameters.AddWithValue("now", now);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return new CheckInTry(id, null);
    }

    public async Task RightAsync(CheckInTry attempt, CancellationToken cancellationToken)
    {
        if (attempt.Id is not { } id)
            return;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand("DELETE FROM check_in_attempts WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
