-- Words a participation officer has read and chosen not to quote: they
-- leave the moderation queue, and who dismissed them, and when, is kept.
CREATE TABLE dismissed_writing (
    source_kind  TEXT NOT NULL,
    source_id    TEXT NOT NULL,
    source_field TEXT NOT NULL,
    dismissed_by TEXT NOT NULL REFERENCES accounts (id),
    dismissed_at BIGINT NOT NULL,
    PRIMARY KEY (source_kind, source_id, source_field)
);
