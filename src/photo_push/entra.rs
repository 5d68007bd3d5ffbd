//! Microsoft Entra ID through Microsoft Graph: an administrator's consent
//! for the organisation (authorization code with `prompt=admin_consent`,
//! whose ID token names the tenant), an app-only token (client
//! credentials), finding a user by address (application permission
//! `User.Read.All`), and setting their photo (`ProfilePhoto.ReadWrite.All`:
//! `PUT /users/{id}/photo/$value`, JPEG, at most 4 MB).

use crate::config::photo_push::{EntraSettings, PushApp};
use secrecy::ExposeSecret;
use serde::Deserialize;

/// Graph refuses profile photos over 4 MB.
pub const MAX_PHOTO_BYTES: usize = 4 * 1024 * 1024;
const SCOPE: &str = "https://graph.microsoft.com/.default";

/// Where an administrator of the team's organisation signs in and
/// consents for all of it (`prompt=admin_consent`); Microsoft sends them
/// back to `redirect_uri` with a `code` and the `state`. The code, traded
/// by the server, names the organisation: a tenant typed into the address
/// would prove nothing.
pub fn consent_url(s: &EntraSettings, app: &PushApp, redirect_uri: &str, state: &str) -> String {
    let mut url = s
        .login_base
        .join("organizations/oauth2/v2.0/authorize")
        .expect("a relative path joins any base");
    url.query_pairs_mut()
        .append_pair("client_id", &app.client_id)
        .append_pair("response_type", "code")
        .append_pair("response_mode", "query")
        .append_pair("redirect_uri", redirect_uri)
        .append_pair("scope", &format!("openid {SCOPE}"))
        .append_pair("prompt", "admin_consent")
        .append_pair("state", state);
    url.to_string()
}

/// A tenant id: a GUID (it goes into a path).
pub fn valid_tenant(tenant: &str) -> bool {
    tenant.len() == 36
        && tenant.char_indices().all(|(i, c)| match i {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        })
}

#[derive(Deserialize)]
struct CodeTokens {
    id_token: Option<String>,
}

/// Trades the consent's code for tokens (at the `organizations` endpoint)
/// and returns the organisation (`tid`) of the administrator who signed
/// in. The ID token comes straight from Microsoft's token endpoint over TLS
/// (OpenID Connect Core 3.1.3.7: its signature need not be checked then).
pub async fn tenant_of_code(
    http: &reqwest::Client,
    s: &EntraSettings,
    app: &PushApp,
    code: &str,
    redirect_uri: &str,
) -> anyhow::Result<String> {
    let url = s.login_base.join("organizations/oauth2/v2.0/token")?;
    let scope = format!("openid {SCOPE}");
    let r = http
        .post(url)
        .form(&[
            ("client_id", app.client_id.as_str()),
            ("client_secret", app.client_secret.expose_secret()),
            ("code", code),
            ("redirect_uri", redirect_uri),
            ("grant_type", "authorization_code"),
            ("scope", scope.as_str()),
        ])
        .send()
        .await
        .map_err(|e| anyhow::anyhow!("no answer: {}", e.without_url()))?;
    if !r.status().is_success() {
        anyhow::bail!("{}", super::failure(r).await);
    }
    let id_token = r
        .json::<CodeTokens>()
        .await?
        .id_token
        .ok_or_else(|| anyhow::anyhow!("Microsoft sent no ID token"))?;
    let tid = super::id_token_claim(&id_token, "tid")
        .ok_or_else(|| anyhow::anyhow!("the ID token names no organisation"))?;
    if !valid_tenant(&tid) {
        anyhow::bail!("the ID token's organisation is not a tenant id");
    }
    Ok(tid)
}

#[derive(Deserialize)]
struct Token {
    access_token: String,
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
        anyhow::bail!("no token: {}", super::failure(r).await);
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
        anyhow::bail!("looking the user up: {}", super::failure(r).await);
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
        anyhow::bail!("setting the photo: {}", super::failure(r).await);
    }
    Ok(())
}

fn urlencode(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
