//! Sets one approved headshot as its member's profile photo at one service
//! (matched by address), retried like webhooks (1 min … 6 h); where it
//! stands is recorded for the dashboard after every attempt. Slack is
//! pushed with the member's own token, revoked once it has served.

use super::{Job, JobContext, Outcome};
use crate::db::{
    self, headshots::HeadshotRow, photo_pushes::ConnectionRow, slack_photos::GrantRow,
};
use crate::domain::{HeadshotId, HeadshotStatus};
use crate::photo_push::{self, PICTURE_SIDE, Provider, entra, google, slack};
use crate::queue::{JobKind, PhotoPushJob};
use crate::services::Services;
use crate::services::photo_push::{SEAL_PURPOSE, seal_context};
use crate::services::slack_photo::{TOKEN_PURPOSE, revoke_later};

pub struct PhotoPush;

impl Job for PhotoPush {
    type Payload = PhotoPushJob;

    async fn run(svc: &Services, ctx: &JobContext, p: PhotoPushJob) -> anyhow::Result<Outcome> {
        push(svc, ctx, p).await
    }
}

/// How a push that did not fail ended.
enum Pushed {
    Done,
    /// Nobody at the service has the member's address: not retried.
    NoAccount(String),
    /// The service refused for good (Slack: the member's consent was
    /// taken back): not retried.
    Refused(String),
}

async fn push(svc: &Services, ctx: &JobContext, p: PhotoPushJob) -> anyhow::Result<Outcome> {
    let Some(provider) = Provider::parse(&p.provider) else {
        return Ok(Outcome::Skipped("no such service"));
    };
    let Some(h) = db::headshots::get(&svc.db.pool, &HeadshotId::of(&p.headshot_id)).await? else {
        return Ok(Outcome::Skipped("the headshot was deleted"));
    };
    // A headshot taken back meanwhile (a re-edit) is not pushed; an erased
    // one is not found above.
    if h.status != HeadshotStatus::Approved {
        db::photo_pushes::record(
            &svc.db.pool,
            h.id.as_str(),
            provider.as_str(),
            "failed",
            Some("the headshot is no longer approved"),
            svc.now_ms(),
        )
        .await?;
        return Ok(Outcome::Skipped("the headshot is no longer approved"));
    }
    let Some(conn) =
        db::photo_pushes::connection(&svc.db.pool, h.team_id.as_str(), provider.as_str()).await?
    else {
        db::photo_pushes::record(
            &svc.db.pool,
            h.id.as_str(),
            provider.as_str(),
            "failed",
            Some("the team disconnected the service"),
            svc.now_ms(),
        )
        .await?;
        return Ok(Outcome::Skipped("the team disconnected the service"));
    };
    // Slack: the member's own token, held until it has served.
    let grant = match provider {
        Provider::Slack => match db::slack_photos::grant(&svc.db.pool, h.id.as_str()).await? {
            Some(g) => Some(g),
            // A twin of this job has used it already.
            None => return Ok(Outcome::Skipped("no Slack consent held")),
        },
        _ => None,
    };
    let outcome = attempt(svc, provider, &h, &conn, grant.as_ref()).await;
    let now = svc.now_ms();
    let (state, detail) = match &outcome {
        Ok(Pushed::Done) => ("pushed", None),
        Ok(Pushed::NoAccount(why)) => ("no_account", Some(why.clone())),
        Ok(Pushed::Refused(why)) => ("failed", Some(why.clone())),
        // The last of the webhook schedule's tries: given up.
        Err(e) if ctx.attempt >= JobKind::PhotoPush.retry().max_attempts() => {
            ("failed", Some(format!("{e:#}")))
        }
        Err(e) => ("retrying", Some(format!("{e:#}"))),
    };
    db::photo_pushes::record(
        &svc.db.pool,
        h.id.as_str(),
        provider.as_str(),
        state,
        detail.as_deref(),
        now,
    )
    .await?;
    if let Some(g) = grant.filter(|_| state != "retrying") {
        spend_grant(svc, &h, &g).await?;
    }
    outcome.map(|_| Outcome::Done)
}

/// A member's Slack token that has served (or never will): forgotten and
/// its revocation queued in one transaction, unless a newer consent
/// replaced it meanwhile (whose revocation is queued already).
async fn spend_grant(svc: &Services, h: &HeadshotRow, g: &GrantRow) -> anyhow::Result<()> {
    let mut tx = svc.db.begin().await?;
    if db::slack_photos::delete_grant(&mut *tx, h.id.as_str(), &g.token_sealed).await? {
        revoke_later(&mut tx, h.id.as_str(), &g.token_sealed, svc.now_ms()).await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn attempt(
    svc: &Services,
    provider: Provider,
    h: &HeadshotRow,
    conn: &ConnectionRow,
    grant: Option<&GrantRow>,
) -> anyhow::Result<Pushed> {
    let picture = svc.profile_picture(h).await?;
    let http = photo_push::client()?;
    match provider {
        Provider::Entra => {
            let s = &svc.settings.entra;
            let app = s.app.as_ref().ok_or_else(|| {
                anyhow::anyhow!("the studio's Entra ID application is not set up")
            })?;
            let token = entra::token(&http, s, app, &conn.account).await?;
            let Some(user) = entra::find_user(&http, s, &token, &h.email).await? else {
                return Ok(Pushed::NoAccount(format!(
                    "nobody with {} in the directory",
                    h.email
                )));
            };
            entra::set_photo(&http, s, &token, &user, picture).await?;
        }
        Provider::Google => {
            let s = &svc.settings.google;
            let app = s.app.as_ref().ok_or_else(|| {
                anyhow::anyhow!("the studio's Google Workspace client is not set up")
            })?;
            let refresh = conn
                .secret_sealed
                .as_deref()
                .and_then(|sealed| {
                    svc.keys
                        .open(SEAL_PURPOSE, &seal_context(&conn.team_id, provider), sealed)
                })
                .ok_or_else(|| {
                    anyhow::anyhow!(
                        "the connection's token cannot be read: connect Google Workspace again"
                    )
                })?;
            let token = google::access_token(&http, s, app, &refresh).await?;
            if !google::set_photo(&http, s, &token, &h.email, &picture, PICTURE_SIDE).await? {
                return Ok(Pushed::NoAccount(format!(
                    "nobody with {} in the Workspace domain",
                    h.email
                )));
            }
        }
        Provider::Slack => {
            if grant.map(|g| g.workspace_id.as_str()) != conn.account_id.as_deref() {
                return Ok(Pushed::Refused(
                    "the team has named another Slack workspace since the member allowed it".into(),
                ));
            }
            let Some(token) =
                grant.and_then(|g| svc.keys.open(TOKEN_PURPOSE, h.id.as_str(), &g.token_sealed))
            else {
                return Ok(Pushed::Refused(
                    "the member's Slack consent cannot be read: they may allow it again".into(),
                ));
            };
            if let Some(code) =
                slack::set_photo(&http, &svc.settings.slack, &token, picture).await?
            {
                return Ok(Pushed::Refused(format!("Slack refused ({code})")));
            }
        }
    }
    Ok(Pushed::Done)
}
