-- Invoices are numbered when they are issued, without gaps: an invoice at
-- once, a card payment when Stripe confirms it (an abandoned checkout takes
-- no number). The number is taken from the counter in the transaction that
-- issues the invoice, so a rollback gives it back.
CREATE TABLE invoices (
    number BIGINT PRIMARY KEY,
    payment_id TEXT NOT NULL UNIQUE REFERENCES payments(id) ON DELETE CASCADE,
    issued_at BIGINT NOT NULL
);

-- Invoices issued so far keep their numbers.
INSERT INTO invoices (number, payment_id, issued_at)
    SELECT invoice_number, id, granted_at FROM payments WHERE granted_at IS NOT NULL;

-- What was the invoice number stays as the payment's own reference (every
-- payment has one, paid or not), taken from its own counter.
ALTER TABLE payments RENAME COLUMN invoice_number TO reference;
UPDATE counters SET name = 'payment_reference' WHERE name = 'invoice';
INSERT INTO counters (name, value) SELECT 'invoice', COALESCE(MAX(number), 1000) FROM invoices;
