//! What can be put on the job queue, and how: the job kinds, their typed
//! payloads and retry policies, and `enqueue`. It sits below `services` and
//! `jobs`: services enqueue work here without knowing how it runs, and the
//! runner in `jobs` reads the same types back.

pub mod payloads;

use crate::db::{self, Tx};
use serde::Serialize;
use serde::de::DeserializeOwned;

pub use payloads::{
    AccountMail, AccountOccasion, CutoutJob, DeleteObjects, ExpressJob, JoinMail, LeaderNotice,
    MailJob, Notice, PhotoPushJob, RenderJob, ResizeJob, SignupMail, SlackRevokeJob, SupportMail,
    Template, WebhookJob,
};

/// Every kind of job. The wire name is what the `jobs.kind` column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum JobKind {
    Mail,
    AccountMail,
    SignupMail,
    JoinMail,
    SupportMail,
    Render,
    Resize,
    Webhook,
    Cutout,
    Express,
    LeaderNotice,
    DeleteObjects,
    PhotoPush,
    SlackRevoke,
}

crate::domain::wire::wire_names!(JobKind {
    Mail => "mail",
    AccountMail => "account_mail",
    SignupMail => "signup_mail",
    JoinMail => "join_mail",
    SupportMail => "support_mail",
    Render => "render",
    Resize => "resize",
    Webhook => "webhook",
    Cutout => "cutout",
    Express => "express",
    LeaderNotice => "leader_notice",
    DeleteObjects => "delete_objects",
    PhotoPush => "photo_push",
    SlackRevoke => "slack_revoke",
});

impl JobKind {
    /// How often, and after which waits, a failed job of this kind is tried
    /// again.
    pub fn retry(self) -> Retry {
        match self {
            // A team's endpoint is told at 1 min, 5 min, 15 min, 1 h and 6 h.
            // A profile photo is retried like a webhook.
            Self::Webhook | Self::PhotoPush => Retry::Schedule(&WEBHOOK_WAITS_MS),
            // A draft is worth having within minutes; after that the
            // retoucher cuts out by hand, as without drafts.
            Self::Cutout => Retry::Schedule(&CUTOUT_WAITS_MS),
            _ => Retry::Backoff,
        }
    }
}

/// With `Retry::Backoff`, the retries of a job span about two days
/// (`retry_horizon_ms`): an SMTP or storage outage of a weekend loses nothing.
pub const MAX_ATTEMPTS: i64 = 17;
const MAX_BACKOFF_MS: i64 = 6 * 3_600_000;
const WEBHOOK_WAITS_MS: [i64; 5] = [60_000, 300_000, 900_000, 3_600_000, 21_600_000];
const CUTOUT_WAITS_MS: [i64; 2] = [60_000, 600_000];

/// A retry policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// 30 s, 1 min, 2 min … capped at 6 h, `MAX_ATTEMPTS` tries in all.
    Backoff,
    /// One first try, then one more after each of these waits.
    Schedule(&'static [i64]),
}

impl Retry {
    pub fn max_attempts(self) -> i64 {
        match self {
            Self::Backoff => MAX_ATTEMPTS,
            Self::Schedule(waits) => waits.len() as i64 + 1,
        }
    }

    /// The wait after the `attempt`th failure.
    pub fn delay_ms(self, attempt: i64) -> i64 {
        match self {
            Self::Backoff => backoff_ms(attempt),
            Self::Schedule(waits) => {
                let i = usize::try_from(attempt - 1).unwrap_or(0);
                waits[i.min(waits.len() - 1)]
            }
        }
    }
}

/// Retry delay after the `attempt`th failure: 30 s, 1 min, 2 min … capped at 6 h.
pub fn backoff_ms(attempt: i64) -> i64 {
    let exp = (attempt - 1).clamp(0, 20) as u32;
    (30_000i64 * 2i64.pow(exp)).min(MAX_BACKOFF_MS)
}

/// From the first failure to giving up (the sum of the waits).
pub fn retry_horizon_ms() -> i64 {
    (1..MAX_ATTEMPTS).map(backoff_ms).sum()
}

/// A job's typed payload, stored as JSON in `jobs.payload`.
pub trait Payload: Serialize + DeserializeOwned + Send + Sync {
    const KIND: JobKind;
}

/// Queue `payload` in the transaction that causes it: the job exists if and
/// only if that transaction commits.
pub async fn enqueue<P: Payload>(tx: &mut Tx, payload: &P, now: i64) -> anyhow::Result<String> {
    let id = db::new_id();
    let json = serde_json::to_string(payload)?;
    let kind = P::KIND;
    db::jobs::insert(
        &mut **tx,
        &id,
        kind,
        &json,
        now,
        kind.retry().max_attempts(),
        now,
    )
    .await?;
    Ok(id)
}

/// Several jobs of one kind at once (at most `db::BATCH_ROWS`).
pub async fn enqueue_many<P: Payload>(tx: &mut Tx, payloads: &[P], now: i64) -> anyhow::Result<()> {
    let jobs = payloads
        .iter()
        .map(|p| Ok((db::new_id(), serde_json::to_string(p)?)))
        .collect::<anyhow::Result<Vec<_>>>()?;
    let kind = P::KIND;
    db::jobs::insert_many(&mut **tx, kind, &jobs, kind.retry().max_attempts(), now).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff_ms(1), 30_000);
        assert_eq!(backoff_ms(2), 60_000);
        assert_eq!(backoff_ms(3), 120_000);
        assert_eq!(backoff_ms(30), 6 * 3_600_000);
    }

    #[test]
    fn retries_span_about_two_days() {
        let hours = retry_horizon_ms() as f64 / 3_600_000.0;
        assert!((40.0..=56.0).contains(&hours), "{hours} h");
    }

    #[test]
    fn webhooks_follow_their_schedule_then_stop() {
        let r = JobKind::Webhook.retry();
        assert_eq!(r.max_attempts(), 6);
        let waits: Vec<i64> = (1..=6).map(|a| r.delay_ms(a)).collect();
        assert_eq!(
            waits,
            [60_000, 300_000, 900_000, 3_600_000, 21_600_000, 21_600_000]
        );
        assert_eq!(JobKind::Mail.retry().max_attempts(), MAX_ATTEMPTS);
    }

    #[test]
    fn kinds_round_trip_through_their_names() {
        for k in JobKind::ALL {
            assert_eq!(JobKind::parse(k.as_str()), Some(k));
        }
        assert_eq!(JobKind::parse("thumbnail"), None);
    }
}
