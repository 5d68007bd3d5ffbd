//! `Idempotency-Key` for money-moving requests: the first request with a key
//! runs; any other with the same key (at the same time or later) gets the
//! same answer and causes no second effect.
//!
//! Three things can cut a request short between claiming a key and storing
//! its answer, and none may leave the key stuck or the effect doubled:
//! - the client disconnects: the work runs in its own task, which finishes
//!   and stores the answer whatever happens to the connection;
//! - our side fails: the key is released, so a retry runs;
//! - the process dies: the claim goes stale after the job lease and a retry
//!   takes it over and runs once more. What it runs finds the effect of the
//!   first run, because payments record their key in their own transaction
//!   (`current_key`), so the retry answers with that payment.

use super::{Error, Result, Services};
use crate::db;
use std::future::Future;
use std::time::Duration;

/// An answer as sent: status and JSON body.
pub type Answer = (u16, serde_json::Value);

/// How long a repeat waits for the first request to finish.
const WAIT: Duration = Duration::from_secs(30);

tokio::task_local! {
    static KEY: (String, String);
}

/// The `(team id, Idempotency-Key)` the current work runs under, if any.
pub fn current_key() -> Option<(String, String)> {
    KEY.try_with(Clone::clone).ok()
}

/// The prefix of the payment keys Teamshot makes itself (clients may not
/// send them, so a client's key can never stand for one of ours).
pub(crate) const INTERNAL_PREFIX: &str = "spend-request:";

/// Runs `work` (a checkout) under a key of our own, so running it again —
/// a second click, or after a crash between the charge and its record —
/// finds the payment the first run made instead of charging again.
pub(crate) async fn with_payment_key<F: Future>(team_id: &str, key: String, work: F) -> F::Output {
    KEY.scope((team_id.to_string(), key), work).await
}

impl Services {
    pub async fn idempotent<F, Fut>(
        &self,
        team_id: &str,
        key: Option<&str>,
        fingerprint: &str,
        run: F,
    ) -> Result<Answer>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Answer>> + Send + 'static,
    {
        let Some(key) = key else { return run().await };
        if key.is_empty() || key.len() > 255 {
            return Err(Error::invalid(
                "Idempotency-Key",
                "Use a key of 1 to 255 characters, e.g. a UUID.",
            ));
        }
        if key.starts_with(INTERNAL_PREFIX) {
            return Err(Error::invalid(
                "Idempotency-Key",
                "Keys starting with \"spend-request:\" are the studio's own; use a UUID.",
            ));
        }
        let mut run = Some(run);
        let started = tokio::time::Instant::now();
        loop {
            let now = self.now_ms();
            let claimed = db::idempotency::claim(&self.db.pool, team_id, key, fingerprint, now)
                .await?
                || db::idempotency::take_over_stale(
                    &self.db.pool,
                    team_id,
                    key,
                    fingerprint,
                    now,
                    now - self.settings.job_lease_ms,
                )
                .await?;
            if claimed {
                let run = run.take().expect("a key is claimed at most once per call");
                return self.run_claimed(team_id, key, run).await;
            }
            let Some(row) = db::idempotency::get(&self.db.pool, team_id, key).await? else {
                // The first request failed on our side and released the key.
                continue;
            };
            if row.fingerprint != fingerprint {
                return Err(Error::invalid(
                    "Idempotency-Key",
                    "This key was used for a different request; use a new key for a new request.",
                ));
            }
            if let (Some(status), Some(body)) = (row.status, row.body) {
                let value = serde_json::from_str(&body).map_err(anyhow::Error::from)?;
                return Ok((status as u16, value));
            }
            if started.elapsed() > WAIT {
                return Err(Error::Conflict(
                    "A request with this Idempotency-Key is still running; retry later.".into(),
                ));
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Runs claimed work to the end in its own task (a disconnecting
    /// client cannot cut it between the effect and the stored answer).
    async fn run_claimed<F, Fut>(&self, team_id: &str, key: &str, run: F) -> Result<Answer>
    where
        F: FnOnce() -> Fut + Send + 'static,
        Fut: Future<Output = Result<Answer>> + Send + 'static,
    {
        let svc = self.clone();
        let (team_id, key) = (team_id.to_string(), key.to_string());
        let address = super::request_context::client_address();
        let work = async move {
            let outcome = KEY.scope((team_id.clone(), key.clone()), run()).await;
            let answer = match outcome {
                Ok(a) => a,
                // Refusals are answers too: the same key gets the same refusal.
                Err(e) if !matches!(e, Error::Internal(_) | Error::Unavailable(_)) => {
                    let p = crate::http::error::problem(&e);
                    (
                        p.status,
                        serde_json::to_value(&p).map_err(anyhow::Error::from)?,
                    )
                }
                Err(e) => {
                    db::idempotency::release(&svc.db.pool, &team_id, &key).await?;
                    return Err(e);
                }
            };
            db::idempotency::store(
                &svc.db.pool,
                &team_id,
                &key,
                i64::from(answer.0),
                &answer.1.to_string(),
            )
            .await?;
            Ok(answer)
        };
        tokio::spawn(super::request_context::scope(address, work))
            .await
            .map_err(|e| Error::Internal(anyhow::anyhow!("idempotent work stopped: {e}")))?
    }
}
