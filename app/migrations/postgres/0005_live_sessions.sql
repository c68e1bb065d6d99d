-- Live sessions: LACC and Care Leaver Forum meetings vote from their phones
-- and a projector shows the results as they come in.

CREATE TABLE forums (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name       TEXT NOT NULL UNIQUE,
    created_at BIGINT NOT NULL DEFAULT 0
);

INSERT INTO forums (name) VALUES
    ('Looked After Children Council (LACC)'),
    ('Care Leaver Forum');

CREATE TABLE live_sessions (
    id               TEXT PRIMARY KEY,
    forum_id         BIGINT NOT NULL REFERENCES forums (id),
    title            TEXT NOT NULL,
    -- UK calendar date of the meeting, 'YYYY-MM-DD'.
    held_on          TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    -- Six characters young people type to join; set while the session is open.
    join_code        TEXT UNIQUE,
    -- Results stay hidden until at least this many have answered.
    min_answers      BIGINT NOT NULL DEFAULT 5,
    -- The activity phones are answering now, if any.
    current_activity BIGINT,
    notes            TEXT NOT NULL DEFAULT '',
    actions          TEXT NOT NULL DEFAULT '',
    created_by       TEXT NOT NULL REFERENCES accounts (id),
    created_at       BIGINT NOT NULL,
    closed_at        BIGINT
);
CREATE INDEX live_sessions_by_date ON live_sessions (held_on);

-- A poll or promise rating, as a survey question (app/src/surveys/questions.rs).
CREATE TABLE live_activities (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES live_sessions (id),
    position   BIGINT NOT NULL,
    question   TEXT NOT NULL
);
CREATE INDEX live_activities_by_session ON live_activities (session_id, position);

-- A phone that joined. Its id is a random token the phone keeps in a cookie
-- for this session only: nothing about the phone or its address is kept.
-- A member who joined signed in has their account (their attendance).
CREATE TABLE live_seats (
    id         TEXT PRIMARY KEY,
    session_id TEXT NOT NULL REFERENCES live_sessions (id),
    account_id TEXT REFERENCES accounts (id),
    cohort     TEXT,
    age_band   TEXT
);
CREATE INDEX live_seats_by_session ON live_seats (session_id);
CREATE UNIQUE INDEX live_seats_one_per_member ON live_seats (session_id, account_id);

-- One answer per seat per activity; a changed answer replaces the old one.
-- Written answers reach the projector only once approved, never when flagged.
CREATE TABLE live_answers (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id BIGINT NOT NULL REFERENCES live_activities (id),
    seat_id     TEXT NOT NULL REFERENCES live_seats (id),
    answer      TEXT NOT NULL,
    approved    BIGINT NOT NULL DEFAULT 0,
    flagged     BIGINT NOT NULL DEFAULT 0,
    UNIQUE (activity_id, seat_id)
);
