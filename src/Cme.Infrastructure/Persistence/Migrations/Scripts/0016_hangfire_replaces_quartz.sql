-- Hangfire runs the jobs now (docs/notifications.md). Hangfire.PostgreSql keeps its tables in the
-- schema "hangfire", which it creates and upgrades itself when an API instance starts.
--
-- What the scheduler before it left behind goes: its schema with its qrtz_* tables (created by 0008),
-- and job_runs, the record of its runs; Hangfire's own storage and dashboard hold the runs now.
DROP SCHEMA IF EXISTS quartz CASCADE;

DROP TABLE IF EXISTS job_runs;
