//! Google Workspace through the Admin SDK Directory API: an administrator's
//! consent (OAuth 2.0 code flow with offline access: a refresh token), an
//! access token from it, and a user's photo
//! (`PUT /admin/directory/v1/users/{userKey}/photos/thumbnail`).

use crate::config::photo_push::{GoogleSettings, PushApp};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use secrecy::ExposeSecret;
use serde::Deserialize;

/// Reading and changing the domain's users (photos among them).
pub const SCOPE: &str = "https://www.googleapis.com/auth/admin.directory.user";

/// Where a Workspace administrator consents; Google sends them back to
/// `redirect_uri` with `code` and `state`. `openid email` names who
/// consented; offline access with a fresh consent yields a refresh token.
pub fn consent_url(s: &GoogleSettings, app: &PushApp, redirect_uri: &str, state: &str) -> String {
    let mut url = s
        .accounts_base
        .join("o/oauth2/v2/auth")
        .expect("a relative path joins any base");
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("response_type", "code")
        .append_pair("scope", &format!("{SCOPE} openid email"))
        .append_pair("access_type", "offline")
        .append_pair("prompt", "consent")
        .append_pair("state", state);
    url.to_string()
}

#[derive(Deserialize)]
struct Tokens {
    access_token: String,
    refresh_token: Option<String>,
    id_token: Option<String>,
    scope: Option<String>,
}

/// What a consent gives: the refresh token kept for the pushes, and the
/// administrator who consented.
pub struct Grant {
    pub refresh_token: String,
    pub admin: Option<String>,
}

/// Trades the consent's code for tokens.
pub async fn exchange(
    http: &reqwest::Client,
    s: &GoogleSettings,
    app: &PushApp,
    code: &str,
    redirect_uri: &str,
) -> anyhow::Result<Grant> {
    let r = http
        .post(s.oauth_base.join("token")?)
        .form(&[
            ("code", code),
            ("client_id", app.client_id.as_str()),
            ("client_secret", app.client_secret.expose_secret()),
            ("redirect_uri", redirect_uri),
            ("grant_type", "authorization_code"),
        ])
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("{}", super::failure(r).await);
    }
    let t: Tokens = r.json().await?;
    if !t
        .scope
        .as_deref()
        .unwrap_or_default()
        .split(' ')
        .any(|s| s == SCOPE)
    {
        anyhow::bail!("the permission to manage users was not granted");
    }
    let refresh_token = t.refresh_token.ok_or_else(|| {
        anyhow::anyhow!("Google gave no refresh token: remove the studio's access in the Admin console (Security → API controls) and connect again")
    })?;
    Ok(Grant {
        refresh_token,
        admin: t
            .id_token
            .as_deref()
            .and_then(|t| super::id_token_claim(t, "email")),
    })
}

/// An access token from the kept refresh token.
pub async fn access_token(
    http: &reqwest::Client,
    s: &GoogleSettings,
    app: &PushApp,
    refresh_token: &str,
) -> anyhow::Result<String> {
    let r = http
        .post(s.oauth_base.join("token")?)
        .form(&[
            ("refresh_token", refresh_token),
            ("client_id", app.client_id.as_str()),
            ("client_secret", app.client_secret.expose_secret()),
            ("grant_type", "refresh_token"),
        ])
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no token: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("no token: {}", super::failure(r).await);
    }
    Ok(r.json::<Tokens>().await?.access_token)
}

/// Sets the photo of the user `email` to `jpeg` (a square of `side`
/// pixels); `false` when the domain has no such user.
pub async fn set_photo(
    http: &reqwest::Client,
    s: &GoogleSettings,
    token: &str,
    email: &str,
    jpeg: &[u8],
    side: u32,
) -> anyhow::Result<bool> {
    let key: String = url::form_urlencoded::byte_serialize(email.as_bytes()).collect();
    let url = s
        .api_base
        .join(&format!("admin/directory/v1/users/{key}/photos/thumbnail"))?;
    let r = http
        .put(url)
        .bearer_auth(token)
        .json(&serde_json::json!({
            // Web-safe base64 (`-` and `_`), without padding.
            "photoData": URL_SAFE_NO_PAD.encode(jpeg),
            "mimeType": "JPEG",
            "width": side,
            "height": side,
        }))
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    if r.status() == reqwest::StatusCode::NOT_FOUND {
        return Ok(false);
    }
    if !r.status().is_success() {
        anyhow::bail!("setting the photo: {}", super::failure(r).await);
    }
    Ok(true)
}
