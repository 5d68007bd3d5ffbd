//! Microsoft Entra ID through Microsoft Graph: the tenant admin's consent
//! (`/adminconsent`), an app-only token (client credentials), finding a
//! user by address, and setting their photo (`PUT /users/{id}/photo/$value`,
//! JPEG, at most 4 MB).

use crate::config::photo_push::{EntraSettings, PushApp};
use secrecy::ExposeSecret;
use serde::Deserialize;

/// Graph refuses profile photos over 4 MB.
pub const MAX_PHOTO_BYTES: usize = 4 * 1024 * 1024;
const SCOPE: &str = "https://graph.microsoft.com/.default";

/// Where the team's admin consents for their tenant (any work account's
/// tenant: `organizations`); Microsoft sends them back to `redirect_uri`
/// with `tenant`, `admin_consent` and `state`.
pub fn consent_url(s: &EntraSettings, app: &PushApp, redirect_uri: &str, state: &str) -> String {
    let mut url = s
        .login_base
        .join("organizations/v2.0/adminconsent")
        .expect("a relative path joins any base");
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("scope", SCOPE)
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("state", state);
    url.to_string()
}

/// Whether `tenant` looks like a tenant id or domain (it goes into a path).
pub fn valid_tenant(tenant: &str) -> bool {
    !tenant.is_empty()
        && tenant.len() <= 100
        && tenant
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
}

#[derive(Deserialize)]
struct OAuthError {
    error: Option<String>,
    error_description: Option<String>,
}

/// What a failed answer says, in a line (never a token).
async fn failure(r: reqwest::Response) -> String {
    let status = r.status();
    let body = r.text().await.unwrap_or_default();
    let said = serde_json::from_str::<OAuthError>(&body)
        .ok()
        .and_then(|e| e.error_description.or(e.error))
        .or_else(|| {
            serde_json::from_str::<serde_json::Value>(&body)
                .ok()
                .and_then(|v| v["error"]["message"].as_str().map(str::to_string))
        })
        .unwrap_or_default();
    let said: String = said
        .lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(200)
        .collect();
    format!("{status} {said}").trim().to_string()
}

/// An app-only token for `tenant` (client credentials).
pub async fn token(
    http: &reqwest::Client,
    s: &EntraSettings,
    app: &PushApp,
    tenant: &str,
) -> anyhow::Result<String> {
    let url = s.login_base.join(&format!("{tenant}/oauth2/v2.0/token"))?;
    let r = http
        .post(url)
        .form(&[
            ("client_id", app.client_id.as_str()),
            ("client_secret", app.client_secret.expose_secret()),
            ("scope", SCOPE),
            ("grant_type", "client_credentials"),
        ])
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no token: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("no token: {}", failure(r).await);
    }
    Ok(r.json::<Token>().await?.access_token)
}

#[derive(Deserialize)]
struct Users {
    value: Vec<User>,
}

#[derive(Deserialize)]
struct User {
    id: String,
}

/// The directory's user whose mail or sign-in name is `email`.
pub async fn find_user(
    http: &reqwest::Client,
    s: &EntraSettings,
    token: &str,
    email: &str,
) -> anyhow::Result<Option<String>> {
    // OData string literals double their single quotes.
    let quoted = email.replace('\'', "''");
    let mut url = s.graph_base.join("v1.0/users")?;
    url.query_pairs_mut()
        .append_pair(
            "$filter",
            &format!("mail eq '{quoted}' or userPrincipalName eq '{quoted}'"),
        )
        .append_pair("$select", "id");
    let r = http
        .get(url)
        .bearer_auth(token)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("looking the user up: {}", failure(r).await);
    }
    Ok(r.json::<Users>()
        .await?
        .value
        .into_iter()
        .next()
        .map(|u| u.id))
}

/// Sets `user_id`'s photo to `jpeg`.
pub async fn set_photo(
    http: &reqwest::Client,
    s: &EntraSettings,
    token: &str,
    user_id: &str,
    jpeg: Vec<u8>,
) -> anyhow::Result<()> {
    if jpeg.len() > MAX_PHOTO_BYTES {
        anyhow::bail!("the picture is over 4 MB");
    }
    let url = s
        .graph_base
        .join(&format!("v1.0/users/{}/photo/$value", urlencode(user_id)))?;
    let r = http
        .put(url)
        .bearer_auth(token)
        .header("content-type", "image/jpeg")
        .body(jpeg)
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("setting the photo: {}", failure(r).await);
    }
    Ok(())
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
