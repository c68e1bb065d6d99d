-- Surveys: officers write them, young people answer them (signed in, or
-- through an anonymous link), officers read the results.

CREATE TABLE surveys (
    id              TEXT PRIMARY KEY,
    title           TEXT NOT NULL,
    introduction    TEXT NOT NULL DEFAULT '',
    -- Age bands it is for, comma-separated: '8-10,11-18,16-25'.
    audience        TEXT NOT NULL,
    -- Calendar dates, 'YYYY-MM-DD', inclusive, in UK time.
    opens_on        TEXT NOT NULL,
    closes_on       TEXT NOT NULL,
    allow_anonymous BIGINT NOT NULL DEFAULT 0,
    status          TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed')),
    -- The version new answers are given to.
    current_version BIGINT NOT NULL DEFAULT 1,
    created_by      TEXT NOT NULL REFERENCES accounts (id),
    created_at      BIGINT NOT NULL,
    changed_at      BIGINT NOT NULL
);

-- The questions, as JSON (app/src/surveys/questions.rs). A version that has
-- answers is never changed: editing its questions makes the next version.
CREATE TABLE survey_versions (
    survey_id  TEXT NOT NULL REFERENCES surveys (id),
    version    BIGINT NOT NULL,
    questions  TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (survey_id, version)
);

-- A link for answering without an account. The id is the secret in the link.
CREATE TABLE survey_links (
    id            TEXT PRIMARY KEY,
    survey_id     TEXT NOT NULL REFERENCES surveys (id),
    label         TEXT NOT NULL DEFAULT '',
    max_responses BIGINT,
    expires_on    TEXT,
    responses     BIGINT NOT NULL DEFAULT 0,
    created_by    TEXT NOT NULL REFERENCES accounts (id),
    created_at    BIGINT NOT NULL
);

-- One person's answers to one survey. An anonymous response has neither an
-- account nor anything else that could point back to a person or device.
CREATE TABLE survey_responses (
    id            TEXT PRIMARY KEY,
    survey_id     TEXT NOT NULL REFERENCES surveys (id),
    version       BIGINT NOT NULL,
    account_id    TEXT REFERENCES accounts (id),
    link_id       TEXT REFERENCES survey_links (id),
    cohort        TEXT,
    age_band      TEXT,
    started_at    BIGINT NOT NULL,
    submitted_at  BIGINT,
    -- The key the final "send" form carried, so a retried send counts once.
    submission_key TEXT UNIQUE,
    FOREIGN KEY (survey_id, version) REFERENCES survey_versions (survey_id, version)
);
CREATE UNIQUE INDEX survey_responses_one_per_account ON survey_responses (survey_id, account_id);
CREATE INDEX survey_responses_by_version ON survey_responses (survey_id, version);

CREATE TABLE survey_answers (
    response_id TEXT NOT NULL REFERENCES survey_responses (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL,
    answer      TEXT NOT NULL,
    answered_at BIGINT NOT NULL,
    PRIMARY KEY (response_id, question_id)
);
