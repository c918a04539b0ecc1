-- 0006: external learning activities with their evidence, decided by the learner's institution.

CREATE TABLE external_activities (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    kind character varying(24) NOT NULL,
    title character varying(200) NOT NULL,
    start_date date NOT NULL,
    end_date date NOT NULL,
    hours numeric(7,2) NOT NULL,
    claimed_credits numeric(6,2) NOT NULL,
    credit_class character varying(8) NOT NULL,
    evidence_file_name character varying(200) NOT NULL,
    evidence_content_type character varying(32) NOT NULL,
    evidence bytea NOT NULL,
    evidence_sha256 character varying(64) NOT NULL,
    status character varying(16) NOT NULL,
    submitted_at timestamp with time zone NOT NULL,
    decided_by uuid,
    decided_at timestamp with time zone,
    comment character varying(1000),
    awarded_credits numeric(6,2),
    CONSTRAINT pk_external_activities PRIMARY KEY (id),
    CONSTRAINT fk_external_activities_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE INDEX ix_external_activities_learner_id_submitted_at ON external_activities (learner_id, submitted_at);

CREATE INDEX ix_external_activities_status ON external_activities (status);
