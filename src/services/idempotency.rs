//! `Idempotency-Key` for money-moving requests: the first request with a key
//! runs; any other with the same key (at the same time or later) gets the
//! same answer and causes no second effect.

use super::{Error, Result, Services};
use crate::db;
use std::future::Future;
use std::time::Duration;

/// An answer as sent: status and JSON body.
pub type Answer = (u16, serde_json::Value);

/// How long a repeat waits for the first request to finish.
const WAIT: Duration = Duration::from_secs(30);

impl Services {
    pub async fn idempotent<F, Fut>(
        &self,
        team_id: &str,
        key: Option<&str>,
        fingerprint: &str,
        run: F,
    ) -> Result<Answer>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Answer>>,
    {
        let Some(key) = key else { return run().await };
        if key.is_empty() || key.len() > 255 {
            return Err(Error::invalid(
                "Idempotency-Key",
                "Use a key of 1 to 255 characters, e.g. a UUID.",
            ));
        }
        if db::idempotency::claim(&self.db.pool, team_id, key, fingerprint, self.now_ms()).await? {
            let outcome = run().await;
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
                    db::idempotency::release(&self.db.pool, team_id, key).await?;
                    return Err(e);
                }
            };
            db::idempotency::store(
                &self.db.pool,
                team_id,
                key,
                i64::from(answer.0),
                &answer.1.to_string(),
            )
            .await?;
            return Ok(answer);
        }
        let started = tokio::time::Instant::now();
        loop {
            let Some(row) = db::idempotency::get(&self.db.pool, team_id, key).await? else {
                // The first request failed on our side and released the key.
                return Box::pin(self.idempotent(team_id, Some(key), fingerprint, run)).await;
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
}
