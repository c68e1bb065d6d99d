-- A form refused because its writer's session had ended, kept until they
-- sign in again in the same browser (app/src/accounts/held_forms.rs).
CREATE TABLE held_forms (
    token_hash TEXT PRIMARY KEY,
    account_id TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    page       TEXT NOT NULL,
    action     TEXT NOT NULL,
    fields     TEXT NOT NULL,
    held_at    BIGINT NOT NULL
);
CREATE INDEX held_forms_by_time ON held_forms (held_at);
