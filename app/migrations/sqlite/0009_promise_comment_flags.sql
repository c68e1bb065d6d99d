-- Promise-rating comments ("why?", "what would make it better?") go through
-- the same harm check as every other place a young person writes, so a
-- flag can now come from them. SQLite cannot change a CHECK constraint in
-- place, so the table is made again with the wider one and its rows copied.
CREATE TABLE harm_flags_widened (
    id             TEXT PRIMARY KEY,
    source         TEXT NOT NULL CHECK (source IN ('concern', 'survey_answer', 'session_comment', 'promise_comment')),
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
INSERT INTO harm_flags_widened (
    id, source, place, words, phrase, account_id, raised_at, contact_wanted, contact_name,
    contact_method, contact_number, safe_times, handled_at, handled_by, handled_note
)
SELECT
    id, source, place, words, phrase, account_id, raised_at, contact_wanted, contact_name,
    contact_method, contact_number, safe_times, handled_at, handled_by, handled_note
FROM harm_flags;
DROP TABLE harm_flags;
ALTER TABLE harm_flags_widened RENAME TO harm_flags;
CREATE INDEX harm_flags_open ON harm_flags (handled_at, raised_at);
