-- Intake fields: the questions a team asks each member before the upload
-- (a JSON array of {key, label, kind, choices, required}), the template
-- its ZIP names files by, and each headshot's answers (a JSON object by
-- key).
ALTER TABLE teams ADD COLUMN intake_fields TEXT;
ALTER TABLE teams ADD COLUMN file_name_template TEXT;
ALTER TABLE headshots ADD COLUMN intake TEXT;
