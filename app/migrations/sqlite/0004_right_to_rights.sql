-- Right to Rights: concerns, requests for help or an advocate, and
-- compliments; the advocates' notes and replies; the bank holidays the
-- statutory clock skips; and free text flagged for the duty advocate.

-- England and Wales bank holidays, 'YYYY-MM-DD'. Admins add later years.
CREATE TABLE bank_holidays (
    day  TEXT PRIMARY KEY,
    name TEXT NOT NULL
);

INSERT INTO bank_holidays (day, name) VALUES
    ('2024-01-01', 'New Year''s Day'),
    ('2024-03-29', 'Good Friday'),
    ('2024-04-01', 'Easter Monday'),
    ('2024-05-06', 'Early May bank holiday'),
    ('2024-05-27', 'Spring bank holiday'),
    ('2024-08-26', 'Summer bank holiday'),
    ('2024-12-25', 'Christmas Day'),
    ('2024-12-26', 'Boxing Day'),
    ('2025-01-01', 'New Year''s Day'),
    ('2025-04-18', 'Good Friday'),
    ('2025-04-21', 'Easter Monday'),
    ('2025-05-05', 'Early May bank holiday'),
    ('2025-05-26', 'Spring bank holiday'),
    ('2025-08-25', 'Summer bank holiday'),
    ('2025-12-25', 'Christmas Day'),
    ('2025-12-26', 'Boxing Day'),
    ('2026-01-01', 'New Year''s Day'),
    ('2026-04-03', 'Good Friday'),
    ('2026-04-06', 'Easter Monday'),
    ('2026-05-04', 'Early May bank holiday'),
    ('2026-05-25', 'Spring bank holiday'),
    ('2026-08-31', 'Summer bank holiday'),
    ('2026-12-25', 'Christmas Day'),
    ('2026-12-28', 'Boxing Day (substitute day)'),
    ('2027-01-01', 'New Year''s Day'),
    ('2027-03-26', 'Good Friday'),
    ('2027-03-29', 'Easter Monday'),
    ('2027-05-03', 'Early May bank holiday'),
    ('2027-05-31', 'Spring bank holiday'),
    ('2027-08-30', 'Summer bank holiday'),
    ('2027-12-27', 'Christmas Day (substitute day)'),
    ('2027-12-28', 'Boxing Day (substitute day)'),
    ('2028-01-03', 'New Year''s Day (substitute day)'),
    ('2028-04-14', 'Good Friday'),
    ('2028-04-17', 'Easter Monday'),
    ('2028-05-01', 'Early May bank holiday'),
    ('2028-05-29', 'Spring bank holiday'),
    ('2028-08-28', 'Summer bank holiday'),
    ('2028-12-25', 'Christmas Day'),
    ('2028-12-26', 'Boxing Day');

-- One item a young person raised. It is a draft (status 'draft', no
-- reference) until they send it from the check-your-answers page.
CREATE TABLE concerns (
    id                TEXT PRIMARY KEY,
    reference         TEXT UNIQUE,
    account_id        TEXT NOT NULL REFERENCES accounts (id),
    kind              TEXT NOT NULL CHECK (kind IN ('concern', 'help', 'advocate', 'compliment')),
    details           TEXT NOT NULL DEFAULT '',
    wanted            TEXT NOT NULL DEFAULT '',
    contact_method    TEXT CHECK (contact_method IN ('in_app', 'phone', 'text', 'worker')),
    contact_number    TEXT NOT NULL DEFAULT '',
    safe_times        TEXT NOT NULL DEFAULT '',
    -- As the young person was when they sent it, for the reports.
    cohort            TEXT,
    age_band          TEXT,
    status            TEXT NOT NULL CHECK (status IN
                        ('draft', 'received', 'with_advocate', 'being_looked_into', 'answered', 'closed')),
    stage             BIGINT NOT NULL DEFAULT 1,
    created_at        BIGINT NOT NULL,
    -- The key the send form carried, so a retried send counts once.
    submission_key    TEXT UNIQUE,
    received_at       BIGINT,
    -- UK calendar dates, 'YYYY-MM-DD': the statutory clock.
    received_on       TEXT,
    due_on            TEXT,
    extension_reason  TEXT,
    allocated_to      TEXT REFERENCES accounts (id),
    first_response_at BIGINT,
    outcome           TEXT CHECK (outcome IN
                        ('resolved', 'partly_resolved', 'not_resolved', 'withdrawn', 'referred_on')),
    closed_at         BIGINT,
    -- The listed phrase its words contained, if any: the duty advocate sees it first.
    harm_phrase       TEXT
);
CREATE INDEX concerns_by_account ON concerns (account_id, created_at);
CREATE INDEX concerns_by_status ON concerns (status, due_on);
CREATE INDEX concerns_by_received ON concerns (received_at);

-- What is said about a concern: replies the young person sees, their own
-- messages, and advocates' internal notes, which the young person never sees.
CREATE TABLE concern_messages (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    concern_id        TEXT NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    author_account_id TEXT REFERENCES accounts (id),
    kind              TEXT NOT NULL CHECK (kind IN ('reply', 'young_person', 'note')),
    body              TEXT NOT NULL,
    at                BIGINT NOT NULL
);
CREATE INDEX concern_messages_by_concern ON concern_messages (concern_id, id);

-- Free text anywhere in Voice that contained a listed phrase. An anonymous
-- answer's flag has no account; contact details are there only if the young
-- person chose to give them.
CREATE TABLE harm_flags (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL CHECK (source IN ('concern', 'survey_answer', 'session_comment')),
    -- Where it was written, in words: "Survey: Living in care, question 3".
    place          TEXT NOT NULL,
    words          TEXT NOT NULL,
    phrase         TEXT NOT NULL,
    account_id     TEXT REFERENCES accounts (id),
    raised_at      BIGINT NOT NULL,
    contact_wanted TEXT CHECK (contact_wanted IN ('yes', 'no')),
    contact_name   TEXT NOT NULL DEFAULT '',
    contact_method TEXT,
    contact_number TEXT NOT NULL DEFAULT '',
    safe_times     TEXT NOT NULL DEFAULT '',
    handled_at     BIGINT,
    handled_by     TEXT REFERENCES accounts (id),
    handled_note   TEXT NOT NULL DEFAULT ''
);
CREATE INDEX harm_flags_open ON harm_flags (handled_at, raised_at);

-- The list of phrases that suggest harm, as the admin last saved it (one
-- phrase a line). Every saved list is kept; the newest is used. With none
-- saved, Voice uses its starter list (app/src/domain/harm_phrases.txt).
CREATE TABLE harm_phrase_lists (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    phrases    TEXT NOT NULL,
    saved_by   TEXT REFERENCES accounts (id),
    saved_at   BIGINT NOT NULL
);
