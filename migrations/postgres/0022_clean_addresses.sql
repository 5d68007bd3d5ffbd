-- Mail domains a team's leader confirmed as right although they look like a
-- typo of a common provider's (`gmial.com`): invites to them are no longer
-- held back for that team.
CREATE TABLE confirmed_domains (
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    domain TEXT NOT NULL,
    confirmed_by TEXT NOT NULL,
    confirmed_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, domain)
);

-- A member's address whose mail bounced permanently (refused with an SMTP
-- 5xx when sending, or reported by the mail provider): no more mail goes
-- to it until a leader corrects the address.
ALTER TABLE headshots ADD COLUMN email_bounced_at BIGINT;
ALTER TABLE headshots ADD COLUMN email_bounce TEXT;
CREATE INDEX headshots_email ON headshots (email);
