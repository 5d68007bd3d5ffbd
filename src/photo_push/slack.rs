//! Slack, whose `users.setPhoto` sets only the calling person's own photo:
//! a consent through Slack's OAuth v2 flow with the user scope
//! `users.profile:write` (a user token), the photo set with that token,
//! and the token revoked (`auth.revoke`) once it has served.

use crate::config::photo_push::{PushApp, SlackSettings};
use secrecy::ExposeSecret;
use serde::Deserialize;

/// The permission that sets the photo: changing the person's own profile.
pub const USER_SCOPE: &str = "users.profile:write";

/// What is asked: that, and reading the person's address (`users.info`),
/// so the photo goes to the member's own account (matched by address like
/// the other services), not to whoever holds their link.
pub const USER_SCOPES: &str = "users.profile:write,users:read,users:read.email";

/// Where a person allows the app; Slack sends them back to `redirect_uri`
/// with `code` and `state`. With `workspace` (a team id), Slack offers
/// that workspace only.
pub fn authorize_url(
    s: &SlackSettings,
    app: &PushApp,
    redirect_uri: &str,
    state: &str,
    workspace: Option<&str>,
) -> String {
    let mut url = s
        .base
        .join("oauth/v2/authorize")
        .expect("a relative path joins any base");
    {
        let mut q = url.query_pairs_mut();
        q.append_pair("client_id", &app.client_id)
            .append_pair("user_scope", USER_SCOPES)
            .append_pair("redirect_uri", redirect_uri)
            .append_pair("state", state);
        if let Some(team) = workspace {
            q.append_pair("team", team);
        }
    }
    url.to_string()
}

/// Every Web API answer: `ok`, and the error's code when not.
#[derive(Deserialize)]
struct Answer {
    ok: bool,
    error: Option<String>,
}

#[derive(Deserialize)]
struct Workspace {
    id: String,
    name: Option<String>,
}

#[derive(Deserialize)]
struct AuthedUser {
    id: String,
    scope: Option<String>,
    access_token: Option<String>,
}

#[derive(Deserialize)]
struct Access {
    authed_user: AuthedUser,
    /// None for an organisation-wide install on Enterprise Grid, which
    /// names no single workspace: refused.
    team: Option<Workspace>,
}

/// What a person's consent gives: their workspace, who they are in it,
/// and a token that may change their profile.
pub struct Grant {
    pub workspace_id: String,
    pub workspace_name: String,
    pub user_id: String,
    pub token: String,
}

/// Slack's error code for a failed call, or the HTTP status; a 429 says
/// when to try again.
async fn refused(r: reqwest::Response) -> anyhow::Result<Option<String>> {
    let status = r.status();
    if status == reqwest::StatusCode::TOO_MANY_REQUESTS {
        let after = r
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("?")
            .to_string();
        anyhow::bail!("Slack is rate limiting (retry after {after} s)");
    }
    if !status.is_success() {
        anyhow::bail!("Slack answered {status}");
    }
    let a: Answer = r.json().await?;
    Ok((!a.ok).then(|| a.error.unwrap_or_else(|| "unknown_error".into())))
}

/// The body of a call Slack answered `ok`, else why not.
async fn answered(r: reqwest::Response) -> anyhow::Result<bytes::Bytes> {
    if !r.status().is_success() {
        anyhow::bail!("Slack answered {}", r.status());
    }
    let body = r.bytes().await?;
    let a: Answer = serde_json::from_slice(&body)
        .map_err(|_| anyhow::anyhow!("Slack's answer was not understood"))?;
    if !a.ok {
        anyhow::bail!("{}", a.error.unwrap_or_else(|| "unknown_error".into()));
    }
    Ok(body)
}

/// Trades a consent's code for the person's token (`oauth.v2.access`).
pub async fn exchange(
    http: &reqwest::Client,
    s: &SlackSettings,
    app: &PushApp,
    code: &str,
    redirect_uri: &str,
) -> anyhow::Result<Grant> {
    let r = http
        .post(s.base.join("api/oauth.v2.access")?)
        .basic_auth(&app.client_id, Some(app.client_secret.expose_secret()))
        .form(&[("code", code), ("redirect_uri", redirect_uri)])
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    let body = answered(r).await?;
    let access: Access = serde_json::from_slice(&body)
        .map_err(|_| anyhow::anyhow!("Slack's answer named no person or workspace"))?;
    let granted = access.authed_user.scope.unwrap_or_default();
    if !granted.split(',').any(|g| g.trim() == USER_SCOPE) {
        anyhow::bail!("the permission to change the profile was not granted");
    }
    let team = access
        .team
        .ok_or_else(|| anyhow::anyhow!("Slack named no single workspace"))?;
    Ok(Grant {
        workspace_name: team.name.unwrap_or_else(|| team.id.clone()),
        workspace_id: team.id,
        user_id: access.authed_user.id,
        token: access
            .authed_user
            .access_token
            .ok_or_else(|| anyhow::anyhow!("Slack gave no user token"))?,
    })
}

/// Errors that trying again does not mend: the consent was taken back,
/// or the workspace forbids it.
const PERMANENT: &[&str] = &[
    "not_authed",
    "invalid_auth",
    "token_revoked",
    "token_expired",
    "account_inactive",
    "missing_scope",
    "no_permission",
    "access_denied",
    "ekm_access_denied",
    "enterprise_is_restricted",
    "team_access_not_granted",
    "not_allowed_token_type",
    "bad_image",
    "too_large",
    "too_many_frames",
    "invalid_form_data",
];

#[derive(Deserialize)]
struct UserInfo {
    user: Option<UserRecord>,
}

#[derive(Deserialize)]
struct UserRecord {
    profile: Option<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    email: Option<String>,
}

/// The address of the person `user` (`users.info`, with their token).
pub async fn email_of(
    http: &reqwest::Client,
    s: &SlackSettings,
    token: &str,
    user: &str,
) -> anyhow::Result<Option<String>> {
    let mut url = s.base.join("api/users.info")?;
    url.query_pairs_mut().append_pair("user", user);
    let r = http
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    let body = answered(r).await?;
    let info: UserInfo = serde_json::from_slice(&body)?;
    Ok(info.user.and_then(|u| u.profile).and_then(|p| p.email))
}

/// Sets the person's photo (`users.setPhoto`, multipart `image`): `Err`
/// for what may pass (retried), `Ok(Some(code))` for Slack's refusals
/// that will not.
pub async fn set_photo(
    http: &reqwest::Client,
    s: &SlackSettings,
    token: &str,
    jpeg: Vec<u8>,
) -> anyhow::Result<Option<String>> {
    let image = reqwest::multipart::Part::bytes(jpeg)
        .file_name("headshot.jpg")
        .mime_str("image/jpeg")?;
    let r = http
        .post(s.base.join("api/users.setPhoto")?)
        .bearer_auth(token)
        .multipart(reqwest::multipart::Form::new().part("image", image))
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    match refused(r).await? {
        None => Ok(None),
        Some(code) if PERMANENT.contains(&code.as_str()) => Ok(Some(code)),
        Some(code) => anyhow::bail!("Slack refused: {code}"),
    }
}

/// Revokes a token that has served (`auth.revoke`); one already revoked
/// is fine.
pub async fn revoke(http: &reqwest::Client, s: &SlackSettings, token: &str) -> anyhow::Result<()> {
    let r = http
        .post(s.base.join("api/auth.revoke")?)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    match refused(r).await? {
        None => Ok(()),
        Some(code) if PERMANENT.contains(&code.as_str()) => Ok(()),
        Some(code) => anyhow::bail!("Slack did not revoke the token: {code}"),
    }
}
