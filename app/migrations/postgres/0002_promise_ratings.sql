-- Promise ratings by reporting period, approved quotes, and "you said, we did".
-- A period is its key, the month it starts: '2026-04' (April-September) or
-- '2026-10' (October-March); see app/src/domain/period.rs.

CREATE TABLE promise_ratings (
    id          TEXT PRIMARY KEY,
    account_id  TEXT NOT NULL REFERENCES accounts (id),
    promise_id  BIGINT NOT NULL REFERENCES promises (id),
    period      TEXT NOT NULL,
    -- 1 (really unhappy) to 5 (really happy); NULL is "not sure".
    score       BIGINT CHECK (score BETWEEN 1 AND 5),
    why         TEXT NOT NULL DEFAULT '',
    better      TEXT NOT NULL DEFAULT '',
    -- Who they were when they rated, so reports count them as they were.
    cohort      TEXT NOT NULL,
    age_band    TEXT NOT NULL,
    rated_at    BIGINT NOT NULL,
    changed_at  BIGINT NOT NULL,
    UNIQUE (account_id, promise_id, period)
);
CREATE INDEX promise_ratings_by_period ON promise_ratings (period, promise_id);

-- Words young people wrote that an officer approved (edited to remove names)
-- for reports. The source row is kept apart so the quote stays anonymous.
CREATE TABLE approved_quotes (
    id           TEXT PRIMARY KEY,
    source_kind  TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    source_field TEXT NOT NULL,
    period       TEXT NOT NULL,
    promise_id   BIGINT REFERENCES promises (id),
    quote        TEXT NOT NULL,
    approved_by  TEXT NOT NULL REFERENCES accounts (id),
    approved_at  BIGINT NOT NULL,
    UNIQUE (source_kind, source_id, source_field)
);

CREATE TABLE you_said_we_did (
    id           TEXT PRIMARY KEY,
    you_said     TEXT NOT NULL,
    we_did       TEXT NOT NULL,
    period       TEXT NOT NULL,
    status       TEXT NOT NULL CHECK (status IN ('planned', 'in_progress', 'done')),
    published_by TEXT NOT NULL REFERENCES accounts (id),
    published_at BIGINT NOT NULL,
    changed_at   BIGINT NOT NULL
);

CREATE TABLE you_said_we_did_promises (
    action_id  TEXT NOT NULL REFERENCES you_said_we_did (id),
    promise_id BIGINT NOT NULL REFERENCES promises (id),
    PRIMARY KEY (action_id, promise_id)
);
