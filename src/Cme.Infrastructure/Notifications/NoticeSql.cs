using Cme.Application.Notifications;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Cme.Infrastructure.Notifications;

/// <summary>
/// Event notices into the outbox, in the caller's transaction: one statement for all of them, one
/// row per channel each recipient wants (preferences as the planner reads them), in their language,
/// with the same de-duplication key as the planner's rows. ON CONFLICT DO NOTHING makes a repeat a
/// no-op, and a concurrent repeat waits for the first to commit and then does nothing.
/// </summary>
internal static class NoticeSql
{
    public static async Task EnqueueAsync(DatabaseFacade database, IReadOnlyCollection<EventNotice> notices, DateTimeOffset now, CancellationToken ct)
    {
        if (notices.Count == 0)
            return;
        // Outside a transaction the notice would commit before (and without) its event.
        if (database.CurrentTransaction is null)
            throw new InvalidOperationException("Event notices are written in the transaction of their event; none is open.");
        var recipients = notices.Select(n => n.RecipientId).ToArray();
        var kinds = notices.Select(n => n.Kind.ToString()).ToArray();
        var subjects = notices.Select(n => n.SubjectId).ToArray();
        var occurrences = notices.Select(n => n.Occurrence).ToArray();
        var data = notices.Select(n => n.Data).ToArray();
        await database.ExecuteSqlAsync($"""
            INSERT INTO notifications (id, recipient_id, kind, channel, subject_id, occurrence, dedup_key, language, data, status,
                                       due_at, next_attempt_at, expires_at, attempts, created_at)
            SELECT gen_random_uuid(), t.recipient_id, t.kind, ch.channel, t.subject_id, t.occurrence,
                   t.kind || ':' || replace(t.subject_id::text, '-', '') || ':' || t.occurrence || ':' || replace(t.recipient_id::text, '-', '') || ':' || ch.channel,
                   p.preferred_language, t.data::jsonb, 'Pending', {now}, {now}, NULL, 0, {now}
            FROM unnest({recipients}::uuid[], {kinds}::text[], {subjects}::uuid[], {occurrences}::text[], {data}::text[])
                 AS t (recipient_id, kind, subject_id, occurrence, data)
            JOIN professionals p ON p.id = t.recipient_id
            CROSS JOIN (VALUES ('InApp'), ('Email')) AS ch (channel)
            LEFT JOIN notification_preferences np ON np.professional_id = t.recipient_id AND np.kind = t.kind
            WHERE CASE ch.channel WHEN 'InApp' THEN coalesce(np.in_app, true) ELSE coalesce(np.email, true) END
            ON CONFLICT (dedup_key) DO NOTHING
            """, ct);
    }
}
