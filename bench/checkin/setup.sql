-- Setup of the check-in burst (not measured). Run by bench/run.sh with psql against a freshly
-- migrated and seeded database:  psql -v learners=2000 -v warmup=80 -v rounds=3 -f setup.sql
--
-- Written in SQL because setup is not what is measured and the API would spend a password hash
-- per created account; every row is what the API itself would have written:
--   * 2,000 learner accounts (users, the Learner role, professionals at 芳草社区卫生服务中心) that
--     share the demo accounts' password hash (so signing in costs one hash check each, as usual);
--   * per round k (1..:rounds) an offering "burst k" (a copy of the demo chest-pain class: its
--     course version and completion rule) with ONE session whose check-in window is open now,
--     taught by trainer@demo.cme, and all 2,000 learners enrolled;
--   * one offering "baseline" with a "warm-up" session (the first :warmup learners are enrolled and
--     check in through the API before the measured bursts, so JIT and EF query compilation are not
--     in the figures) and a session "pgbench k" per round, the target of pgbench's equivalent insert
--     (which, being plain SQL, needs no enrolment).
-- Ids are derived from the learner's number (md5 of a fixed text), so pgbench can name learner n
-- without a lookup: professional id = md5('cme-bench-learner-' || n)::uuid.
-- Variables: learners, warmup, rounds, sessions_file (where the session ids are written).
\set ON_ERROR_STOP on
BEGIN;

CREATE TEMP TABLE bench_refs ON COMMIT DROP AS
SELECT (SELECT password_hash FROM users WHERE normalized_email = 'GP@DEMO.CME') AS password_hash,
       (SELECT id FROM roles WHERE normalized_name = 'LEARNER') AS learner_role,
       (SELECT id FROM institutions WHERE code = 'CHSC-FC') AS institution,
       (SELECT t.id FROM trainers t JOIN professionals p ON p.id = t.professional_id WHERE p.email = 'trainer@demo.cme') AS trainer,
       (SELECT id FROM professionals WHERE email = 'cmeadmin@demo.cme') AS office,
       (SELECT s.offering_id FROM sessions s JOIN session_trainers st ON st.session_id = s.id
         JOIN trainers t ON t.id = st.trainer_id JOIN professionals p ON p.id = t.professional_id
         WHERE p.email = 'trainer@demo.cme' ORDER BY s.starts_at LIMIT 1) AS template_offering;

DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM bench_refs WHERE password_hash IS NULL OR learner_role IS NULL OR institution IS NULL
             OR trainer IS NULL OR office IS NULL OR template_offering IS NULL) THEN
    RAISE EXCEPTION 'the demo consortium is not seeded (start the API once with Cme__SeedDemoData=true)';
  END IF;
END $$;

INSERT INTO users (id, user_name, normalized_user_name, email, normalized_email, email_confirmed, password_hash,
                   security_stamp, concurrency_stamp, phone_number, phone_number_confirmed, two_factor_enabled,
                   lockout_end, lockout_enabled, access_failed_count)
SELECT md5('cme-bench-user-' || n)::uuid, e, upper(e), e, upper(e), true, r.password_hash,
       upper(md5('cme-bench-stamp-' || n)), gen_random_uuid()::text, NULL, false, false, NULL, true, 0
FROM generate_series(1, :learners) n, bench_refs r,
     LATERAL (SELECT format('bench.learner.%s@bench.cme', lpad(n::text, 4, '0')) AS e) m;

INSERT INTO user_roles (user_id, role_id)
SELECT md5('cme-bench-user-' || n)::uuid, r.learner_role FROM generate_series(1, :learners) n, bench_refs r;

INSERT INTO professionals (id, institution_id, name_zh, name_latin, profession, title_level, licence_number, email,
                           preferred_language, user_id)
SELECT md5('cme-bench-learner-' || n)::uuid, r.institution, '学员' || lpad(n::text, 4, '0'),
       'Bench Learner ' || lpad(n::text, 4, '0'), 'GeneralPractitioner', 'Junior', 'BENCH' || lpad(n::text, 10, '0'),
       format('bench.learner.%s@bench.cme', lpad(n::text, 4, '0')), 'zh-CN', md5('cme-bench-user-' || n)::uuid
FROM generate_series(1, :learners) n, bench_refs r;

-- The offerings: copies of the demo class (same course version and completion rule).
-- Number k = 1..:rounds is "burst k"; number 0 is the baseline offering.
CREATE TEMP TABLE bench_offerings ON COMMIT DROP AS
SELECT o.*, k FROM offerings o, bench_refs r, generate_series(0, :rounds) k WHERE o.id = r.template_offering;
UPDATE bench_offerings
SET id = md5('cme-bench-offering-' || k)::uuid,
    title = CASE k WHEN 0 THEN '签到突发基准 对照 (bench baseline)' ELSE '签到突发基准 (bench burst ' || k || ')' END,
    capacity = :learners + 100,
    created_at = now();
ALTER TABLE bench_offerings DROP COLUMN k;
INSERT INTO offerings SELECT * FROM bench_offerings;

-- Sessions open for check-in now: they start in 10 minutes and last two hours. Kind "burst" k is
-- the one session of offering k; "warm-up" and "pgbench" k belong to the baseline offering.
CREATE TEMP TABLE bench_sessions ON COMMIT DROP AS
SELECT s.*, kind, k
FROM (SELECT s.* FROM sessions s, bench_refs r WHERE s.offering_id = r.template_offering ORDER BY s.starts_at LIMIT 1) s,
     (SELECT 'burst' AS kind, k FROM generate_series(1, :rounds) k
      UNION ALL SELECT 'warm-up', 0
      UNION ALL SELECT 'pgbench', k FROM generate_series(1, :rounds) k) kinds;
UPDATE bench_sessions
SET id = md5('cme-bench-session-' || kind || '-' || k)::uuid,
    offering_id = md5('cme-bench-offering-' || CASE kind WHEN 'burst' THEN k ELSE 0 END)::uuid,
    title = kind || CASE k WHEN 0 THEN '' ELSE ' ' || k END,
    starts_at = date_trunc('minute', now()) + interval '10 minutes',
    ends_at = date_trunc('minute', now()) + interval '130 minutes',
    status = 'Scheduled';
CREATE TEMP TABLE bench_session_ids ON COMMIT DROP AS SELECT id, kind, k FROM bench_sessions;
ALTER TABLE bench_sessions DROP COLUMN kind, DROP COLUMN k;
INSERT INTO sessions SELECT * FROM bench_sessions;

INSERT INTO session_trainers (session_id, trainer_id, assigned_by, assigned_at)
SELECT s.id, r.trainer, r.office, now() FROM bench_sessions s, bench_refs r;

INSERT INTO enrolments (id, offering_id, learner_id, status, enrolled_by, created_at, history)
SELECT md5('cme-bench-enrolment-' || o || '-' || n)::uuid, md5('cme-bench-offering-' || o)::uuid, p, 'Enrolled', p, now(),
       jsonb_build_array(jsonb_build_object('at', now(), 'by', p, 'to', 'Enrolled', 'from', NULL, 'reason', NULL))
FROM generate_series(1, :learners) n, generate_series(0, :rounds) o,
     LATERAL (SELECT md5('cme-bench-learner-' || n)::uuid AS p) l
WHERE o > 0 OR n <= :warmup
ORDER BY o, n;

-- pgbench names its next learner by this counter (restarted before each pgbench run).
CREATE SEQUENCE bench_pgbench_learner;

-- What bench/run.sh reads back: "kind k session-id" per line.
\pset format unaligned
\pset tuples_only on
\pset fieldsep ' '
\o :sessions_file
SELECT kind, k, id FROM bench_session_ids ORDER BY kind, k;
\o

COMMIT;
ANALYZE;
