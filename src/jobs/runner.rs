//! Claims jobs, runs them through their [`Job`] and records the result.

use super::{Job, JobContext, Letter, Outcome};
use crate::db;
use crate::queue::JobKind;
use crate::services::Services;
use futures::FutureExt;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// Other processes' jobs are found by polling at this interval.
const POLL: Duration = Duration::from_secs(1);
/// How often scheduled work (reminders) is looked for.
const SCHEDULE_EVERY: Duration = Duration::from_secs(600);

/// Claim and run one job of one of `kinds`. `Ok(false)` when none is ready.
pub async fn run_one(svc: &Services, worker: &str, kinds: &[JobKind]) -> anyhow::Result<bool> {
    run_one_until(svc, worker, kinds, None).await
}

/// The same; when `stop` fires first, the job is handed back to the queue
/// (for another process, or this one after a restart) instead of holding up
/// the shutdown: a cut-out is seconds of work that cannot be interrupted.
async fn run_one_until(
    svc: &Services,
    worker: &str,
    kinds: &[JobKind],
    stop: Option<&CancellationToken>,
) -> anyhow::Result<bool> {
    let now = svc.now_ms();
    let lease = svc.settings.job_lease_ms;
    let Some(job) = db::jobs::claim(&svc.db, worker, now, lease, kinds).await? else {
        return Ok(false);
    };
    let ctx = JobContext {
        id: job.id.clone(),
        attempt: job.attempts,
    };
    let run = caught(super::dispatch(svc, job.kind, &ctx, &job.payload));
    let outcome = match stop {
        Some(stop) => tokio::select! {
            outcome = run => outcome,
            _ = stop.cancelled() => {
                tracing::info!(job.id = %job.id, job.kind = %job.kind, "shutting down: the job goes back to the queue");
                db::jobs::hand_back(&svc.db.pool, &job.id).await?;
                return Ok(false);
            }
        },
        None => run.await,
    };
    if let Err(e) = outcome {
        let now = svc.now_ms();
        let wait = job.kind.retry().delay_ms(job.attempts);
        let retry = (job.attempts < job.max_attempts).then(|| now + wait);
        tracing::warn!(job.id = %job.id, job.kind = %job.kind, attempt = job.attempts, error = %format!("{e:#}"), will_retry = retry.is_some(), "job failed");
        db::jobs::fail(&svc.db.pool, &job.id, &format!("{e:#}"), retry, now).await?;
    }
    Ok(true)
}

/// Everything a job of type `J` shares: its payload decoded, an email
/// already sent skipped, the job deleted once it has nothing left to do.
pub(super) async fn run_job<J: Job>(
    svc: &Services,
    ctx: &JobContext,
    payload: &str,
) -> anyhow::Result<()> {
    let payload: J::Payload = serde_json::from_str(payload)
        .map_err(|e| anyhow::anyhow!("the job's payload does not decode: {e}"))?;
    if J::SENDS_MAIL && db::jobs::mail_already_sent(&svc.db.pool, &ctx.id).await? {
        db::jobs::delete(&svc.db.pool, &ctx.id).await?;
        return Ok(());
    }
    match J::run(svc, ctx, payload).await? {
        Outcome::Done => db::jobs::delete(&svc.db.pool, &ctx.id).await?,
        Outcome::Skipped(why) => {
            tracing::info!(job.id = %ctx.id, why, "job skipped");
            db::jobs::delete(&svc.db.pool, &ctx.id).await?;
        }
        Outcome::Send(letter) => send(svc, ctx, &letter).await?,
    }
    Ok(())
}

/// Sends a job's email from the studio's branding (sender, reply-to), then
/// records it with the job's removal in one transaction: a retry after this
/// point sees the record and does not send again.
async fn send(svc: &Services, ctx: &JobContext, letter: &Letter) -> anyhow::Result<()> {
    let studio = svc.studio_settings().await?;
    let from: lettre::message::Mailbox = studio.branding.sender.parse()?;
    let reply_to = studio
        .branding
        .support_email
        .as_deref()
        .and_then(|e| e.parse().ok());
    let sent = svc
        .mailer
        .send_as(&ctx.id, &letter.mail, &from, reply_to.as_ref())
        .await;
    crate::telemetry::metrics().mail(sent.is_ok());
    if let Err(e) = &sent
        && let Some(member) = &letter.member
        && let Some(said) = crate::email::permanent_refusal(e)
    {
        // Refused for good: retrying cannot help. The headshot shows
        // *Email bounced* until a leader corrects the address.
        tracing::warn!(job.id = %ctx.id, to = %letter.to, "mail bounced: the server refused the address for good");
        svc.email_bounced(&member.headshot_id, &member.email, &said)
            .await?;
        db::jobs::delete(&svc.db.pool, &ctx.id).await?;
        return Ok(());
    }
    sent?;
    let mut tx = svc.db.begin().await?;
    db::jobs::record_mail_sent(
        &mut *tx,
        &ctx.id,
        letter.template,
        &letter.to,
        svc.mailer.transport_name(),
        svc.now_ms(),
    )
    .await?;
    db::jobs::delete(&mut *tx, &ctx.id).await?;
    tx.commit().await?;
    tracing::info!(job.id = %ctx.id, to = %letter.to, template = letter.template, "mail sent");
    Ok(())
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

/// Run every ready job, then return (tests, and `worker --once`).
pub async fn run_until_idle(svc: &Services) -> anyhow::Result<usize> {
    let mut n = 0;
    while run_one(svc, "inline", &JobKind::ALL).await? {
        n += 1;
    }
    Ok(n)
}

/// Start `n` job runners, and beside them one lane for cut-outs, that stop
/// when `shutdown` is cancelled.
///
/// A cut-out takes seconds of every core, so they run one at a time in
/// their own lane: a burst of uploads queues there (first come, first
/// served) while the `n` runners keep sending mail, rendering deliveries and
/// calling webhooks. With two runners or more, the first never takes
/// webhooks either, so a team's slow endpoint cannot hold up renders and
/// emails.
pub fn spawn_workers(
    svc: &Services,
    n: usize,
    shutdown: CancellationToken,
) -> Vec<tokio::task::JoinHandle<()>> {
    if n == 0 {
        return Vec::new();
    }
    let general = |i: usize| -> Vec<JobKind> {
        JobKind::ALL
            .into_iter()
            .filter(|k| *k != JobKind::Cutout && !(n > 1 && i == 0 && *k == JobKind::Webhook))
            .collect()
    };
    let mut lanes: Vec<(String, Vec<JobKind>)> = (0..n)
        .map(|i| {
            (
                format!("{}-{}-{i}", hostname(), std::process::id()),
                general(i),
            )
        })
        .collect();
    lanes.push((
        format!("{}-{}-cutout", hostname(), std::process::id()),
        vec![JobKind::Cutout],
    ));
    lanes
        .into_iter()
        .map(|(name, kinds)| {
            let svc = svc.clone();
            let shutdown = shutdown.clone();
            let hand_back = kinds == [JobKind::Cutout];
            tokio::spawn(async move {
                loop {
                    if shutdown.is_cancelled() {
                        break;
                    }
                    let stop = hand_back.then_some(&shutdown);
                    match run_one_until(&svc, &name, &kinds, stop).await {
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

/// Runs scheduled work now and then every ten minutes until `shutdown`.
pub fn spawn_scheduler(svc: &Services, shutdown: CancellationToken) -> tokio::task::JoinHandle<()> {
    let svc = svc.clone();
    tokio::spawn(async move {
        loop {
            if let Err(e) = svc.send_scheduled_reminders().await {
                tracing::error!(error = %e, "scheduled reminders failed");
            }
            if let Err(e) = svc.send_digests().await {
                tracing::error!(error = %e, "digests failed");
            }
            if let Err(e) = svc.start_due_refreshes().await {
                tracing::error!(error = %e, "periodic refreshes failed");
            }
            if let Err(e) = svc.apply_retention().await {
                tracing::error!(error = %e, "retention failed");
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
    #[tokio::test]
    async fn a_panicking_job_is_a_failed_job() {
        let e = super::caught(async { panic!("index out of bounds") })
            .await
            .unwrap_err();
        assert_eq!(e.to_string(), "the job panicked: index out of bounds");
        assert!(super::caught(async { Ok(()) }).await.is_ok());
    }
}
