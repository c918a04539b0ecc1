-- Check-in attempts (issue 13): tries of a session's check-in code not (yet) known to be right, per
-- learner and session, so that wrong codes are limited the same on every API instance (10 per 10 minutes
-- by default, then 429). Rows older than the window, or than a day, are deleted as tries come in.
CREATE TABLE check_in_attempts (
    id uuid NOT NULL,
    session_id uuid NOT NULL,
    learner_id uuid NOT NULL,
    tried_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_check_in_attempts PRIMARY KEY (id),
    CONSTRAINT fk_check_in_attempts_professionals_learner_id FOREIGN KEY (learner_id) REFERENCES professionals (id) ON DELETE CASCADE,
    CONSTRAINT fk_check_in_attempts_sessions_session_id FOREIGN KEY (session_id) REFERENCES sessions (id) ON DELETE CASCADE
);

CREATE INDEX ix_check_in_attempts_learner_id ON check_in_attempts (learner_id);

CREATE INDEX ix_check_in_attempts_session_id_learner_id_tried_at ON check_in_attempts (session_id, learner_id, tried_at);

CREATE INDEX ix_check_in_attempts_tried_at ON check_in_attempts (tried_at);
