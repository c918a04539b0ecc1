-- 0007: certificates, kept exactly as issued; bulk issue batches; completions waiting for their certificate.

CREATE TABLE certificate_number_counters (
    year integer NOT NULL,
    last bigint NOT NULL,
    CONSTRAINT pk_certificate_number_counters PRIMARY KEY (year)
);

CREATE TABLE certificates (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    offering_id uuid NOT NULL,
    ledger_entry_id uuid NOT NULL,
    number character varying(32) NOT NULL,
    verification_code character varying(64) NOT NULL,
    verification_hash bytea NOT NULL,
    learner_name_zh character varying(100) NOT NULL,
    learner_name_latin character varying(100) NOT NULL,
    course_title_zh character varying(200) NOT NULL,
    course_title_en character varying(200) NOT NULL,
    credits numeric(6,2) NOT NULL,
    credit_class character varying(8) NOT NULL,
    project_level character varying(16) NOT NULL,
    accreditation_number character varying(64) NOT NULL,
    completed_on date NOT NULL,
    pdf bytea NOT NULL,
    pdf_sha256 character varying(64) NOT NULL,
    issued_by uuid,
    issued_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    revoked_at timestamp with time zone,
    revoked_by uuid,
    revocation_reason character varying(500),
    superseded_by_id uuid,
    superseded_at timestamp with time zone,
    supersede_reason character varying(500),
    CONSTRAINT pk_certificates PRIMARY KEY (id),
    CONSTRAINT fk_certificates_credit_ledger_ledger_entry_id FOREIGN KEY (ledger_entry_id) REFERENCES credit_ledger (id) ON DELETE RESTRICT,
    CONSTRAINT fk_certificates_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_certificates_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE certificate_batches (
    id uuid NOT NULL,
    offering_id uuid NOT NULL,
    requested_by uuid NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    status character varying(16) NOT NULL,
    started_at timestamp with time zone,
    finished_at timestamp with time zone,
    heartbeat_at timestamp with time zone,
    last_error character varying(1000),
    CONSTRAINT pk_certificate_batches PRIMARY KEY (id),
    CONSTRAINT fk_certificate_batches_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_certificate_batches_professionals_requested_by FOREIGN KEY (requested_by) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE TABLE certificate_batch_items (
    batch_id uuid NOT NULL,
    ledger_entry_id uuid NOT NULL,
    certificate_id uuid,
    done_at timestamp with time zone,
    skip_reason character varying(500),
    CONSTRAINT pk_certificate_batch_items PRIMARY KEY (batch_id, ledger_entry_id),
    CONSTRAINT fk_certificate_batch_items_certificate_batches_batch_id FOREIGN KEY (batch_id) REFERENCES certificate_batches (id) ON DELETE CASCADE,
    CONSTRAINT fk_certificate_batch_items_certificates_certificate_id FOREIGN KEY (certificate_id) REFERENCES certificates (id) ON DELETE RESTRICT,
    CONSTRAINT fk_certificate_batch_items_credit_ledger_ledger_entry_id FOREIGN KEY (ledger_entry_id) REFERENCES credit_ledger (id) ON DELETE RESTRICT
);

CREATE TABLE pending_certificates (
    ledger_entry_id uuid NOT NULL,
    queued_at timestamp with time zone NOT NULL,
    attempts integer NOT NULL,
    last_error character varying(1000),
    CONSTRAINT pk_pending_certificates PRIMARY KEY (ledger_entry_id),
    CONSTRAINT fk_pending_certificates_credit_ledger_ledger_entry_id FOREIGN KEY (ledger_entry_id) REFERENCES credit_ledger (id) ON DELETE RESTRICT
);

CREATE INDEX ix_certificate_batch_items_certificate_id ON certificate_batch_items (certificate_id);

CREATE INDEX ix_certificate_batch_items_ledger_entry_id ON certificate_batch_items (ledger_entry_id);

CREATE INDEX ix_certificate_batches_offering_id_requested_at ON certificate_batches (offering_id, requested_at);

CREATE INDEX ix_certificate_batches_requested_by ON certificate_batches (requested_by);

CREATE INDEX ix_certificate_batches_status ON certificate_batches (status);

CREATE INDEX ix_certificates_learner_id_issued_at ON certificates (learner_id, issued_at);

CREATE UNIQUE INDEX ix_certificates_number ON certificates (number);

CREATE INDEX ix_certificates_offering_id ON certificates (offering_id);

CREATE UNIQUE INDEX ix_certificates_verification_hash ON certificates (verification_hash);

CREATE UNIQUE INDEX ux_certificates_valid_award ON certificates (ledger_entry_id) WHERE status = 'Valid';

CREATE INDEX ix_pending_certificates_queued_at ON pending_certificates (queued_at);

-- An issued certificate is kept as issued: only its status may change (revoked, or superseded by a
-- re-issue), and it is never deleted. The PDF, its hash, the number and what it states are frozen.
CREATE FUNCTION refuse_certificate_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'certificates are never deleted (certificate %)', OLD.number USING ERRCODE = 'check_violation';
    END IF;
    IF (NEW.id, NEW.learner_id, NEW.offering_id, NEW.ledger_entry_id, NEW.number, NEW.verification_code, NEW.verification_hash,
        NEW.learner_name_zh, NEW.learner_name_latin, NEW.course_title_zh, NEW.course_title_en, NEW.credits, NEW.credit_class,
        NEW.project_level, NEW.accreditation_number, NEW.completed_on, NEW.pdf, NEW.pdf_sha256, NEW.issued_by, NEW.issued_at)
       IS DISTINCT FROM
       (OLD.id, OLD.learner_id, OLD.offering_id, OLD.ledger_entry_id, OLD.number, OLD.verification_code, OLD.verification_hash,
        OLD.learner_name_zh, OLD.learner_name_latin, OLD.course_title_zh, OLD.course_title_en, OLD.credits, OLD.credit_class,
        OLD.project_level, OLD.accreditation_number, OLD.completed_on, OLD.pdf, OLD.pdf_sha256, OLD.issued_by, OLD.issued_at) THEN
        RAISE EXCEPTION 'certificate % is kept as issued; only its status can change', OLD.number USING ERRCODE = 'check_violation';
    END IF;
    IF OLD.status <> 'Valid' AND NEW.status IS DISTINCT FROM OLD.status THEN
        RAISE EXCEPTION 'certificate % is already %', OLD.number, lower(OLD.status) USING ERRCODE = 'check_violation';
    END IF;
    RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$;

CREATE TRIGGER certificates_kept_as_issued
    BEFORE UPDATE OR DELETE ON certificates
    FOR EACH ROW EXECUTE FUNCTION refuse_certificate_change();
