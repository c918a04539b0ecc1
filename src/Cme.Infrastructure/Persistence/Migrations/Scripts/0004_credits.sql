-- 0004: the credit ledger (append-only) and credit policies as data; the consortium's active policy.

ALTER TABLE consortia ADD active_policy_code character varying(32) NOT NULL DEFAULT 'CN-2024';
ALTER TABLE consortia ALTER COLUMN active_policy_code DROP DEFAULT;

CREATE TABLE credit_policies (
    id uuid NOT NULL,
    code character varying(32) NOT NULL,
    name character varying(200) NOT NULL,
    name_en character varying(200) NOT NULL,
    source character varying(1000) NOT NULL,
    effective_from date NOT NULL,
    rules jsonb NOT NULL,
    CONSTRAINT pk_credit_policies PRIMARY KEY (id)
);

CREATE TABLE credit_ledger (
    id uuid NOT NULL,
    learner_id uuid NOT NULL,
    kind character varying(16) NOT NULL,
    credits numeric(6,2) NOT NULL,
    hours numeric(7,2) NOT NULL,
    credit_class character varying(8) NOT NULL,
    project_level character varying(16),
    source character varying(24) NOT NULL,
    year integer NOT NULL,
    offering_id uuid,
    session_id uuid,
    revokes_id uuid,
    award_key character varying(200),
    recorded_by uuid NOT NULL,
    reason character varying(500) NOT NULL,
    recorded_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_credit_ledger PRIMARY KEY (id),
    CONSTRAINT fk_credit_ledger_credit_ledger_revokes_id FOREIGN KEY (revokes_id) REFERENCES credit_ledger (id) ON DELETE RESTRICT,
    CONSTRAINT fk_credit_ledger_offerings_offering_id FOREIGN KEY (offering_id) REFERENCES offerings (id) ON DELETE RESTRICT,
    CONSTRAINT fk_credit_ledger_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE RESTRICT
);

CREATE UNIQUE INDEX ix_credit_ledger_award_key ON credit_ledger (award_key);

CREATE INDEX ix_credit_ledger_learner_id_year ON credit_ledger (learner_id, year);

CREATE INDEX ix_credit_ledger_offering_id ON credit_ledger (offering_id);

CREATE INDEX ix_credit_ledger_revokes_id ON credit_ledger (revokes_id);

CREATE INDEX ix_credit_ledger_year_learner_id ON credit_ledger (year, learner_id);

CREATE UNIQUE INDEX ix_credit_policies_code_effective_from ON credit_policies (code, effective_from);

-- ---------------------------------------------------------------------------------------------
-- Nothing in the ledger is ever changed or removed, whatever the code does: corrections are new
-- entries (a revocation, an adjustment).
CREATE TRIGGER credit_ledger_append_only
    BEFORE UPDATE OR DELETE ON credit_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

CREATE TRIGGER credit_ledger_no_truncate
    BEFORE TRUNCATE ON credit_ledger
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_change();
