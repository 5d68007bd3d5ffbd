//! Background jobs on the database queue: enqueued (`crate::queue`) in the
//! transaction that causes them, run by workers inside `serve` (or alone in
//! `worker`), retried by their kind's policy, claimed with a lease.
//!
//! Each job kind is a [`Job`]: its file holds only its own work. The runner
//! (`runner.rs`) does what every job shares: decoding the payload, skipping
//! an email that was already sent, deleting the job once it is done or has
//! nothing left to do, sending and recording an email exactly once, and
//! scheduling the retry of a failure.

pub mod account_mail;
pub mod cutout;
pub mod delete_objects;
pub mod express;
pub mod join_mail;
pub mod mail;
pub mod notice_mail;
pub mod photo_push;
pub mod render;
pub mod resize;
mod runner;
pub mod signup_mail;
pub mod slack_revoke;
pub mod support_mail;
pub mod webhook;

use crate::email::OutgoingMail;
use crate::queue::{JobKind, Payload};
use crate::services::Services;
use std::future::Future;

pub use runner::{run_one, run_until_idle, spawn_scheduler, spawn_workers};

/// What the runner knows of the job being run.
#[derive(Debug, Clone)]
pub struct JobContext {
    pub id: String,
    /// 1 on the first try.
    pub attempt: i64,
}

/// How a run ended, when it did not fail.
#[derive(Debug)]
pub enum Outcome {
    /// The work is done; the runner deletes the job.
    Done,
    /// Nothing is left to do (what the job was for is gone, or a newer job
    /// does it); the runner deletes the job.
    Skipped(&'static str),
    /// An email to send: the runner sends it, then records the sending and
    /// deletes the job in one transaction, so a retry never sends it twice.
    Send(Letter),
}

/// An email and what the sent-mail log keeps of it.
#[derive(Debug)]
pub struct Letter {
    pub mail: OutgoingMail,
    /// The template's name, for the log.
    pub template: &'static str,
    /// Whom it went to, masked (`j***@example.com`, `3 recipients`).
    pub to: String,
    /// A team member's address: when the receiving server refuses it for
    /// good, the headshot is marked *Email bounced* instead of retrying.
    pub member: Option<MemberAddress>,
}

#[derive(Debug)]
pub struct MemberAddress {
    pub headshot_id: String,
    pub email: String,
}

/// One kind of background job.
pub trait Job {
    type Payload: Payload;
    /// Jobs that send an email are skipped when the log shows it sent (a
    /// runner that stopped between sending and deleting the job).
    const SENDS_MAIL: bool = false;

    fn run(
        svc: &Services,
        ctx: &JobContext,
        payload: Self::Payload,
    ) -> impl Future<Output = anyhow::Result<Outcome>> + Send;
}

/// The job that runs each kind: one `match`, checked by the compiler.
async fn dispatch(
    svc: &Services,
    kind: JobKind,
    ctx: &JobContext,
    payload: &str,
) -> anyhow::Result<()> {
    match kind {
        JobKind::Mail => runner::run_job::<mail::Mail>(svc, ctx, payload).await,
        JobKind::AccountMail => {
            runner::run_job::<account_mail::SignInMail>(svc, ctx, payload).await
        }
        JobKind::SignupMail => runner::run_job::<signup_mail::Confirm>(svc, ctx, payload).await,
        JobKind::JoinMail => runner::run_job::<join_mail::ConfirmJoin>(svc, ctx, payload).await,
        JobKind::SupportMail => runner::run_job::<support_mail::Support>(svc, ctx, payload).await,
        JobKind::Render => runner::run_job::<render::Render>(svc, ctx, payload).await,
        JobKind::Resize => runner::run_job::<resize::Resize>(svc, ctx, payload).await,
        JobKind::Webhook => runner::run_job::<webhook::Webhook>(svc, ctx, payload).await,
        JobKind::PhotoPush => runner::run_job::<photo_push::PhotoPush>(svc, ctx, payload).await,
        JobKind::SlackRevoke => {
            runner::run_job::<slack_revoke::SlackRevoke>(svc, ctx, payload).await
        }
        JobKind::Cutout => runner::run_job::<cutout::Cutout>(svc, ctx, payload).await,
        JobKind::Express => runner::run_job::<express::Express>(svc, ctx, payload).await,
        JobKind::LeaderNotice => {
            runner::run_job::<notice_mail::NoticeMail>(svc, ctx, payload).await
        }
        JobKind::DeleteObjects => {
            runner::run_job::<delete_objects::Delete>(svc, ctx, payload).await
        }
    }
}
