-- The language of a team's members' pages and of every email about it
-- (en, de, fr, es); NULL: each member's browser language, English in mail.
ALTER TABLE teams ADD COLUMN language TEXT;

-- The currency a payment was asked in (ISO 4217), fixed when it is made: a
-- studio changing its currency later does not change what was invoiced.
ALTER TABLE payments ADD COLUMN currency TEXT NOT NULL DEFAULT 'USD';

-- The currency of a ledger row's amount (NULL: no money moved); every
-- amount before this was in dollars.
ALTER TABLE ledger ADD COLUMN currency TEXT;
UPDATE ledger SET currency = 'USD' WHERE amount_cents <> 0;
