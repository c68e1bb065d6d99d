-- Promise-rating comments ("why?", "what would make it better?") go through
-- the same harm check as every other place a young person writes, so a
-- flag can now come from them.
ALTER TABLE harm_flags DROP CONSTRAINT harm_flags_source_check;
ALTER TABLE harm_flags ADD CONSTRAINT harm_flags_source_check
    CHECK (source IN ('concern', 'survey_answer', 'session_comment', 'promise_comment'));
