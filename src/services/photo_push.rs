//! Profile photos where colleagues see them: a team connects a service
//! (its admin consents at the provider), and every headshot approved from
//! then on is set as its member's profile photo there by a job
//! (`jobs/photo_push.rs`), retried like webhooks and shown per member on
//! the dashboard ("pushed to Entra ID ✓"). Slack sets only a person's own
//! photo: there the connection names the workspace, and each member
//! consents on their page (`slack_photo.rs`).

use super::secrets::{hash_token, new_token};
use super::views::rfc3339;
use super::{Error, Principal, Result, Services};
use crate::db::{self, headshots::HeadshotRow, photo_pushes::ConnectionRow};
use crate::photo_push::{self, Provider, entra, google, slack};
use crate::queue::{self, PhotoPushJob};
use serde::Serialize;
use std::collections::HashMap;
use utoipa::ToSchema;

/// What seals a connection's refresh token (Google).
pub(crate) const SEAL_PURPOSE: &str = "push-refresh-token";

/// The sealing context of `team_id`'s connection to `provider`: a sealed
/// token copied to another team's row does not open.
pub(crate) fn seal_context(team_id: &str, provider: Provider) -> String {
    format!("{team_id}:{}", provider.as_str())
}

/// What the provider's consent page sent back: the code to trade for
/// tokens (which say whose organisation consented).
#[derive(Debug, Default)]
pub struct ConsentReply {
    pub code: Option<String>,
}

/// How long the provider's consent page may take.
pub const CONSENT_MINUTES: i64 = 15;

/// Where a provider sends the team's admin back after consenting.
pub fn callback_path(provider: Provider) -> String {
    format!("/integrations/{}/callback", provider.as_str())
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Integration {
    /// `entra`.
    pub provider: String,
    pub label: String,
    /// The studio has set up its application for this service (otherwise
    /// it cannot be connected).
    pub available: bool,
    pub connected: bool,
    /// The team's account there (Entra ID: the tenant id; Google: the
    /// administrator who consented; Slack: the workspace).
    pub account: Option<String>,
    pub connected_at: Option<String>,
    pub connected_by: Option<String>,
    /// The address to register at the provider as the redirect URI.
    pub redirect_uri: String,
}

/// Where one headshot's profile photo stands at one service.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfilePhoto {
    pub provider: String,
    /// `waiting`, `pushed`, `retrying`, `failed` or `no_account`; Slack
    /// also `consented` (the member allowed it before approving).
    pub state: String,
    pub detail: Option<String>,
    pub updated_at: String,
}

impl ProfilePhoto {
    fn of(r: db::photo_pushes::PushRow) -> Self {
        Self {
            provider: r.provider,
            state: r.state,
            detail: r.detail,
            updated_at: rfc3339(r.updated_at),
        }
    }

    /// "pushed to Entra ID ✓", for the dashboard.
    pub fn spoken(&self) -> String {
        let name = Provider::parse(&self.provider).map_or("?", Provider::short);
        match self.state.as_str() {
            "pushed" => format!("pushed to {name} ✓"),
            "no_account" => format!("not in {name}"),
            "failed" => format!("{name}: not pushed"),
            "retrying" => format!("{name}: retrying"),
            "consented" => format!("{name}: at approval"),
            _ => format!("{name}: on its way"),
        }
    }
}

fn provider_of(name: &str) -> Result<Provider> {
    Provider::parse(name).ok_or(Error::NotFound("service"))
}

impl Services {
    fn push_app_available(&self, provider: Provider) -> bool {
        match provider {
            Provider::Entra => self.settings.entra.app.is_some(),
            Provider::Google => self.settings.google.app.is_some(),
            Provider::Slack => self.settings.slack.app.is_some(),
        }
    }

    /// The services the team can connect, and what is connected.
    pub async fn integrations(&self, p: &Principal) -> Result<Vec<Integration>> {
        let team_id = p.leader_team()?;
        let connected = db::photo_pushes::connections(&self.db.pool, team_id.as_str()).await?;
        Ok(Provider::ALL
            .into_iter()
            .map(|provider| {
                let c = connected.iter().find(|c| c.provider == provider.as_str());
                Integration {
                    provider: provider.as_str().into(),
                    label: provider.label().into(),
                    available: self.push_app_available(provider),
                    connected: c.is_some(),
                    account: c.map(|c| c.account.clone()),
                    connected_at: c.map(|c| rfc3339(c.connected_at)),
                    connected_by: c.map(|c| c.connected_by.clone()),
                    redirect_uri: self.url(&callback_path(provider)),
                }
            })
            .collect())
    }

    /// Starts connecting `provider`: the address of its consent page, for
    /// a signed-in leader of the whole team (who comes back to finish).
    pub async fn begin_connect(&self, p: &Principal, provider: &str) -> Result<String> {
        let team_id = p.accountable_leader_team("the team's services")?;
        let user_id = p.account().ok_or_else(|| {
            Error::Forbidden("Connect a service from the dashboard, signed in as a leader.".into())
        })?;
        let provider = provider_of(provider)?;
        let unavailable = || {
            Error::Conflict(format!(
                "The studio has not set up {} yet: ask the studio.",
                provider.label()
            ))
        };
        let state = new_token();
        let now = self.now_ms();
        let redirect_uri = self.url(&callback_path(provider));
        let url = match provider {
            Provider::Entra => {
                let app = self.settings.entra.app.as_ref().ok_or_else(unavailable)?;
                entra::consent_url(&self.settings.entra, app, &redirect_uri, &state)
            }
            Provider::Google => {
                let app = self.settings.google.app.as_ref().ok_or_else(unavailable)?;
                google::consent_url(&self.settings.google, app, &redirect_uri, &state)
            }
            Provider::Slack => {
                let app = self.settings.slack.app.as_ref().ok_or_else(unavailable)?;
                slack::authorize_url(&self.settings.slack, app, &redirect_uri, &state, None)
            }
        };
        db::photo_pushes::purge_consents(&self.db.pool, now).await?;
        db::photo_pushes::insert_consent(
            &self.db.pool,
            &hash_token(&state),
            &db::photo_pushes::ConsentRow {
                team_id: team_id.to_string(),
                provider: provider.as_str().into(),
                user_id: user_id.to_string(),
                expires_at: now + CONSENT_MINUTES * 60_000,
            },
        )
        .await?;
        Ok(url)
    }

    /// Finishes connecting after the provider's consent page, with what it
    /// sent back. Only the leader who began it, once, within 15 minutes;
    /// the connection is tried (a token is asked for) before it is kept.
    pub async fn finish_connect(
        &self,
        p: &Principal,
        provider: &str,
        state: &str,
        reply: ConsentReply,
    ) -> Result<Integration> {
        let provider = provider_of(provider)?;
        let again = |why: &str| {
            Error::BadRequest(format!(
                "{why} Connect {} again from the team's services page.",
                provider.label()
            ))
        };
        // Only by the leader who began it, still looking at the same team:
        // anyone else opening the link neither finishes nor spends it.
        let team_id = p.accountable_leader_team("the team's services")?;
        let user_id = p.account().ok_or(Error::Unauthenticated)?;
        let consent = db::photo_pushes::take_consent(
            &self.db.pool,
            &hash_token(state),
            team_id.as_str(),
            user_id.as_str(),
            provider.as_str(),
        )
        .await?
        .ok_or_else(|| {
            again("This connection has expired, was already used, or was started by someone else.")
        })?;
        if consent.expires_at < self.now_ms() {
            return Err(again("This connection took over 15 minutes."));
        }
        let code = reply
            .code
            .ok_or_else(|| again("The provider sent no authorisation code back."))?;
        let redirect_uri = self.url(&callback_path(provider));
        let http = photo_push::client().map_err(anyhow::Error::from)?;
        let (account, account_id, secret) = match provider {
            Provider::Entra => {
                let app = self
                    .settings
                    .entra
                    .app
                    .as_ref()
                    .ok_or(Error::NotFound("service"))?;
                let tenant =
                    entra::tenant_of_code(&http, &self.settings.entra, app, &code, &redirect_uri)
                        .await
                        .map_err(|e| {
                            Error::BadRequest(format!(
                                "Microsoft did not confirm the consent ({e:#}). An administrator of the organisation must sign in and consent; connect again."
                            ))
                        })?;
                (tenant, None, None)
            }
            Provider::Google => {
                let app = self
                    .settings
                    .google
                    .app
                    .as_ref()
                    .ok_or(Error::NotFound("service"))?;
                let grant =
                    google::exchange(&http, &self.settings.google, app, &code, &redirect_uri)
                        .await
                        .map_err(|e| {
                            Error::BadRequest(format!(
                                "Google did not give access ({e:#}). A Workspace administrator must consent to managing users; connect again."
                            ))
                        })?;
                let sealed = self.keys.seal(
                    SEAL_PURPOSE,
                    &seal_context(team_id.as_str(), provider),
                    &grant.refresh_token,
                );
                (
                    grant.admin.unwrap_or_else(|| "Google Workspace".into()),
                    None,
                    Some(sealed),
                )
            }
            Provider::Slack => {
                let app = self
                    .settings
                    .slack
                    .app
                    .as_ref()
                    .ok_or(Error::NotFound("service"))?;
                let grant = slack::exchange(&http, &self.settings.slack, app, &code, &redirect_uri)
                    .await
                    .map_err(|e| {
                        Error::BadRequest(format!(
                            "Slack did not confirm the workspace ({e:#}); connect again."
                        ))
                    })?;
                // The leader's own token only named the workspace: members
                // consent for their own photos.
                self.revoke_soon(&format!("team:{team_id}"), &grant.token)
                    .await?;
                (grant.workspace_name, Some(grant.workspace_id), None)
            }
        };
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let before =
            db::photo_pushes::connection(&mut *tx, team_id.as_str(), provider.as_str()).await?;
        if provider == Provider::Slack && before.is_some_and(|b| b.account_id != account_id) {
            // Members' consents were for the workspace named before.
            super::slack_photo::drop_team_grants(&mut tx, team_id.as_str(), now).await?;
        }
        db::photo_pushes::connect(
            &mut *tx,
            &ConnectionRow {
                team_id: team_id.to_string(),
                provider: provider.as_str().into(),
                account,
                account_id,
                secret_sealed: secret,
                connected_at: now,
                connected_by: p.audit_name(),
            },
        )
        .await?;
        db::events::insert_team(
            &mut *tx,
            team_id.as_str(),
            now,
            &p.audit_name(),
            &format!(
                "connected {}: approved headshots become profile photos there",
                provider.label()
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.integrations(p)
            .await?
            .into_iter()
            .find(|i| i.provider == provider.as_str())
            .ok_or(Error::NotFound("service"))
    }

    /// Disconnects (again: nothing to do); pushes on their way stop.
    pub async fn disconnect(&self, p: &Principal, provider: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("the team's services")?;
        let provider = provider_of(provider)?;
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        if provider == Provider::Slack {
            // The members' tokens held for pushes to come go with it.
            super::slack_photo::drop_team_grants(&mut tx, team_id.as_str(), now).await?;
        }
        if db::photo_pushes::disconnect(&mut *tx, team_id.as_str(), provider.as_str()).await? {
            db::events::insert_team(
                &mut *tx,
                team_id.as_str(),
                now,
                &p.audit_name(),
                &format!("disconnected {}", provider.label()),
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// In the approval's transaction: one push per connected service (to
    /// Slack, for a member who consented).
    pub(crate) async fn queue_photo_pushes(
        &self,
        tx: &mut db::Tx,
        h: &HeadshotRow,
        now: i64,
    ) -> Result<()> {
        for c in db::photo_pushes::connections(&mut **tx, h.team_id.as_str()).await? {
            if c.provider == Provider::Slack.as_str()
                && db::slack_photos::grant(&mut **tx, h.id.as_str())
                    .await?
                    .is_none()
            {
                // A photo set before a re-edit is not this one: the member
                // is offered Slack again.
                db::photo_pushes::forget(&mut **tx, h.id.as_str(), &c.provider).await?;
                continue;
            }
            db::photo_pushes::record(&mut **tx, h.id.as_str(), &c.provider, "waiting", None, now)
                .await?;
            queue::enqueue(
                tx,
                &PhotoPushJob {
                    headshot_id: h.id.to_string(),
                    provider: c.provider.clone(),
                },
                now,
            )
            .await?;
        }
        Ok(())
    }

    /// Where the headshot's profile photos stand.
    pub(crate) async fn profile_photos(&self, headshot_id: &str) -> Result<Vec<ProfilePhoto>> {
        Ok(db::photo_pushes::of_headshot(&self.db.pool, headshot_id)
            .await?
            .into_iter()
            .map(ProfilePhoto::of)
            .collect())
    }

    /// The same for every headshot of a team, by headshot.
    pub(crate) async fn team_profile_photos(
        &self,
        team_id: &str,
    ) -> Result<HashMap<String, Vec<ProfilePhoto>>> {
        let mut out: HashMap<String, Vec<ProfilePhoto>> = HashMap::new();
        for r in db::photo_pushes::of_team(&self.db.pool, team_id).await? {
            out.entry(r.headshot_id.clone())
                .or_default()
                .push(ProfilePhoto::of(r));
        }
        Ok(out)
    }

    /// The square JPEG a service receives: from the approved headshot's
    /// final with a background (else any final), largest first.
    pub(crate) async fn profile_picture(&self, h: &HeadshotRow) -> anyhow::Result<Vec<u8>> {
        let mut finals: Vec<_> = db::files::latest_for(&self.db.pool, &h.id)
            .await?
            .into_iter()
            .filter(|f| f.watermarked == 0 && f.resize_id.is_none())
            .collect();
        finals.sort_by_key(|f| (f.background_id.is_some(), f.width.min(f.height)));
        let f = finals
            .pop()
            .ok_or_else(|| anyhow::anyhow!("the headshot has no final file"))?;
        let data = self.storage.get(&f.storage_key).await?;
        self.imaging.run(move || photo_push::picture(&data)).await?
    }
}
