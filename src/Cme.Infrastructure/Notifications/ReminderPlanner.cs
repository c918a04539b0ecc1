using Cme.Domain.Notifications;
using Npgsql;

namespace Cme.Infrastructure.Notifications;

/// <summary>
/// Writes what is due soon into the outbox and cancels what no longer applies. Every statement is
/// set-based and idempotent: a row's de-duplication key is (kind, subject, occurrence, recipient,
/// channel) and inserts are ON CONFLICT DO NOTHING, so a planner killed half-way and run again, or
/// run on two instances at once, plans each notification once. A rescheduled session has a new
/// occurrence (its new start), so it gets new reminders and the old ones are cancelled.
/// </summary>
public sealed class ReminderPlanner(NpgsqlDataSource dataSource, NotificationOptions options, TimeProvider clock)
{
    public sealed record Result(int Planned, int Cancelled)
    {
        public override string ToString() => $"planned {Planned}, cancelled {Cancelled}";
    }

    public async Task<Result> PlanAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.TimeZone);
        var local = TimeZoneInfo.ConvertTime(now, zone);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        var cancelled = await NotificationSql.CancelStaleAsync(connection, now, now + options.PlanningHorizon, cancellationToken);
        var planned = 0;
        planned += await PlanAsync(connection, NotificationKind.SessionReminder24h, SessionTargets, now, cancellationToken,
            ("offset", TimeSpan.FromHours(24)), ("minLead", TimeSpan.FromHours(1)));
        planned += await PlanAsync(connection, NotificationKind.SessionReminder1h, SessionTargets, now, cancellationToken,
            ("offset", TimeSpan.FromHours(1)), ("minLead", TimeSpan.Zero));
        planned += await PlanAsync(connection, NotificationKind.EvaluationReminder, EvaluationTargets, now, cancellationToken);
        planned += await PlanAsync(connection, NotificationKind.WaitlistPromoted, WaitlistTargets, now, cancellationToken);
        planned += await PlanAsync(connection, NotificationKind.QualificationExpiring, QualificationTargets, now, cancellationToken,
            ("today", DateOnly.FromDateTime(local.DateTime)));

        if (local.Month >= 10)
        {
            var yearEnd = new DateOnly(local.Year, 12, 31);
            planned += await OncePerAsync(connection, "credit-deficit", $"{local:yyyy-MM}", now, cancellationToken, () =>
                PlanAsync(connection, NotificationKind.CreditDeficit, CreditDeficitTargets, now, cancellationToken,
                    ("year", local.Year), ("yearEnd", yearEnd), ("month", $"{local:yyyy-MM}"),
                    ("monthEnd", new DateTimeOffset(local.Year, local.Month, 1, 0, 0, 0, local.Offset).AddMonths(1).ToUniversalTime())));
        }
        if (local.Hour >= 8)
        {
            var day = $"{local:yyyy-MM-dd}";
            planned += await OncePerAsync(connection, "review-digest", day, now, cancellationToken, () =>
                PlanAsync(connection, NotificationKind.ReviewDigest, ReviewDigestTargets, now, cancellationToken, ("day", day)));
            await OncePerAsync(connection, "prune-job-runs", day, now, cancellationToken, async () =>
            {
                await using var prune = new NpgsqlCommand("DELETE FROM job_runs WHERE started_at < @before", connection);
                prune.Parameters.AddWithValue("before", now.AddDays(-14));
                await prune.ExecuteNonQueryAsync(cancellationToken);
                return 0;
            });
        }
        return new Result(planned, cancelled);
    }

    /// <summary>Runs a pass once per occurrence: its marker row and what it plans commit together.</summary>
    private static async Task<int> OncePerAsync(NpgsqlConnection connection, string pass, string occurrence, DateTimeOffset now,
        CancellationToken cancellationToken, Func<Task<int>> work)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var mark = new NpgsqlCommand("""
            INSERT INTO notification_planner_passes (pass, occurrence, ran_at) VALUES (@pass, @occurrence, @now)
            ON CONFLICT DO NOTHING
            """, connection, transaction);
        mark.Parameters.AddWithValue("pass", pass);
        mark.Parameters.AddWithValue("occurrence", occurrence);
        mark.Parameters.AddWithValue("now", now);
        if (await mark.ExecuteNonQueryAsync(cancellationToken) == 0)
            return 0;
        var planned = await work();
        await transaction.CommitAsync(cancellationToken);
        return planned;
    }

    private async Task<int> PlanAsync(NpgsqlConnection connection, NotificationKind kind, string targets, DateTimeOffset now,
        CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        // targets yields (recipient_id, subject_id, occurrence, due_at, expires_at, data); one row per channel the recipient wants.
        await using var command = new NpgsqlCommand($"""
            WITH targets AS ({targets})
            INSERT INTO notifications (id, recipient_id, kind, channel, subject_id, occurrence, dedup_key, language, data, status,
                                       due_at, next_attempt_at, expires_at, attempts, created_at)
            SELECT gen_random_uuid(), t.recipient_id, @kind, ch.channel, t.subject_id, t.occurrence,
                   @kind || ':' || replace(t.subject_id::text, '-', '') || ':' || t.occurrence || ':' || replace(t.recipient_id::text, '-', '') || ':' || ch.channel,
                   p.preferred_language, t.data, 'Pending', t.due_at, t.due_at, t.expires_at, 0, @now
            FROM targets t
            JOIN professionals p ON p.id = t.recipient_id
            CROSS JOIN (VALUES ('InApp'), ('Email')) AS ch (channel)
            LEFT JOIN notification_preferences np ON np.professional_id = t.recipient_id AND np.kind = @kind
            WHERE CASE ch.channel WHEN 'InApp' THEN coalesce(np.in_app, true) ELSE coalesce(np.email, true) END
            ON CONFLICT (dedup_key) DO NOTHING
            """, connection);
        command.Parameters.AddWithValue("kind", kind.ToString());
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("horizon", options.PlanningHorizon);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    // Enrolled learners and assigned trainers of each scheduled session whose reminder falls within the horizon.
    // The 24-hour reminder is skipped when less than an hour is left (the 1-hour one says it).
    private const string SessionTargets = """
        SELECT x.recipient_id, s.id AS subject_id, to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurrence,
               greatest(s.starts_at - @offset, @now) AS due_at, s.starts_at AS expires_at,
               jsonb_build_object('sessionTitle', s.title, 'offeringTitle', o.title,
                                  'startsAt', to_char(s.starts_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'),
                                  'timeZone', s.time_zone, 'place', s.place, 'joinUrl', s.join_url, 'role', x.role) AS data
        FROM sessions s
        JOIN offerings o ON o.id = s.offering_id
        CROSS JOIN LATERAL (
            SELECT e.learner_id AS recipient_id, 'learner' AS role FROM enrolments e WHERE e.offering_id = s.offering_id AND e.status = 'Enrolled'
            UNION ALL
            SELECT t.professional_id, 'trainer' FROM session_trainers st JOIN trainers t ON t.id = st.trainer_id WHERE st.session_id = s.id
        ) x
        WHERE s.status = 'Scheduled' AND s.starts_at > @now + @minLead AND s.starts_at - @offset <= @now + @horizon
        """;

    // After an offering's last session: learners who have not evaluated it yet (for two weeks).
    private const string EvaluationTargets = """
        SELECT e.learner_id AS recipient_id, o.id AS subject_id,
               to_char(last.ends_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurrence,
               greatest(last.ends_at, @now) AS due_at, last.ends_at + interval '14 days' AS expires_at,
               jsonb_build_object('offeringTitle', o.title) AS data
        FROM offerings o
        CROSS JOIN LATERAL (SELECT max(s.ends_at) AS ends_at FROM sessions s WHERE s.offering_id = o.id AND s.status = 'Scheduled') last
        JOIN enrolments e ON e.offering_id = o.id AND e.status IN ('Enrolled', 'Completed')
        WHERE last.ends_at <= @now + @horizon AND last.ends_at > @now - interval '7 days'
          AND NOT EXISTS (SELECT 1 FROM course_evaluations ce WHERE ce.offering_id = o.id AND ce.learner_id = e.learner_id)
        """;

    // Learners moved from the waitlist to a seat in the last two days, while the offering still has sessions ahead.
    private const string WaitlistTargets = """
        SELECT e.learner_id AS recipient_id, e.id AS subject_id,
               to_char(pr.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS occurrence,
               @now AS due_at, NULL::timestamptz AS expires_at, jsonb_build_object('offeringTitle', o.title) AS data
        FROM enrolments e
        JOIN offerings o ON o.id = e.offering_id
        CROSS JOIN LATERAL (
            SELECT max((h ->> 'at')::timestamptz) AS at FROM jsonb_array_elements(e.history) h
            WHERE h ->> 'from' = 'Waitlisted' AND h ->> 'to' = 'Enrolled') pr
        WHERE e.status = 'Enrolled' AND e.history @> '[{"from": "Waitlisted", "to": "Enrolled"}]'
          AND pr.at > @now - interval '2 days'
          AND EXISTS (SELECT 1 FROM sessions s WHERE s.offering_id = e.offering_id AND s.ends_at > @now)
        """;

    // Active trainers whose qualification ends within 30 days: once per expiry date.
    private const string QualificationTargets = """
        SELECT t.professional_id AS recipient_id, t.id AS subject_id, to_char(t.qualified_until, 'YYYY-MM-DD') AS occurrence,
               @now AS due_at, NULL::timestamptz AS expires_at,
               jsonb_build_object('qualifiedUntil', to_char(t.qualified_until, 'YYYY-MM-DD')) AS data
        FROM trainers t
        WHERE t.is_active AND t.qualified_until >= @today AND t.qualified_until <= @today + 30
        """;

    // Last quarter: learners whose credits this year are under the active policy's yearly minimum. Once a month.
    private const string CreditDeficitTargets = """
        SELECT p.id AS recipient_id, pol.id AS subject_id, @month AS occurrence, @now AS due_at, @monthEnd AS expires_at,
               jsonb_build_object('year', @year, 'credits', st.credits, 'required', pol.required,
                                  'policyName', pol.name, 'policyNameEn', pol.name_en) AS data
        FROM (SELECT cp.id, cp.name, cp.name_en, (cp.rules ->> 'annualMinimumCredits')::numeric AS required
              FROM consortia c JOIN credit_policies cp ON cp.code = c.active_policy_code AND cp.effective_from <= @yearEnd
              ORDER BY cp.effective_from DESC LIMIT 1) pol
        CROSS JOIN professionals p
        JOIN user_roles ur ON ur.user_id = p.user_id
        JOIN roles r ON r.id = ur.role_id AND r.name = 'Learner'
        CROSS JOIN LATERAL (SELECT coalesce(sum(l.credits), 0) AS credits FROM credit_ledger l WHERE l.learner_id = p.id AND l.year = @year) st
        WHERE st.credits < pol.required
        """;

    // 08:00 every day: the number of course versions waiting for accreditation, to every CmeAdmin.
    private const string ReviewDigestTargets = """
        SELECT p.id AS recipient_id, c.id AS subject_id, @day AS occurrence, @now AS due_at, @now + interval '1 day' AS expires_at,
               jsonb_build_object('count', q.n, 'oldestSubmittedAt', to_char(q.oldest AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')) AS data
        FROM (SELECT count(*) AS n,
                     min(coalesce((SELECT max((tr ->> 'at')::timestamptz) FROM jsonb_array_elements(v.transitions) tr WHERE tr ->> 'to' = 'Submitted'),
                                  v.created_at)) AS oldest
              FROM course_versions v WHERE v.status = 'Submitted') q
        CROSS JOIN (SELECT id FROM consortia ORDER BY id LIMIT 1) c
        CROSS JOIN professionals p
        JOIN user_roles ur ON ur.user_id = p.user_id
        JOIN roles r ON r.id = ur.role_id AND r.name = 'CmeAdmin'
        WHERE q.n > 0
        """;
}
