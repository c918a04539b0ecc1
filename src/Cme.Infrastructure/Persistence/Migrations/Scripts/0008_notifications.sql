-- 0008: notifications (an outbox with a unique de-duplication key, delivery attempts, the in-app
-- inbox), each person's channel choices, the scheduler's job runs; a schema for Quartz's tables.

CREATE TABLE notifications (
    id uuid NOT NULL,
    recipient_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    channel character varying(8) NOT NULL,
    subject_id uuid NOT NULL,
    occurrence character varying(64) NOT NULL,
    dedup_key character varying(200) NOT NULL,
    language character varying(8) NOT NULL,
    data jsonb NOT NULL,
    status character varying(16) NOT NULL,
    due_at timestamp with time zone NOT NULL,
    next_attempt_at timestamp with time zone NOT NULL,
    expires_at timestamp with time zone,
    attempts integer NOT NULL,
    last_error character varying(2000),
    claimed_until timestamp with time zone,
    sent_at timestamp with time zone,
    title character varying(300),
    body character varying(4000),
    read_at timestamp with time zone,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notifications PRIMARY KEY (id),
    CONSTRAINT fk_notifications_professionals_recipient_id FOREIGN KEY (recipient_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_notifications_dedup_key ON notifications (dedup_key);

CREATE INDEX ix_notifications_recipient_id_channel_status_sent_at ON notifications (recipient_id, channel, status, sent_at);

CREATE INDEX ix_notifications_status_next_attempt_at ON notifications (status, next_attempt_at);

CREATE INDEX ix_notifications_subject_id_kind ON notifications (subject_id, kind);

CREATE TABLE notification_attempts (
    id bigint GENERATED ALWAYS AS IDENTITY,
    notification_id uuid NOT NULL,
    attempted_at timestamp with time zone NOT NULL,
    succeeded boolean NOT NULL,
    error character varying(2000),
    duration_ms integer NOT NULL,
    instance character varying(200) NOT NULL,
    CONSTRAINT pk_notification_attempts PRIMARY KEY (id),
    CONSTRAINT fk_notification_attempts_notifications_notification_id FOREIGN KEY (notification_id) REFERENCES notifications (id) ON DELETE CASCADE
);

CREATE INDEX ix_notification_attempts_notification_id_attempted_at ON notification_attempts (notification_id, attempted_at);

CREATE TABLE notification_preferences (
    professional_id uuid NOT NULL,
    kind character varying(32) NOT NULL,
    in_app boolean NOT NULL,
    email boolean NOT NULL,
    CONSTRAINT pk_notification_preferences PRIMARY KEY (professional_id, kind),
    CONSTRAINT fk_notification_preferences_professionals_professional_id FOREIGN KEY (professional_id) REFERENCES professionals (id) ON DELETE CASCADE
);

CREATE TABLE notification_planner_passes (
    pass character varying(64) NOT NULL,
    occurrence character varying(64) NOT NULL,
    ran_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_notification_planner_passes PRIMARY KEY (pass, occurrence)
);

CREATE TABLE job_runs (
    id bigint GENERATED ALWAYS AS IDENTITY,
    job_name character varying(100) NOT NULL,
    trigger_name character varying(200) NOT NULL,
    fire_instance_id character varying(200) NOT NULL,
    scheduled_at timestamp with time zone,
    started_at timestamp with time zone NOT NULL,
    duration_ms bigint NOT NULL,
    succeeded boolean NOT NULL,
    result character varying(500),
    error character varying(4000),
    instance character varying(200) NOT NULL,
    recovering boolean NOT NULL,
    CONSTRAINT pk_job_runs PRIMARY KEY (id)
);

CREATE INDEX ix_job_runs_job_name_started_at ON job_runs (job_name, started_at);

CREATE INDEX ix_job_runs_started_at ON job_runs (started_at);

-- Quartz's own tables (qrtz_*) live in this schema, created by Quartz's schema provisioning when
-- the scheduler first starts (see docs/notifications.md), apart from the application's tables.
CREATE SCHEMA IF NOT EXISTS quartz;
