//! The payload of each job kind: ids and choices only, never a secret (a
//! sign-in link is made when its email is sent) and never data that can be
//! read again when the job runs.

use super::{JobKind, Payload};
use serde::{Deserialize, Serialize};

/// The emails a team member receives about their headshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Template {
    Welcome,
    Reminder,
    NewPhotoRequested,
    Delivered,
}

impl Template {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Welcome => "welcome",
            Self::Reminder => "reminder",
            Self::NewPhotoRequested => "new_photo_requested",
            Self::Delivered => "delivered",
        }
    }
}

/// One email to a team member, rendered from current data when sent.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MailJob {
    pub template: Template,
    pub headshot_id: String,
    /// For a welcome: the personal link's version it was queued for. A
    /// welcome whose link was replaced since (the email was corrected) is
    /// not sent: the replacement's own welcome goes instead.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link_version: Option<i64>,
}

impl MailJob {
    pub fn new(template: Template, headshot_id: &str) -> Self {
        Self {
            template,
            headshot_id: headshot_id.into(),
            link_version: None,
        }
    }

    /// The welcome with the personal link of `version`.
    pub fn welcome(headshot_id: &str, version: i64) -> Self {
        Self {
            link_version: Some(version),
            ..Self::new(Template::Welcome, headshot_id)
        }
    }
}

impl Payload for MailJob {
    const KIND: JobKind = JobKind::Mail;
}

/// A one-time sign-in link for a leader or staff member.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountMail {
    pub user_id: String,
    /// Who invited this person (a leader or an admin), for the email.
    #[serde(default)]
    pub invited_by: Option<String>,
    /// Why the link goes out; older jobs with `invited_by` were leader
    /// invitations.
    #[serde(default)]
    pub occasion: AccountOccasion,
    /// The team the email is about (an account may lead several); older
    /// jobs without it speak of the account's home team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountOccasion {
    /// The person asked for a link.
    #[default]
    SignIn,
    /// A leader added this one to their team.
    LeaderInvited,
    /// The studio created a team with this person as its first leader.
    TeamCreated,
    /// An admin invited this person to the studio's staff.
    StaffInvited,
}

impl Payload for AccountMail {
    const KIND: JobKind = JobKind::AccountMail;
}

/// The confirmation link of a sign-up on the Get started page.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignupMail {
    pub signup_id: String,
}

impl Payload for SignupMail {
    const KIND: JobKind = JobKind::SignupMail;
}

/// The confirmation link of someone joining through an open invite link.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinMail {
    pub join_id: String,
}

impl Payload for JoinMail {
    const KIND: JobKind = JobKind::JoinMail;
}

/// Deletes a headshot's stored objects after the rows that pointed at them
/// were changed in the same transaction (retention, erasure): a crash
/// between the two leaves the job, and the deletion happens on its retry.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DeleteObjects {
    pub team_id: String,
    pub headshot_id: String,
    pub objects: crate::storage::HeadshotObjects,
}

impl Payload for DeleteObjects {
    const KIND: JobKind = JobKind::DeleteObjects;
}

/// A new help request (to the studio), or the studio's answer (to the team).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SupportMail {
    pub request_id: String,
    /// Set for the studio's answer, which goes to the team.
    #[serde(default)]
    pub reply_id: Option<String>,
}

impl Payload for SupportMail {
    const KIND: JobKind = JobKind::SupportMail;
}

/// The files of one delivery, made from the retoucher's hand-in.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RenderJob {
    pub headshot_id: String,
    pub delivery: i64,
    pub source_key: String,
    /// `cutout` or `image`.
    pub handed: String,
}

impl Payload for RenderJob {
    const KIND: JobKind = JobKind::Render;
}

/// A paid resize request.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ResizeJob {
    pub request_id: String,
}

impl Payload for ResizeJob {
    const KIND: JobKind = JobKind::Resize;
}

/// One webhook event for one endpoint.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct WebhookJob {
    pub webhook_id: String,
    pub event_id: String,
    pub event_type: String,
    /// The JSON body, kept as sent so every retry carries the same bytes.
    pub body: String,
}

impl WebhookJob {
    /// Any 2xx answer ends the retries.
    pub fn answered_ok(status: i64) -> bool {
        (200..300).contains(&status)
    }
}

impl Payload for WebhookJob {
    const KIND: JobKind = JobKind::Webhook;
}

/// Sets an approved headshot as its member's profile photo at one service.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PhotoPushJob {
    pub headshot_id: String,
    /// `entra`.
    pub provider: String,
}

impl Payload for PhotoPushJob {
    const KIND: JobKind = JobKind::PhotoPush;
}

/// Revokes a member's Slack token that has served or is given up: queued
/// in the transaction that forgets it, so no token is dropped while still
/// live at Slack (Slack's user tokens do not expire).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SlackRevokeJob {
    /// What the token was sealed for (the headshot's id, or the team's).
    pub context: String,
    pub token_sealed: String,
}

impl Payload for SlackRevokeJob {
    const KIND: JobKind = JobKind::SlackRevoke;
}

/// The automatic cut-out of one uploaded photo.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CutoutJob {
    pub headshot_id: String,
    pub photo_id: String,
}

impl Payload for CutoutJob {
    const KIND: JobKind = JobKind::Cutout;
}

/// Delivers a headshot's draft without a retoucher (Express teams), once
/// both the quality check has passed and the draft exists; whichever comes
/// second enqueues it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExpressJob {
    pub headshot_id: String,
}

impl Payload for ExpressJob {
    const KIND: JobKind = JobKind::Express;
}

/// One email notice to one team leader.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LeaderNotice {
    pub user_id: String,
    pub notice: Notice,
    /// The team it is about (a leader may lead several); older jobs
    /// without it speak of the leader's home team.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
}

impl Payload for LeaderNotice {
    const KIND: JobKind = JobKind::LeaderNotice;
}

/// What a leader is told.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notice {
    /// What happened in `[since, until)` (Unix milliseconds), and who is
    /// overdue or owes a new photo now.
    Digest { since: i64, until: i64 },
    /// The quality check asked a member for a new photo.
    NewPhoto { headshot_id: String },
    /// The team's credits fell below the low mark.
    CreditsLow,
    /// A member asks the team to pay for a re-edit or re-do.
    SpendRequest { request_id: String },
}

impl Notice {
    pub fn kind(&self) -> crate::domain::notices::NoticeKind {
        use crate::domain::notices::NoticeKind;
        match self {
            Self::Digest { .. } => NoticeKind::Digest,
            Self::NewPhoto { .. } => NoticeKind::NewPhoto,
            Self::CreditsLow => NoticeKind::CreditsLow,
            Self::SpendRequest { .. } => NoticeKind::SpendRequest,
        }
    }
}
