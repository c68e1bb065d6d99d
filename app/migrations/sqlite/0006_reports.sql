-- Six-monthly voice reports.

-- A report as it was built, kept exactly so: later answers never change it.
-- The body is the report as JSON (counts already suppressed).
CREATE TABLE report_snapshots (
    id       TEXT PRIMARY KEY,
    period   TEXT NOT NULL,
    body     TEXT NOT NULL,
    saved_by TEXT NOT NULL REFERENCES accounts (id),
    saved_at BIGINT NOT NULL
);
CREATE INDEX report_snapshots_by_time ON report_snapshots (saved_at);

-- The approved quotes an officer chose for a period's report. No foreign
-- key: a quote withdrawn later simply drops out of the report (a saved
-- snapshot keeps its words).
CREATE TABLE report_quotes (
    period   TEXT NOT NULL,
    quote_id TEXT NOT NULL,
    PRIMARY KEY (period, quote_id)
);

-- The report counts within a period in the database; these let each count
-- read an index instead of the whole table.
CREATE INDEX survey_responses_by_submitted ON survey_responses (submitted_at, survey_id);
CREATE INDEX promise_ratings_for_reports ON promise_ratings (period, promise_id, cohort, score);
-- "New or returning": has this young person taken part before?
CREATE INDEX survey_responses_by_account ON survey_responses (account_id, submitted_at);
CREATE INDEX live_seats_by_account ON live_seats (account_id);
