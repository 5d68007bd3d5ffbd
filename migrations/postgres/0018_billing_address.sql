-- The address a team's invoices are made out to (lines of text; NULL:
-- the team's name alone).
ALTER TABLE teams ADD COLUMN billing_address TEXT;

-- Who sold to whom on a payment's invoice (JSON: the studio's legal name,
-- address, tax id and rate, the team's name and billing address), fixed
-- when the invoice is issued: later changes to either do not rewrite it.
ALTER TABLE payments ADD COLUMN parties TEXT;
