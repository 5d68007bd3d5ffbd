-- An invitation held back: the headshot exists (its credit taken), but the
-- welcome email waits until a leader sends it from the dashboard or with
-- `POST /headshots/{id}/send-invite`. 1 while held.
ALTER TABLE headshots ADD COLUMN invite_held BIGINT NOT NULL DEFAULT 0;
