-- 0003: offerings and sessions, the trainer pool, enrolments with waitlists, calendar feeds.

CREATE TABLE calendar_feeds (
    id uuid NOT NULL,
    professional_id uuid NOT NULL,
    token_hash character varying(64) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    CONSTRAINT pk_calendar_feeds PRIMARY KEY (id),
    CONSTRAINT fk_calendar_feeds_professionals_professional_id FOREIGN KEY (professional_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE trainers (
    id uuid NOT NULL,
    professional_id uuid NOT NULL,
    home_institution_id uuid NOT NULL,
    level character varying(16) NOT NULL,
    qualified_until date NOT NULL,
    max_sessions_per_month integer NOT NULL,
    is_active boolean NOT NULL,
    specialties jsonb NOT NULL,
    unavailable jsonb NOT NULL,
    CONSTRAINT pk_trainers PRIMARY KEY (id),
    CONSTRAINT fk_trainers_institutions_home_institution_id FOREIGN KEY (home_institution_id) REFERENCES institutions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_trainers_professionals_professional_id FOREIGN KEY (professional_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE offerings (
    id uuid NOT NULL,
    course_id uuid NOT NULL,
    version_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    modality character varying(16) NOT NULL,
    host_institution_id uuid NOT NULL,
    audience jsonb NOT NULL,
    capacity integer NOT NULL,
    enrolment_opens_at timestamp with time zone NOT NULL,
    enrolment_closes_at timestamp with time zone NOT NULL,
    waitlist_enabled boolean NOT NULL,
    completion_rule jsonb NOT NULL,
    qualifies_trainers boolean NOT NULL,
    time_zone character varying(64) NOT NULL,
    created_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_offerings PRIMARY KEY (id),
    CONSTRAINT fk_offerings_course_versions_version_id FOREIGN KEY (version_id) REFERENCES course_versions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_offerings_courses_course_id FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE RESTRICT,
    CONSTRAINT fk_offerings_institutions_host_institution_id FOREIGN KEY (host_institution_id) REFERENCES institutions (id) ON DELETE RESTRICT
);

CREATE TABLE enrolments (
    id uuid NOT NULL,
    offering_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    enrolled_by uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    arrival bigint GENERATED ALWAYS AS IDENTITY,
    history jsonb NOT NULL,
    CONSTRAINT pk_enrolments PRIMARY KEY (id),
    CONSTRAINT fk_enrolments_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_enrolments_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE sessions (
    id uuid NOT NULL,
    offering_id uuid NOT NULL,
    title character varying(200) NOT NULL,
    type character varying(24) NOT NULL,
    starts_at timestamp with time zone NOT NULL,
    ends_at timestamp with time zone NOT NULL,
    time_zone character varying(64) NOT NULL,
    institution_id uuid NOT NULL,
    place character varying(300),
    join_url character varying(500),
    status character varying(16) NOT NULL,
    sequence integer NOT NULL,
    changes jsonb NOT NULL,
    CONSTRAINT pk_sessions PRIMARY KEY (id),
    CONSTRAINT fk_sessions_institutions_institution_id FOREIGN KEY (institution_id) REFERENCES institutions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_sessions_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT
);

CREATE TABLE trainer_candidates (
    id uuid NOT NULL,
    professional_id uuid NOT NULL,
    offering_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    note character varying(500),
    CONSTRAINT pk_trainer_candidates PRIMARY KEY (id),
    CONSTRAINT fk_trainer_candidates_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_trainer_candidates_professionals_professional_id FOREIGN KEY (professional_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE session_trainers (
    session_id uuid NOT NULL,
    trainer_id uuid NOT NULL,
    assigned_by uuid NOT NULL,
    assigned_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_session_trainers PRIMARY KEY (session_id, trainer_id),
    CONSTRAINT fk_session_trainers_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE,
    CONSTRAINT fk_session_trainers_trainers_trainer_id FOREIGN KEY (trainer_id) REFERENCES trainers (id) ON DELETE RESTRICT
);

CREATE INDEX ix_calendar_feeds_professional_id ON calendar_feeds (professional_id);

CREATE UNIQUE INDEX ix_calendar_feeds_token_hash ON calendar_feeds (token_hash);

CREATE INDEX ix_enrolments_learner_id ON enrolments (learner_id);

CREATE UNIQUE INDEX ix_enrolments_offering_id_learner_id ON enrolments (offering_id, learner_id) WHERE status <> 'Cancelled';

CREATE INDEX ix_enrolments_offering_id_status_arrival ON enrolments (offering_id, status, arrival);

CREATE INDEX ix_offerings_course_id ON offerings (course_id);

CREATE INDEX ix_offerings_enrolment_closes_at ON offerings (enrolment_closes_at);

CREATE INDEX ix_offerings_host_institution_id ON offerings (host_institution_id);

CREATE INDEX ix_offerings_version_id ON offerings (version_id);

CREATE INDEX ix_session_trainers_trainer_id ON session_trainers (trainer_id);

CREATE INDEX ix_sessions_institution_id ON sessions (institution_id);

CREATE INDEX ix_sessions_offering_id_starts_at ON sessions (offering_id, starts_at);

CREATE INDEX ix_sessions_starts_at ON sessions (starts_at);

CREATE INDEX ix_trainer_candidates_offering_id ON trainer_candidates (offering_id);

CREATE UNIQUE INDEX ix_trainer_candidates_professional_id_offering_id ON trainer_candidates (professional_id, offering_id);

CREATE INDEX ix_trainers_home_institution_id ON trainers (home_institution_id);

CREATE UNIQUE INDEX ix_trainers_professional_id ON trainers (professional_id);
