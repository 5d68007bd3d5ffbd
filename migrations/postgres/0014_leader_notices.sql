-- The email notices each team leader chose. No row: the defaults
-- (domain::notices::NoticePrefs::default).
CREATE TABLE leader_notices (
    user_id TEXT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    digest TEXT NOT NULL CHECK (digest IN ('off', 'daily', 'weekly')),
    new_photo BIGINT NOT NULL,
    credits_low BIGINT NOT NULL,
    spend_request BIGINT NOT NULL,
    -- The team-local day of the last digest (at most one a day) and when it
    -- was queued (the next digest reports what happened since).
    digest_sent_on TEXT,
    digest_sent_at BIGINT,
    updated_at BIGINT NOT NULL
);
