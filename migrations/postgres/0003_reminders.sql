-- Reminders: when the last one went out and how many, for the once-a-day
-- rule and the "Needs attention" flag.
ALTER TABLE headshots ADD COLUMN reminder_count BIGINT NOT NULL DEFAULT 0;
ALTER TABLE headshots ADD COLUMN last_reminded_at BIGINT;
