-- Payments: one row per checkout, whatever the provider. Effects (credits,
-- fees) are applied once, when the payment is granted: at once for invoices,
-- on the verified webhook for Stripe.
CREATE TABLE payments (
    id TEXT PRIMARY KEY,
    team_id TEXT NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
    provider TEXT NOT NULL CHECK (provider IN ('invoice', 'stripe')),
    status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
    purpose TEXT NOT NULL,
    details TEXT NOT NULL,
    amount_cents BIGINT NOT NULL CHECK (amount_cents >= 0),
    invoice_number BIGINT NOT NULL UNIQUE,
    granted_at BIGINT,
    checkout_session_id TEXT UNIQUE,
    checkout_url TEXT,
    created_at BIGINT NOT NULL,
    paid_at BIGINT,
    actor TEXT NOT NULL
);
CREATE INDEX payments_team ON payments (team_id, created_at);

-- Stripe events seen (replays and duplicates change nothing).
CREATE TABLE stripe_events (
    id TEXT PRIMARY KEY,
    type TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- Idempotency-Key: the first request's answer, replayed for the same key.
CREATE TABLE idempotency (
    team_id TEXT NOT NULL,
    key TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    status BIGINT,
    body TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (team_id, key)
);

-- Sequential numbers (invoices), taken with a row-locking UPDATE … RETURNING.
CREATE TABLE counters (
    name TEXT PRIMARY KEY,
    value BIGINT NOT NULL
);
INSERT INTO counters (name, value) VALUES ('invoice', 1000);
