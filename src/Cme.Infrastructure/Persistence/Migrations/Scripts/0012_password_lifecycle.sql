-- Password lifecycle (issue 13): a password chosen by someone else (an administrator, a CSV import)
-- must be changed at the next sign-in; requests for a reset link wait here for the outbox
-- dispatcher, which alone looks the e-mail up, so the request itself does the same work whether
-- or not the account exists.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE TABLE password_reset_requests (
    id uuid NOT NULL,
    email character varying(256) NOT NULL,
    requested_at timestamp with time zone NOT NULL,
    CONSTRAINT pk_password_reset_requests PRIMARY KEY (id)
);

CREATE INDEX ix_password_reset_requests_requested_at ON password_reset_requests (requested_at);
