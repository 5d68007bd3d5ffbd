//! The OpenID Connect relying party: discovery, the authorization request
//! (code flow, PKCE, nonce) and the ID token's checks, by `openidconnect`
//! over the project's own HTTP client, each request through the address
//! guard of [`crate::outbound`].

use openidconnect::core::{CoreAuthenticationFlow, CoreClient, CoreProviderMetadata};
use openidconnect::{
    AuthType, AuthorizationCode, ClientId, ClientSecret, CsrfToken, HttpRequest, HttpResponse,
    IssuerUrl, Nonce, PkceCodeChallenge, PkceCodeVerifier, RedirectUrl, Scope, TokenResponse,
};
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

/// The whole of one request to the provider, and its connection alone.
const TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A discovery document, key set or token answer is a few kilobytes.
const MAX_BODY: usize = 1 << 20;

/// What went wrong talking to the provider, in words for the person
/// setting it up (never a secret: requests carry them, errors do not).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpError(String);

type Answer = Pin<Box<dyn Future<Output = Result<HttpResponse, HttpError>> + Send>>;

/// The HTTP client `openidconnect` calls: every request to an address
/// checked against private networks (unless `allow_private`), no
/// redirects, bounded in time and size.
fn http(allow_private: bool) -> impl Fn(HttpRequest) -> Answer {
    move |req: HttpRequest| {
        Box::pin(async move {
            let attempt =
                async {
                    let url = url::Url::parse(&req.uri().to_string())
                        .map_err(|e| HttpError(format!("bad address: {e}")))?;
                    let client = crate::outbound::client_for(
                        &url,
                        allow_private,
                        CONNECT_TIMEOUT,
                        "Teamshot-SignIn/1",
                    )
                    .await
                    .map_err(|e| HttpError(e.to_string()))?;
                    let req = reqwest::Request::try_from(req)
                        .map_err(|e| HttpError(format!("bad request: {e}")))?;
                    let mut resp = client
                        .execute(req)
                        .await
                        .map_err(|e| HttpError(format!("no answer: {}", e.without_url())))?;
                    let mut out = openidconnect::http::Response::builder().status(resp.status());
                    for (k, v) in resp.headers() {
                        out = out.header(k, v);
                    }
                    let mut body = Vec::new();
                    while let Some(chunk) = resp.chunk().await.map_err(|e| {
                        HttpError(format!("the answer broke off: {}", e.without_url()))
                    })? {
                        if body.len() + chunk.len() > MAX_BODY {
                            return Err(HttpError("the answer is over 1 MB".into()));
                        }
                        body.extend_from_slice(&chunk);
                    }
                    out.body(body).map_err(|e| HttpError(e.to_string()))
                };
            tokio::time::timeout(TIMEOUT, attempt)
                .await
                .map_err(|_| HttpError(format!("no answer within {} s", TIMEOUT.as_secs())))?
        }) as Answer
    }
}

/// An error and its causes, "a: b: c".
fn spoken(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut cause = e.source();
    while let Some(c) = cause {
        let s = c.to_string();
        if !out.contains(&s) {
            out.push_str(": ");
            out.push_str(&s);
        }
        cause = c.source();
    }
    out
}

/// The issuer as typed, without a pasted discovery suffix.
pub fn issuer_of(typed: &str) -> String {
    typed
        .trim()
        .trim_end_matches("/.well-known/openid-configuration")
        .to_string()
}

/// The provider's metadata and keys, fetched now (no cache: a rotated key
/// is seen at the next sign-in).
pub async fn discover(issuer: &str, allow_private: bool) -> Result<CoreProviderMetadata, String> {
    // As typed, not re-serialised: the document's `issuer` must equal it
    // exactly (a trailing slash included).
    let url = IssuerUrl::new(issuer.to_string()).map_err(|e| e.to_string())?;
    CoreProviderMetadata::discover_async(url, &http(allow_private))
        .await
        .map_err(|e| spoken(&e))
}

/// One relying party's registration at a provider.
pub struct Registration<'a> {
    pub client_id: &'a str,
    pub client_secret: &'a str,
    pub redirect_uri: &'a str,
}

type Client = CoreClient<
    openidconnect::EndpointSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointNotSet,
    openidconnect::EndpointMaybeSet,
    openidconnect::EndpointMaybeSet,
>;

fn client(meta: CoreProviderMetadata, r: &Registration<'_>) -> Result<Client, String> {
    Ok(CoreClient::from_provider_metadata(
        meta,
        ClientId::new(r.client_id.to_string()),
        Some(ClientSecret::new(r.client_secret.to_string())),
    )
    .set_redirect_uri(RedirectUrl::new(r.redirect_uri.to_string()).map_err(|e| e.to_string())?)
    // `client_secret_basic`, the method every provider must support.
    .set_auth_type(AuthType::BasicAuth))
}

/// A sign-in to start: where to send the browser, and what the callback
/// needs to finish it.
pub struct Start {
    pub url: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// The authorization request for `state` (code flow, `openid email
/// profile`, PKCE S256, a fresh nonce); `login_hint` pre-fills the
/// provider's form.
pub fn start(
    meta: CoreProviderMetadata,
    r: &Registration<'_>,
    state: String,
    login_hint: &str,
) -> Result<Start, String> {
    let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
    let client = client(meta, r)?;
    let (url, _, nonce) = client
        .authorize_url(
            CoreAuthenticationFlow::AuthorizationCode,
            move || CsrfToken::new(state),
            Nonce::new_random,
        )
        .add_scope(Scope::new("email".into()))
        .add_scope(Scope::new("profile".into()))
        .add_extra_param("login_hint", login_hint.to_string())
        .set_pkce_challenge(challenge)
        .url();
    Ok(Start {
        url: url.to_string(),
        nonce: nonce.secret().clone(),
        pkce_verifier: verifier.secret().clone(),
    })
}

/// Who the provider says signed in.
#[derive(Debug, Clone)]
pub struct Person {
    pub subject: String,
    pub email: Option<String>,
    /// Only `true` counts: absent is not verified.
    pub email_verified: bool,
    pub name: Option<String>,
}

/// Trades the code for tokens and checks the ID token (signature by the
/// provider's published keys, issuer, audience, expiry, nonce).
pub async fn finish(
    meta: CoreProviderMetadata,
    r: &Registration<'_>,
    code: &str,
    pkce_verifier: &str,
    nonce: &str,
    allow_private: bool,
) -> Result<Person, String> {
    let client = client(meta, r)?;
    let tokens = client
        .exchange_code(AuthorizationCode::new(code.to_string()))
        .map_err(|e| spoken(&e))?
        .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
        .request_async(&http(allow_private))
        .await
        .map_err(|e| match &e {
            openidconnect::RequestTokenError::ServerResponse(r) => r.to_string(),
            _ => spoken(&e),
        })?;
    let id_token = tokens
        .id_token()
        .ok_or("the provider sent no ID token (is the `openid` scope allowed?)")?;
    let claims = id_token
        .claims(&client.id_token_verifier(), &Nonce::new(nonce.to_string()))
        .map_err(|e| spoken(&e))?;
    Ok(Person {
        subject: claims.subject().as_str().to_string(),
        email: claims.email().map(|e| e.as_str().trim().to_lowercase()),
        email_verified: claims.email_verified() == Some(true),
        name: claims
            .name()
            .and_then(|n| n.get(None))
            .map(|n| n.as_str().trim().to_string())
            .filter(|n| !n.is_empty()),
    })
}
