-- 0002: clinical-scenario courses, their versions and modules, media, and learners' attempts.

CREATE TABLE courses (
    id uuid NOT NULL,
    code character varying(32) NOT NULL,
    title_zh character varying(200) NOT NULL,
    title_en character varying(200) NOT NULL,
    summary_zh character varying(2000) NOT NULL,
    summary_en character varying(2000) NOT NULL,
    specialty character varying(40) NOT NULL,
    credit_class character varying(8) NOT NULL,
    credit_value numeric(4,1) NOT NULL,
    project_level character varying(16) NOT NULL,
    accreditation_number character varying(64),
    owner_id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    co_author_ids jsonb NOT NULL,
    learning_objectives jsonb NOT NULL,
    target_professions jsonb NOT NULL,
    CONSTRAINT pk_courses PRIMARY KEY (id),
    CONSTRAINT fk_courses_professionals_owner_id FOREIGN KEY (owner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE course_versions (
    id uuid NOT NULL,
    course_id uuid NOT NULL,
    number integer NOT NULL,
    status character varying(24) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    disclosure character varying(4000),
    accredited_credit_class character varying(8),
    accredited_credit_value numeric(4,1),
    accredited_project_level character varying(16),
    accreditation_number character varying(64),
    accredited_by uuid,
    accredited_at timestamp with time zone,
    published_at timestamp with time zone,
    review_comments jsonb NOT NULL,
    transitions jsonb NOT NULL,
    CONSTRAINT pk_course_versions PRIMARY KEY (id),
    CONSTRAINT fk_course_versions_courses_course_id FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE RESTRICT
);

CREATE TABLE media_assets (
    id uuid NOT NULL,
    course_id uuid NOT NULL,
    file_name character varying(200) NOT NULL,
    content_type character varying(32) NOT NULL,
    content bytea NOT NULL,
    size integer NOT NULL,
    sha256 character varying(64) NOT NULL,
    uploaded_by uuid NOT NULL,
    uploaded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_media_assets PRIMARY KEY (id),
    CONSTRAINT fk_media_assets_courses_course_id FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE RESTRICT
);

CREATE TABLE course_modules (
    id uuid NOT NULL,
    version_id uuid NOT NULL,
    position integer NOT NULL,
    kind character varying(16) NOT NULL,
    title character varying(200) NOT NULL,
    markdown character varying(100000),
    scenario jsonb,
    quiz jsonb,
    CONSTRAINT pk_course_modules PRIMARY KEY (id),
    CONSTRAINT fk_course_modules_course_versions_version_id FOREIGN KEY (version_id) REFERENCES course_versions (id) ON DELETE CASCADE
);

CREATE TABLE course_progress (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    course_id uuid NOT NULL,
    version_id uuid NOT NULL,
    started_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_course_progress PRIMARY KEY (id),
    CONSTRAINT fk_course_progress_course_versions_version_id FOREIGN KEY (version_id) REFERENCES course_versions (id) ON DELETE RESTRICT,
    CONSTRAINT fk_course_progress_courses_course_id FOREIGN KEY (course_id) REFERENCES courses (id) ON DELETE RESTRICT,
    CONSTRAINT fk_course_progress_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE quiz_attempts (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    course_id uuid NOT NULL,
    version_id uuid NOT NULL,
    module_id uuid NOT NULL,
    purpose character varying(16) NOT NULL,
    score_percent numeric(5,1) NOT NULL,
    passed boolean NOT NULL,
    result jsonb NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_quiz_attempts PRIMARY KEY (id),
    CONSTRAINT fk_quiz_attempts_course_modules_module_id FOREIGN KEY (module_id) REFERENCES course_modules (id) ON DELETE RESTRICT,
    CONSTRAINT fk_quiz_attempts_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE scenario_attempts (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    course_id uuid NOT NULL,
    version_id uuid NOT NULL,
    module_id uuid NOT NULL,
    status character varying(16) NOT NULL,
    current_node_id character varying(64) NOT NULL,
    score numeric(9,2) NOT NULL,
    max_score numeric(9,2) NOT NULL,
    passed boolean,
    critical_errors integer NOT NULL,
    started_at timestamp with time zone NOT NULL,
    last_activity_at timestamp with time zone NOT NULL,
    completed_at timestamp with time zone,
    steps jsonb NOT NULL,
    CONSTRAINT pk_scenario_attempts PRIMARY KEY (id),
    CONSTRAINT fk_scenario_attempts_course_modules_module_id FOREIGN KEY (module_id) REFERENCES course_modules (id) ON DELETE RESTRICT,
    CONSTRAINT fk_scenario_attempts_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE INDEX ix_course_modules_version_id_position ON course_modules (version_id, position);

CREATE INDEX ix_course_progress_course_id ON course_progress (course_id);

CREATE UNIQUE INDEX ix_course_progress_learner_id_course_id ON course_progress (learner_id, course_id);

CREATE INDEX ix_course_progress_version_id ON course_progress (version_id);

CREATE UNIQUE INDEX ix_course_versions_course_id_number ON course_versions (course_id, number);

CREATE INDEX ix_course_versions_status ON course_versions (status);

CREATE UNIQUE INDEX ix_courses_code ON courses (code);

CREATE INDEX ix_courses_owner_id ON courses (owner_id);

CREATE INDEX ix_media_assets_course_id ON media_assets (course_id);

CREATE INDEX ix_quiz_attempts_learner_id_course_id ON quiz_attempts (learner_id, course_id);

CREATE INDEX ix_quiz_attempts_module_id ON quiz_attempts (module_id);

CREATE INDEX ix_scenario_attempts_learner_id_module_id_status ON scenario_attempts (learner_id, module_id, status);

CREATE INDEX ix_scenario_attempts_module_id ON scenario_attempts (module_id);

-- ---------------------------------------------------------------------------------------------
-- Only a version that is being edited can have its modules changed: once submitted, accredited,
-- published or retired, the database refuses any change to them, whatever the code does.
CREATE FUNCTION refuse_frozen_module_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    version_status text;
BEGIN
    SELECT status INTO version_status FROM course_versions
        WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.version_id ELSE NEW.version_id END;
    IF version_status NOT IN ('Draft', 'ChangesRequested') THEN
        RAISE EXCEPTION 'course version is %, its modules cannot change', version_status
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END;
$$;

CREATE TRIGGER course_modules_frozen
    BEFORE INSERT OR UPDATE OR DELETE ON course_modules
    FOR EACH ROW EXECUTE FUNCTION refuse_frozen_module_change();
