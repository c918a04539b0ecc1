-- pgbench's side of the check-in burst: the row a check-in writes, for the next of the 2,000
-- learners (a sequence restarted before each run, so every learner is inserted once), into the
-- session given with -D session=<uuid>. ON CONFLICT makes it idempotent like a check-in.
INSERT INTO attendance (id, session_id, learner_id, status, minutes_present, checked_in_at, source, updated_at, updated_by, intervals)
SELECT gen_random_uuid(), :session, l.id, 'Present', 120, now(), 'QrCode', now(), l.id, '[]'
FROM (SELECT md5('cme-bench-learner-' || nextval('bench_pgbench_learner'))::uuid AS id) l
ON CONFLICT (session_id, learner_id) DO NOTHING;
