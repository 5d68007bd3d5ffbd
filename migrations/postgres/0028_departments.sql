-- Departments: a team's sub-teams. Each may have its own leaders (who see
-- only its headshots), its own default style (one of the team's styles,
-- overriding the team's default) and an allowance: the most credits its
-- headshots may use, net of refunds, drawn from the team's balance (NULL:
-- no limit but the team's credits).
CREATE TABLE departments (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- The name folded to lower case: one "Sales" per team, however typed.
    name_key TEXT NOT NULL,
    style_id TEXT REFERENCES styles(id) ON DELETE SET NULL,
    allowance BIGINT CHECK (allowance >= 0),
    created_at BIGINT NOT NULL,
    UNIQUE (team_id, name_key)
);
-- A headshot's department (NULL: the team at large).
ALTER TABLE headshots ADD COLUMN department_id TEXT REFERENCES departments(id);
CREATE INDEX headshots_department ON headshots (department_id);
-- A leader of one department only (NULL: of the whole team).
ALTER TABLE team_leaders ADD COLUMN department_id TEXT REFERENCES departments(id);
ALTER TABLE leader_invitations ADD COLUMN department_id TEXT REFERENCES departments(id);
-- What a department has used is summed over its headshots' ledger rows.
CREATE INDEX ledger_headshot ON ledger (headshot_id);
