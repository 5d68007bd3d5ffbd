//! Limits on sign-in attempts, per account and per client address, counted
//! in the database (so they hold across every server) under keys that are
//! MACs (so the table holds no emails or addresses). Only failures count:
//! an attempt is counted before the check (concurrent guesses cannot slip
//! past the limit) and taken back when it succeeds.

use super::request_context::client_address;
use super::{Error, Result, Services};
use crate::db;

/// Failed attempts allowed per account in each window.
pub const ACCOUNT_ATTEMPTS: i64 = 10;
/// Failed attempts allowed per client address in each window: enough for an
/// office behind one address, too few to try many accounts.
pub const ADDRESS_ATTEMPTS: i64 = 30;
/// Sign-in link emails asked for per client address in each window.
pub const ADDRESS_LINK_REQUESTS: i64 = 20;
pub const WINDOW_MS: i64 = 15 * 60 * 1000;

/// One counted attempt; give it back with `Services::attempt_succeeded`.
pub struct Attempt {
    keys: Vec<String>,
}

impl Services {
    /// Counts a sign-in attempt for `account` (an email or a user id) and
    /// the client address; refuses when either is over its limit.
    pub(crate) async fn begin_attempt(&self, account: &str) -> Result<Attempt> {
        let now = self.now_ms();
        db::rate_limits::sweep(&self.db.pool, now - db::rate_limits::LONGEST_WINDOW_MS).await?;
        let mut keys = Vec::new();
        if let Some(addr) = client_address() {
            let key = self.keys.derive("sign-in-address", &[&addr]);
            let n = db::rate_limits::hit(&self.db.pool, &key, now, WINDOW_MS).await?;
            keys.push(key.clone());
            if n > ADDRESS_ATTEMPTS {
                return Err(Error::TooManyFromAddress(
                    self.minutes_left(&key, now).await?,
                ));
            }
        }
        let key = self.keys.derive("login-attempts", &[account]);
        let n = db::rate_limits::hit(&self.db.pool, &key, now, WINDOW_MS).await?;
        keys.push(key.clone());
        if n > ACCOUNT_ATTEMPTS {
            return Err(Error::TooManyAttempts(self.minutes_left(&key, now).await?));
        }
        Ok(Attempt { keys })
    }

    /// The attempt succeeded: it does not count against anyone.
    pub(crate) async fn attempt_succeeded(&self, a: Attempt) -> Result<()> {
        for key in &a.keys {
            db::rate_limits::take_back(&self.db.pool, key).await?;
        }
        Ok(())
    }

    /// Counts a request for a sign-in link email from this client address.
    pub(crate) async fn count_link_request(&self) -> Result<()> {
        let Some(addr) = client_address() else {
            return Ok(());
        };
        let now = self.now_ms();
        let key = self.keys.derive("link-requests-address", &[&addr]);
        if db::rate_limits::hit(&self.db.pool, &key, now, WINDOW_MS).await? > ADDRESS_LINK_REQUESTS
        {
            return Err(Error::TooManyFromAddress(
                self.minutes_left(&key, now).await?,
            ));
        }
        Ok(())
    }

    pub(crate) async fn minutes_left(&self, key: &str, now: i64) -> Result<i64> {
        let start = db::rate_limits::window_start(&self.db.pool, key)
            .await?
            .unwrap_or(now);
        Ok(((start + WINDOW_MS - now + 59_999) / 60_000).max(1))
    }
}
