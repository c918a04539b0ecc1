-- 0005: attendance per learner and session; course evaluations.

CREATE TABLE course_evaluations (
    id uuid NOT NULL,
    offering_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    content integer NOT NULL,
    relevance integer NOT NULL,
    teaching integer NOT NULL,
    organisation integer NOT NULL,
    comments character varying(2000),
    submitted_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_course_evaluations PRIMARY KEY (id),
    CONSTRAINT fk_course_evaluations_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_course_evaluations_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE attendance (
    id uuid NOT NULL,
    session_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    minutes_present integer NOT NULL,
    checked_in_at timestamp with time zone,
    source character varying(16),
    updated_at timestamp with time zone,
    updated_by uuid,
    intervals jsonb NOT NULL,
    CONSTRAINT pk_attendance PRIMARY KEY (id),
    CONSTRAINT fk_attendance_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT,
    CONSTRAINT fk_attendance_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE RESTRICT
);

CREATE INDEX ix_attendance_learner_id ON attendance (learner_id);

CREATE UNIQUE INDEX ix_attendance_session_id_learner_id ON attendance (session_id, learner_id);

CREATE INDEX ix_course_evaluations_learner_id ON course_evaluations (learner_id);

CREATE UNIQUE INDEX ix_course_evaluations_offering_id_learner_id ON course_evaluations (offering_id, learner_id);
