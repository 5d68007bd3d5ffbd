-- Fixed-window counters shared by every process (password sign-in attempts
-- per email), so a limit holds however many servers run.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL
);
