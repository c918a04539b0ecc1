-- 0011: sign-in sessions (issue 13). Every login opens one; its tokens carry its id, so sign-out,
-- sign-out everywhere and the reuse of a spent refresh token end all of them server-side.
CREATE TABLE sign_in_sessions (
    id uuid NOT NULL,
    user_id uuid NOT NULL,
    security_stamp character varying(256),
    refresh_generation integer NOT NULL,
    client_address character varying(64),
    user_agent character varying(300),
    created_at timestamp with time zone NOT NULL,
    refreshed_at timestamp with time zone NOT NULL,
    last_seen_at timestamp with time zone NOT NULL,
    revoked_at timestamp with time zone,
    revoked_reason character varying(32),
    CONSTRAINT pk_sign_in_sessions PRIMARY KEY (id),
    CONSTRAINT fk_sign_in_sessions_users_user_id FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX ix_sign_in_sessions_user_id_revoked_at ON sign_in_sessions (user_id, revoked_at);
