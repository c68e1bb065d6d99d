-- Accounts, roles, sign-in sessions, the audit log, council settings and the promises.
-- Times are whole seconds since 1970 (UTC), so both databases store them alike.

CREATE TABLE roles (
    name  TEXT PRIMARY KEY,
    label TEXT NOT NULL
);

INSERT INTO roles (name, label) VALUES
    ('young_person', 'Young person'),
    ('facilitator', 'Facilitator'),
    ('participation_officer', 'Participation officer'),
    ('advocate', 'Advocate'),
    ('admin', 'Admin');

CREATE TABLE accounts (
    id                    TEXT PRIMARY KEY,
    role                  TEXT NOT NULL REFERENCES roles (name),
    display_name          TEXT NOT NULL,
    email                 TEXT UNIQUE,
    username              TEXT UNIQUE,
    password_hash         TEXT,
    activation_code_hash  TEXT UNIQUE,
    activation_expires_at BIGINT,
    cohort                TEXT CHECK (cohort IN ('child_in_care', 'care_leaver')),
    birth_year            BIGINT,
    birth_month           BIGINT,
    created_at            BIGINT NOT NULL,
    deactivated_at        BIGINT,
    -- staff sign in by email, young people by username; never both
    CHECK ((email IS NULL) <> (username IS NULL))
);

CREATE TABLE login_sessions (
    id_hash      TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    created_at   BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL
);
CREATE INDEX login_sessions_by_account ON login_sessions (account_id);

CREATE TABLE audit_log (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    at               BIGINT NOT NULL,
    actor_account_id TEXT REFERENCES accounts (id),
    action           TEXT NOT NULL,
    subject          TEXT NOT NULL,
    detail           TEXT NOT NULL DEFAULT ''
);
CREATE INDEX audit_log_by_time ON audit_log (at);

CREATE TABLE council_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

INSERT INTO council_settings (key, value) VALUES
    ('council_name', 'Rotherham Council'),
    -- the council's own number belongs here; admins edit it
    ('right_to_rights_contact', 'Ask your social worker or personal adviser to put you in touch with the Right to Rights service.'),
    ('quick_exit_url', 'https://www.bbc.co.uk/weather');

CREATE TABLE promises (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    position   BIGINT NOT NULL,
    wording    TEXT NOT NULL,
    easy_read  TEXT NOT NULL,
    retired_at BIGINT
);

INSERT INTO promises (position, wording, easy_read) VALUES
    (1, 'We will help you to live in a safe place where you are protected from harm.', 'Do you feel safe where you live?'),
    (2, 'We will listen to what you have to say and make sure it makes a difference.', 'Do people listen to you and change things?'),
    (3, 'We will help you to learn and do your best at school and college.', 'Do you get help to learn at school or college?'),
    (4, 'We will fully involve you in plans and decisions about you and your future.', 'Do you have a say in plans about you?'),
    (5, 'We will help you to learn new skills as you grow up and become an adult.', 'Are you learning things you need for growing up?'),
    (6, 'We will help you take part in activities that you enjoy or are interested in.', 'Do you get to do things you enjoy?'),
    (7, 'We will help you to be proud of yourself and celebrate your individual beliefs.', 'Do you feel proud of who you are?'),
    (8, 'We will help you to be happy and healthy.', 'Do you feel happy and healthy?'),
    (9, 'We will help you to explore and be ready for the world of work.', 'Are you getting ready for a job one day?');
