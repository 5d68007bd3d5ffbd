-- The first-run setup at /setup: the hash of the one-time code the server
-- printed, and when the setup was completed (then the page is gone for good).
CREATE TABLE studio_setup (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    code_hash TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    completed_at BIGINT
);
