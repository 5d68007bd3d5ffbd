//! A member's own Slack photo. Slack's `users.setPhoto` changes only the
//! caller's photo, so where a team has connected its workspace each member
//! may allow it on their page: Slack's consent (that workspace only), the
//! member's token kept sealed until the headshot is approved, the photo
//! set by the push job (`jobs/photo_push.rs`), then the token revoked.

use super::photo_push::CONSENT_MINUTES;
use super::secrets::{hash_token, new_token};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::db::Tx;
use crate::domain::{HeadshotId, HeadshotStatus};
use crate::photo_push::{self, Provider, slack};
use crate::queue::{self, PhotoPushJob, SlackRevokeJob};

/// Where Slack sends a member back (registered at Slack beside the
/// leaders' `/integrations/slack/callback`).
pub const MEMBER_CALLBACK: &str = "/integrations/slack/member-callback";

/// What seals a member's Slack token.
pub(crate) const TOKEN_PURPOSE: &str = "slack-user-token";

/// What the member's page offers, and where their Slack photo stands.
#[derive(Debug, Clone)]
pub struct SlackOffer {
    /// The workspace's name.
    pub workspace: String,
    /// The push's state (`consented`, `waiting`, `retrying`, `pushed`,
    /// `failed`), none before the member allows it.
    pub state: Option<String>,
    pub detail: Option<String>,
    /// The member's consent is held, waiting to serve.
    pub held: bool,
}

impl SlackOffer {
    /// Where it stands, for the page: `offered` (not allowed yet),
    /// `consented`, `setting`, `pushed` or `failed`.
    pub fn step(&self) -> &'static str {
        match (self.state.as_deref(), self.held) {
            (Some("pushed"), false) => "pushed",
            (Some("failed"), false) => "failed",
            (Some("consented"), true) => "consented",
            (Some(_), true) => "setting",
            // Nothing held (never allowed, or the team disconnected since).
            _ => "offered",
        }
    }

    /// The button is there unless a consent is already waiting to serve.
    pub fn may_start(&self) -> bool {
        !self.held
    }
}

/// Why a member's consent did not come through, said on their page in
/// their language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SlackRefusal {
    /// Expired, used already, or begun in another browser.
    Expired,
    /// The member cancelled at Slack, or Slack gave no permission.
    NotGranted,
    /// Signed in to another workspace than the team's (its name).
    OtherWorkspace(String),
    /// Signed in as someone else (that account's address).
    OtherPerson(String),
}

impl Services {
    /// The Slack part of a member's own page: none unless the team has
    /// connected Slack (and for a leader looking on the member's behalf:
    /// the Slack account would be theirs).
    pub async fn slack_offer(&self, p: &Principal) -> Result<Option<SlackOffer>> {
        let Principal::Member {
            headshot_id,
            team_id,
            on_behalf: None,
            ..
        } = p
        else {
            return Ok(None);
        };
        if self.settings.slack.app.is_none() {
            return Ok(None);
        }
        let Some(c) =
            db::photo_pushes::connection(&self.db.pool, team_id.as_str(), Provider::Slack.as_str())
                .await?
        else {
            return Ok(None);
        };
        let push = db::photo_pushes::of_headshot(&self.db.pool, headshot_id.as_str())
            .await?
            .into_iter()
            .find(|r| r.provider == Provider::Slack.as_str());
        let held = db::slack_photos::grant(&self.db.pool, headshot_id.as_str())
            .await?
            .is_some();
        Ok(Some(SlackOffer {
            held,
            workspace: c.account,
            state: push.as_ref().map(|r| r.state.clone()),
            detail: push.and_then(|r| r.detail),
        }))
    }

    /// Starts the member's consent: the address of Slack's page, offering
    /// the team's workspace only.
    pub async fn begin_slack_photo(&self, p: &Principal) -> Result<String> {
        let Principal::Member {
            headshot_id,
            team_id,
            on_behalf,
            ..
        } = p
        else {
            return Err(Error::NotFound("personal link"));
        };
        if on_behalf.is_some() {
            return Err(Error::Forbidden(
                "Only the member can allow their own Slack photo: send them their link.".into(),
            ));
        }
        self.load_visible(p, headshot_id.as_str()).await?;
        let app = self
            .settings
            .slack
            .app
            .as_ref()
            .ok_or_else(|| Error::Conflict("The studio has not set up Slack.".into()))?;
        let workspace =
            db::photo_pushes::connection(&self.db.pool, team_id.as_str(), Provider::Slack.as_str())
                .await?
                .and_then(|c| c.account_id)
                .ok_or_else(|| Error::Conflict("Your team has not connected Slack.".into()))?;
        let state = new_token();
        let now = self.now_ms();
        db::slack_photos::purge_consents(&self.db.pool, now).await?;
        db::slack_photos::insert_consent(
            &self.db.pool,
            &hash_token(&state),
            headshot_id.as_str(),
            now + CONSENT_MINUTES * 60_000,
        )
        .await?;
        Ok(slack::authorize_url(
            &self.settings.slack,
            app,
            &self.url(MEMBER_CALLBACK),
            &state,
            Some(&workspace),
        ))
    }

    /// Finishes the member's consent with what Slack sent back: once, for
    /// the member whose page began it, within 15 minutes, in the team's
    /// workspace. An approved headshot is pushed now; another waits for
    /// its approval.
    pub async fn finish_slack_photo(
        &self,
        p: &Principal,
        state: &str,
        code: Option<String>,
    ) -> Result<std::result::Result<(), SlackRefusal>> {
        let Principal::Member {
            headshot_id,
            team_id,
            on_behalf: None,
            ..
        } = p
        else {
            return Err(Error::NotFound("personal link"));
        };
        let expires =
            db::slack_photos::take_consent(&self.db.pool, &hash_token(state), headshot_id.as_str())
                .await?;
        if expires.is_none_or(|at| at < self.now_ms()) {
            return Ok(Err(SlackRefusal::Expired));
        }
        let Some(code) = code else {
            return Ok(Err(SlackRefusal::NotGranted));
        };
        let app = self
            .settings
            .slack
            .app
            .as_ref()
            .ok_or_else(|| Error::Conflict("The studio has not set up Slack.".into()))?;
        let http = photo_push::client().map_err(anyhow::Error::from)?;
        let s = &self.settings.slack;
        let grant = match slack::exchange(&http, s, app, &code, &self.url(MEMBER_CALLBACK)).await {
            Ok(g) => g,
            Err(e) => {
                tracing::info!(error = %format!("{e:#}"), "a member's Slack consent was not granted");
                return Ok(Err(SlackRefusal::NotGranted));
            }
        };
        // Matched by address, like the other services: the Slack account
        // must be the member's, not whoever holds their link.
        let h = db::headshots::get(&self.db.pool, &HeadshotId::of(headshot_id.as_str()))
            .await?
            .ok_or(Error::NotFound("headshot"))?;
        match slack::email_of(&http, s, &grant.token, &grant.user_id).await {
            Ok(Some(email)) if email.eq_ignore_ascii_case(h.email.trim()) => {}
            Ok(email) => {
                let who = email.unwrap_or_else(|| "another person".into());
                self.revoke_soon(headshot_id.as_str(), &grant.token).await?;
                return Ok(Err(SlackRefusal::OtherPerson(who)));
            }
            Err(e) => {
                tracing::info!(error = %format!("{e:#}"), "a Slack account's address was not read");
                self.revoke_soon(headshot_id.as_str(), &grant.token).await?;
                return Ok(Err(SlackRefusal::NotGranted));
            }
        }
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        // An approval at the same moment either sees this grant or is seen.
        db::headshots::lock(&mut *tx, headshot_id.as_str()).await?;
        // Read in the transaction: a disconnect or another workspace named
        // meanwhile is not written over.
        let conn =
            db::photo_pushes::connection(&mut *tx, team_id.as_str(), Provider::Slack.as_str())
                .await?;
        let Some(conn) = conn.filter(|c| c.account_id.as_deref() == Some(&grant.workspace_id))
        else {
            drop(tx);
            let name = db::photo_pushes::connection(
                &self.db.pool,
                team_id.as_str(),
                Provider::Slack.as_str(),
            )
            .await?
            .map_or_else(|| "your team's".to_string(), |c| c.account);
            self.revoke_soon(headshot_id.as_str(), &grant.token).await?;
            return Ok(Err(SlackRefusal::OtherWorkspace(name)));
        };
        // A consent given twice (the button pressed twice): the earlier
        // token is revoked, not left live.
        if let Some(earlier) = db::slack_photos::grant(&mut *tx, headshot_id.as_str()).await? {
            revoke_later(&mut tx, headshot_id.as_str(), &earlier.token_sealed, now).await?;
        }
        db::slack_photos::put_grant(
            &mut *tx,
            &db::slack_photos::GrantRow {
                headshot_id: headshot_id.to_string(),
                workspace_id: conn.account_id.unwrap_or_default(),
                slack_user: grant.user_id.clone(),
                token_sealed: self
                    .keys
                    .seal(TOKEN_PURPOSE, headshot_id.as_str(), &grant.token),
                granted_at: now,
            },
        )
        .await?;
        let slack = Provider::Slack.as_str();
        let status = db::headshots::get(&mut *tx, &h.id)
            .await?
            .map(|now| now.status);
        if status == Some(HeadshotStatus::Approved) {
            db::photo_pushes::record(&mut *tx, h.id.as_str(), slack, "waiting", None, now).await?;
            queue::enqueue(
                &mut tx,
                &PhotoPushJob {
                    headshot_id: h.id.to_string(),
                    provider: slack.into(),
                },
                now,
            )
            .await?;
        } else {
            db::photo_pushes::record(&mut *tx, h.id.as_str(), slack, "consented", None, now)
                .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(Ok(()))
    }
}

/// Queues `auth.revoke` for a sealed token this server stops keeping, in
/// the transaction that forgets it: retried until Slack answers.
pub(crate) async fn revoke_later(
    tx: &mut Tx,
    context: &str,
    token_sealed: &str,
    now: i64,
) -> Result<()> {
    queue::enqueue(
        tx,
        &SlackRevokeJob {
            context: context.into(),
            token_sealed: token_sealed.into(),
        },
        now,
    )
    .await?;
    Ok(())
}

/// Forgets the token held for one headshot, if any (deleted, cancelled,
/// replaced by its refresh, erased), and queues its revocation.
pub(crate) async fn forget_grant(tx: &mut Tx, headshot_id: &str, now: i64) -> Result<()> {
    if let Some(g) = db::slack_photos::take_grant(tx, headshot_id).await? {
        revoke_later(tx, headshot_id, &g.token_sealed, now).await?;
    }
    Ok(())
}

/// Forgets every token held for the team's members (and the Slack pushes
/// waiting on them), each revoked by a job.
pub(crate) async fn drop_team_grants(tx: &mut Tx, team_id: &str, now: i64) -> Result<()> {
    for g in db::slack_photos::take_team_grants(tx, team_id).await? {
        revoke_later(tx, &g.headshot_id, &g.token_sealed, now).await?;
    }
    Ok(())
}

impl Services {
    /// Revokes a token not kept (a leader's, one of another workspace or
    /// person) by a job, sealed in the meantime.
    pub(crate) async fn revoke_soon(&self, context: &str, token: &str) -> Result<()> {
        let sealed = self.keys.seal(TOKEN_PURPOSE, context, token);
        let mut tx = self.db.begin().await?;
        revoke_later(&mut tx, context, &sealed, self.now_ms()).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }
}
