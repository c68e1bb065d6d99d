-- Activation codes are now stored as a keyed hash (HMAC-SHA256 with the
-- server's secret key) and are 12 characters long. Codes issued before were
-- plain SHA-256 of 8 characters: they stop working, and an admin gives the
-- people still waiting a new code ("Give a new code" on their account).
UPDATE accounts SET activation_code_hash = NULL, activation_expires_at = NULL
WHERE activation_code_hash IS NOT NULL;
