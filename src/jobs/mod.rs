//! Background jobs on the database queue: enqueued in the transaction that
//! causes them, run by workers inside `serve` (or alone in `worker`),
//! retried with backoff, claimed with a lease.

pub mod account_mail;
pub mod mail;
pub mod render;
pub mod resize;
pub mod support_mail;
pub mod webhook;

use crate::db::{self, Tx};
use crate::services::Services;
use futures::FutureExt;
use serde::Serialize;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// With `backoff_ms`, the retries of a job span about two days
/// (`RETRY_HORIZON_MS`): an SMTP or storage outage of a weekend loses nothing.
pub const MAX_ATTEMPTS: i64 = 17;
/// Other processes' jobs are found by polling at this interval.
const POLL: Duration = Duration::from_secs(1);
const MAX_BACKOFF_MS: i64 = 6 * 3_600_000;

/// Retry delay after the `attempt`th failure: 30 s, 1 min, 2 min … capped at 6 h.
pub fn backoff_ms(attempt: i64) -> i64 {
    let exp = (attempt - 1).clamp(0, 20) as u32;
    (30_000i64 * 2i64.pow(exp)).min(MAX_BACKOFF_MS)
}

/// From the first failure to giving up (the sum of the waits).
pub fn retry_horizon_ms() -> i64 {
    (1..MAX_ATTEMPTS).map(backoff_ms).sum()
}

pub async fn enqueue<T: Serialize>(
    tx: &mut Tx,
    kind: &str,
    payload: &T,
    now: i64,
) -> anyhow::Result<String> {
    let id = db::new_id();
    let json = serde_json::to_string(payload)?;
    db::jobs::insert(&mut **tx, &id, kind, &json, now, MAX_ATTEMPTS, now).await?;
    Ok(id)
}

/// Sends a job's email from the studio's branding (sender, reply-to).
pub async fn send_mail(
    svc: &Services,
    job_id: &str,
    mail: &crate::email::OutgoingMail,
) -> anyhow::Result<()> {
    let studio = svc.studio_settings().await?;
    let from: lettre::message::Mailbox = studio.branding.sender.parse()?;
    let reply_to = studio
        .branding
        .support_email
        .as_deref()
        .and_then(|e| e.parse().ok());
    let sent = svc
        .mailer
        .send_as(job_id, mail, &from, reply_to.as_ref())
        .await;
    crate::telemetry::metrics().mail(sent.is_ok());
    sent
}

/// Claim and run one job (of any kind but `skip_kind`). `Ok(false)` when
/// none is ready.
pub async fn run_one(svc: &Services, worker: &str, skip_kind: &str) -> anyhow::Result<bool> {
    let now = svc.now_ms();
    let lease = svc.settings.job_lease_ms;
    let Some(job) = db::jobs::claim(&svc.db, worker, now, lease, skip_kind).await? else {
        return Ok(false);
    };
    let outcome = caught(dispatch(svc, &job)).await;
    let now = svc.now_ms();
    match outcome {
        Ok(()) => {}
        Err(e) => {
            let wait = if job.kind == webhook::KIND {
                webhook::retry_delay_ms(job.attempts)
            } else {
                backoff_ms(job.attempts)
            };
            let retry = (job.attempts < job.max_attempts).then(|| now + wait);
            tracing::warn!(job.id = %job.id, job.kind = %job.kind, attempt = job.attempts, error = %format!("{e:#}"), will_retry = retry.is_some(), "job failed");
            db::jobs::fail(&svc.db.pool, &job.id, &format!("{e:#}"), retry, now).await?;
        }
    }
    Ok(true)
}

/// A panic in a job is a failure of that job (retried like any other), not
/// the end of its runner.
async fn caught(job: impl std::future::Future<Output = anyhow::Result<()>>) -> anyhow::Result<()> {
    std::panic::AssertUnwindSafe(job)
        .catch_unwind()
        .await
        .unwrap_or_else(|panic| {
            let what = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "a panic".into());
            Err(anyhow::anyhow!("the job panicked: {what}"))
        })
}

async fn dispatch(svc: &Services, job: &db::jobs::JobRow) -> anyhow::Result<()> {
    match job.kind.as_str() {
        mail::KIND => mail::run(svc, job).await,
        account_mail::KIND => account_mail::run(svc, job).await,
        support_mail::KIND => support_mail::run(svc, job).await,
        render::KIND => render::run(svc, job).await,
        resize::KIND => resize::run(svc, job).await,
        webhook::KIND => webhook::run(svc, job).await,
        other => Err(anyhow::anyhow!("unknown job kind {other}")),
    }
}

/// Run every ready job, then return (tests, and `worker --once`).
pub async fn run_until_idle(svc: &Services) -> anyhow::Result<usize> {
    let mut n = 0;
    while run_one(svc, "inline", "").await? {
        n += 1;
    }
    Ok(n)
}

/// Start `n` job runners that stop when `shutdown` is cancelled.
pub fn spawn_workers(
    svc: &Services,
    n: usize,
    shutdown: CancellationToken,
) -> Vec<tokio::task::JoinHandle<()>> {
    (0..n)
        .map(|i| {
            let svc = svc.clone();
            let shutdown = shutdown.clone();
            let name = format!("{}-{}-{i}", hostname(), std::process::id());
            // With two runners or more, the first never takes webhooks: a
            // team's slow endpoint cannot hold up renders and emails.
            let skip = if n > 1 && i == 0 { webhook::KIND } else { "" };
            tokio::spawn(async move {
                loop {
                    if shutdown.is_cancelled() {
                        break;
                    }
                    match run_one(&svc, &name, skip).await {
                        Ok(true) => continue,
                        Ok(false) => {}
                        Err(e) => tracing::error!(error = %format!("{e:#}"), "job runner error"),
                    }
                    tokio::select! {
                        _ = shutdown.cancelled() => break,
                        _ = svc.jobs_ready.notified() => {}
                        _ = tokio::time::sleep(POLL) => {}
                    }
                }
            })
        })
        .collect()
}

/// How often scheduled work (reminders) is looked for.
const SCHEDULE_EVERY: Duration = Duration::from_secs(600);

/// Runs scheduled work now and then every ten minutes until `shutdown`.
pub fn spawn_scheduler(svc: &Services, shutdown: CancellationToken) -> tokio::task::JoinHandle<()> {
    let svc = svc.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = svc.send_scheduled_reminders().await {
                tracing::error!(error = %e, "scheduled reminders failed");
            }
            tokio::select! {
                _ = shutdown.cancelled() => break,
                _ = tokio::time::sleep(SCHEDULE_EVERY) => {}
            }
        }
    })
}

fn hostname() -> String {
    std::env::var("HOSTNAME").unwrap_or_else(|_| "teamshot".into())
}

#[cfg(test)]
mod tests {
    use super::backoff_ms;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(1), 30_000);
        assert_eq!(backoff_ms(2), 60_000);
        assert_eq!(backoff_ms(3), 120_000);
        assert_eq!(backoff_ms(30), 6 * 3_600_000);
    }

    #[tokio::test]
    async fn a_panicking_job_is_a_failed_job() {
        let e = super::caught(async { panic!("index out of bounds") })
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "the job panicked: index out of bounds");
        assert!(super::caught(async { Ok(()) }).await.is_ok());
    }

    #[test]
    fn retries_span_about_two_days() {
        let hours = super::retry_horizon_ms() as f64 / 3_600_000.0;
        assert!((40.0..=56.0).contains(&hours), "{hours} h");
    }
}
