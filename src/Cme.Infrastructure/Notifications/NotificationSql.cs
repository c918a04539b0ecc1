using Npgsql;

namespace Cme.Infrastructure.Notifications;

internal static class NotificationSql
{
    /// <summary>
    /// Cancels pending notifications that no longer apply: expired, turned off by the recipient,
    /// or no longer true of the data (a session rescheduled or cancelled, an enrolment cancelled,
    /// an evaluation done, a qualification renewed). Rows a dispatcher holds are left to it.
    /// </summary>
    public static async Task<int> CancelStaleAsync(NpgsqlConnection connection, DateTimeOffset now, DateTimeOffset dueBefore, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            WITH pending AS (
                SELECT n.id,
                       n.expires_at IS NOT NULL AND n.expires_at <= @now AS expired,
                       EXISTS (SELECT 1 FROM notification_preferences np
                               WHERE np.professional_id = n.recipient_id AND np.kind = n.kind
                                 AND CASE n.channel WHEN 'InApp' THEN NOT np.in_app ELSE NOT np.email END) AS turned_off,
                       CASE
                         WHEN n.kind IN ('SessionReminder24h', 'SessionReminder1h') THEN EXISTS (
                             SELECT 1 FROM sessions s
                             WHERE s.id = n.subject_id AND s.status = 'Scheduled'
                               AND to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') = n.occurrence
                               AND (EXISTS (SELECT 1 FROM enrolments e WHERE e.offering_id = s.offering_id AND e.learner_id = n.recipient_id AND e.status = 'Enrolled')
                                    OR EXISTS (SELECT 1 FROM session_trainers st JOIN trainers t ON t.id = st.trainer_id
                                               WHERE st.session_id = s.id AND t.professional_id = n.recipient_id)))
                         WHEN n.kind = 'EvaluationReminder' THEN EXISTS (
                             SELECT 1 FROM enrolments e
                             WHERE e.offering_id = n.subject_id AND e.learner_id = n.recipient_id AND e.status IN ('Enrolled', 'Completed'))
                           AND NOT EXISTS (SELECT 1 FROM course_evaluations ce WHERE ce.offering_id = n.subject_id AND ce.learner_id = n.recipient_id)
                           AND (SELECT to_char(max(s.ends_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') FROM sessions s
                                WHERE s.offering_id = n.subject_id AND s.status = 'Scheduled') = n.occurrence
                         WHEN n.kind = 'WaitlistPromoted' THEN EXISTS (SELECT 1 FROM enrolments e WHERE e.id = n.subject_id AND e.status = 'Enrolled')
                         WHEN n.kind = 'QualificationExpiring' THEN EXISTS (
                             SELECT 1 FROM trainers t WHERE t.id = n.subject_id AND t.is_active AND to_char(t.qualified_until, 'YYYY-MM-DD') = n.occurrence)
                         ELSE true
                       END AS applies
                FROM notifications n
                WHERE n.status = 'Pending' AND n.next_attempt_at <= @dueBefore AND (n.claimed_until IS NULL OR n.claimed_until < @now)
            ), stale AS (
                SELECT n.id, CASE WHEN p.expired THEN 'expired' WHEN p.turned_off THEN 'turned off by the recipient' ELSE 'no longer applies' END AS reason
                FROM pending p JOIN notifications n ON n.id = p.id
                WHERE p.expired OR p.turned_off OR NOT p.applies
                FOR UPDATE OF n SKIP LOCKED
            )
            UPDATE notifications n SET status = 'Cancelled', last_error = stale.reason, claimed_until = NULL
            FROM stale WHERE n.id = stale.id AND n.status = 'Pending'
            """, connection);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("dueBefore", dueBefore);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
