using System.Diagnostics;
using Cme.Application.Notifications;
using Cme.Domain.Notifications;
using Microsoft.Extensions.Logging;
using Npgsql;
using NpgsqlTypes;

namespace Cme.Infrastructure.Notifications;

/// <summary>
/// Sends due notifications. A batch is claimed in one statement (FOR UPDATE SKIP LOCKED, then a
/// lease in claimed_until), so two dispatchers never take the same row. In-app rows are delivered
/// by one statement per batch. Each e-mail is marked sent, with its attempt recorded, in one
/// statement right after the SMTP server accepted it: a process killed between the two is the only
/// way an e-mail goes out twice (its lease runs out and it is sent again). A failure is recorded
/// with its error and retried with exponential backoff; after MaxAttempts the row is Failed.
/// Each run first turns waiting requests for a password-reset link into reset e-mails
/// (<see cref="Identity.PasswordResetRequests"/>); their link is made only when they are sent.
/// </summary>
public sealed class OutboxDispatcher(NpgsqlDataSource dataSource, NotificationOptions options, IEmailSender email, TimeProvider clock,
    ILogger<OutboxDispatcher> logger, Identity.PasswordResetRequests passwordResets)
{
    public sealed record Result(int Sent, int Failed, int Cancelled)
    {
        public override string ToString() => $"sent {Sent}, failed {Failed}, cancelled {Cancelled}";
    }

    private sealed record Claimed(Guid Id, Guid RecipientId, NotificationKind Kind, NotificationChannel Channel, string Language,
        string Data, int Attempts, string Email, string Name);

    public async Task<Result> DispatchAsync(string instance, CancellationToken cancellationToken)
    {
        var started = clock.GetTimestamp();
        int sent = 0, failed = 0, cancelled = 0;
        await passwordResets.TakeAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        while (!cancellationToken.IsCancellationRequested && clock.GetElapsedTime(started) < options.DispatchBudget)
        {
            var now = clock.GetUtcNow();
            cancelled += await NotificationSql.CancelStaleAsync(connection, now, now, cancellationToken);
            var batch = await ClaimAsync(connection, now, cancellationToken);
            if (batch.Count == 0)
                break;

            var inApp = batch.Where(n => n.Channel == NotificationChannel.InApp).ToList();
            if (inApp.Count > 0)
                sent += await DeliverInAppAsync(connection, inApp, instance, cancellationToken);

            var emails = batch.Where(n => n.Channel == NotificationChannel.Email).ToList();
            if (emails.Count == 0)
                continue;
            using var session = email.Open();
            foreach (var claimed in emails)
            {
                var n = claimed;
                // A reset e-mail gets its link (a fresh token) now; what is stored is the text without it.
                var stored = n.Kind == NotificationKind.PasswordReset ? Render(n, withLink: false) : null;
                if (n.Kind == NotificationKind.PasswordReset)
                {
                    if (await passwordResets.WithLinkAsync(n.Data, cancellationToken) is not { } withLink)
                    {
                        await RecordFailureAsync(connection, n with { Attempts = options.MaxAttempts }, new InvalidOperationException("account-deleted"), 0, instance, cancellationToken);
                        failed++;
                        continue;
                    }
                    n = n with { Data = withLink };
                }
                var text = Render(n, withLink: true);
                var watch = Stopwatch.StartNew();
                try
                {
                    await session.SendAsync(new EmailMessage(n.Email, n.Name, text.Title, text.Body, n.Id), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    failed++;
                    logger.LogWarning(ex, "Sending notification {NotificationId} by e-mail failed (attempt {Attempt})", n.Id, n.Attempts + 1);
                    await RecordFailureAsync(connection, n, ex, (int)watch.ElapsedMilliseconds, instance, cancellationToken);
                    continue;
                }
                await RecordSentAsync(connection, n, stored ?? text, (int)watch.ElapsedMilliseconds, instance, CancellationToken.None);
                sent++;
            }
        }
        return new Result(sent, failed, cancelled);
    }

    private NotificationText Render(Claimed n, bool withLink) =>
        NotificationTexts.Render(n.Kind, n.Language, n.Data, withLink ? options.PublicBaseUrl : null);

    private async Task<List<Claimed>> ClaimAsync(NpgsqlConnection connection, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH due AS (
                SELECT id FROM notifications
                WHERE status = 'Pending' AND next_attempt_at <= @now AND (claimed_until IS NULL OR claimed_until < @now)
                ORDER BY next_attempt_at
                LIMIT @batch
                FOR UPDATE SKIP LOCKED
            )
            UPDATE notifications n SET claimed_until = @until
            FROM due, professionals p
            WHERE n.id = due.id AND p.id = n.recipient_id
            RETURNING n.id, n.recipient_id, n.kind, n.channel, n.language, n.data::text, n.attempts, p.email, p.name_zh
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("until", now + options.ClaimLease);
        command.Parameters.AddWithValue("batch", options.BatchSize);
        var claimed = new List<Claimed>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            claimed.Add(new Claimed(reader.GetGuid(0), reader.GetGuid(1), Enum.Parse<NotificationKind>(reader.GetString(2)),
                Enum.Parse<NotificationChannel>(reader.GetString(3)), reader.GetString(4), reader.GetString(5), reader.GetInt32(6),
                reader.GetString(7), reader.GetString(8)));
        return claimed;
    }

    private async Task<int> DeliverInAppAsync(NpgsqlConnection connection, List<Claimed> rows, string instance, CancellationToken cancellationToken)
    {
        var texts = rows.Select(n => Render(n, withLink: false)).ToList();
        await using var command = new NpgsqlCommand("""
            WITH delivered AS (
                UPDATE notifications n SET status = 'Sent', sent_at = @now, attempts = n.attempts + 1, title = d.title, body = d.body,
                                           claimed_until = NULL, last_error = NULL
                FROM unnest(@ids, @titles, @bodies) AS d (id, title, body)
                WHERE n.id = d.id AND n.status = 'Pending'
                RETURNING n.id
            )
            INSERT INTO notification_attempts (notification_id, attempted_at, succeeded, error, duration_ms, instance)
            SELECT id, @now, true, NULL, 0, @instance FROM delivered
            """, connection);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.Add(new NpgsqlParameter("ids", NpgsqlDbType.Array | NpgsqlDbType.Uuid) { Value = rows.Select(r => r.Id).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("titles", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts.Select(t => t.Title).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("bodies", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = texts.Select(t => t.Body).ToArray() });
        command.Parameters.AddWithValue("instance", instance);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordSentAsync(NpgsqlConnection connection, Claimed n, NotificationText text, int durationMs, string instance, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH sent AS (
                UPDATE notifications SET status = 'Sent', sent_at = @now, attempts = attempts + 1, title = @title, body = @body,
                                         claimed_until = NULL, last_error = NULL
                WHERE id = @id AND status = 'Pending'
                RETURNING id
            )
            INSERT INTO notification_attempts (notification_id, attempted_at, succeeded, error, duration_ms, instance)
            SELECT id, @now, true, NULL, @duration, @instance FROM sent
            """, connection);
        command.Parameters.AddWithValue("id", n.Id);
        command.Parameters.AddWithValue("now", clock.GetUtcNow());
        command.Parameters.AddWithValue("title", text.Title);
        command.Parameters.AddWithValue("body", text.Body);
        command.Parameters.AddWithValue("duration", durationMs);
        command.Parameters.AddWithValue("instance", instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private async Task RecordFailureAsync(NpgsqlConnection connection, Claimed n, Exception error, int durationMs, string instance, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var attempts = n.Attempts + 1;
        var backoff = TimeSpan.FromSeconds(Math.Min(3600, options.RetryBase.TotalSeconds * Math.Pow(2, attempts - 1)));
        var message = $"{error.GetType().Name}: {error.Message}";
        if (message.Length > Notification.MaxErrorLength)
            message = message[..Notification.MaxErrorLength];
        await using var command = new NpgsqlCommand("""
            WITH failed AS (
                UPDATE notifications SET attempts = @attempts, last_error = @error, claimed_until = NULL, next_attempt_at = @next,
                                         status = CASE WHEN @attempts >= @max THEN 'Failed' ELSE 'Pending' END
                WHERE id = @id AND status = 'Pending'
                RETURNING id
            )
            INSERT INTO notification_attempts (notification_id, attempted_at, succeeded, error, duration_ms, instance)
            SELECT id, @now, false, @error, @duration, @instance FROM failed
            """, connection);
        command.Parameters.AddWithValue("id", n.Id);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("attempts", attempts);
        command.Parameters.AddWithValue("max", options.MaxAttempts);
        command.Parameters.AddWithValue("next", now + backoff);
        command.Parameters.AddWithValue("error", message);
        command.Parameters.AddWithValue("duration", durationMs);
        command.Parameters.AddWithValue("instance", instance);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
