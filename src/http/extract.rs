//! Request extractors: bearer auth, JSON bodies as problem documents,
//! multipart uploads, browser sessions and the CSRF token.

use super::error::{ApiError, Problem, plain_problem};
use crate::services::secrets::{constant_time_eq, new_token};
use crate::services::{Error, Principal, Services};
use axum::extract::{FromRequest, FromRequestParts, Multipart, Request};
use axum::http::{StatusCode, header, request::Parts};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use bytes::Bytes;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

pub const SESSION_COOKIE: &str = "ts_session";
pub const CSRF_COOKIE: &str = "ts_csrf";

/// The API caller, from `Authorization: Bearer <token>`.
pub struct ApiCaller(pub Principal);

impl FromRequestParts<Services> for ApiCaller {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut Parts,
        svc: &Services,
    ) -> Result<Self, Self::Rejection> {
        let token = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| {
                v.strip_prefix("Bearer ")
                    .or_else(|| v.strip_prefix("bearer "))
            })
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .ok_or(ApiError(Error::Unauthenticated))?;
        Ok(Self(svc.bearer_principal(token).await?))
    }
}

/// A JSON body whose every rejection is a problem document saying what to fix.
pub struct ApiJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum::extract::rejection::JsonRejection::*;
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(MissingJsonContentType(_)) => Err(plain_problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "JSON expected",
                "Send the body as JSON with the header Content-Type: application/json.",
            )),
            Err(JsonDataError(e)) => Err(plain_problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid input",
                format!(
                    "The JSON does not have the expected fields: {}",
                    e.body_text()
                ),
            )),
            Err(e) => Err(plain_problem(
                StatusCode::BAD_REQUEST,
                "Malformed JSON",
                format!("The body is not valid JSON: {}", e.body_text()),
            )),
        }
    }
}

/// Query parameters whose rejection is a problem document.
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = Problem;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(v)) => Ok(Self(v)),
            Err(e) => Err(plain_problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "Invalid query parameters",
                format!("Fix the query string: {}", e.body_text()),
            )),
        }
    }
}

/// A `multipart/form-data` body whose rejection is a problem document.
pub struct ApiMultipart(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for ApiMultipart {
    type Rejection = Problem;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        Multipart::from_request(req, state)
            .await
            .map(Self)
            .map_err(|e| {
                plain_problem(
                    StatusCode::UNSUPPORTED_MEDIA_TYPE,
                    "Upload expected",
                    format!("Send the file as multipart/form-data: {}", e.body_text()),
                )
            })
    }
}

/// A multipart form: one file field plus any text fields.
pub struct Upload {
    pub field: String,
    pub data: Bytes,
    pub text: HashMap<String, String>,
}

/// A multipart form with any number of files.
pub struct Uploads {
    /// (field name, content), in the order sent; empty file inputs skipped.
    pub files: Vec<(String, Bytes)>,
    pub text: HashMap<String, String>,
}

/// Reads every file in `file_fields`, and the text fields. Body size is
/// bounded by the route's `DefaultBodyLimit`; `limit_bytes` is what the
/// refusal names (the file limit the person can act on).
pub async fn read_uploads(
    mut m: Multipart,
    file_fields: &[&str],
    limit_bytes: u64,
) -> Result<Uploads, Error> {
    let mut files = Vec::new();
    let mut text = HashMap::new();
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge(limit_bytes)
        } else {
            Error::BadRequest(format!("The upload could not be read: {}", e.body_text()))
        }
    };
    while let Some(field) = m.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        let data = field.bytes().await.map_err(unreadable)?;
        if file_fields.contains(&name.as_str()) {
            if !data.is_empty() {
                files.push((name, data));
            }
        } else if data.len() <= 10_000 {
            text.insert(name, String::from_utf8_lossy(&data).into_owned());
        }
    }
    Ok(Uploads { files, text })
}

/// A multipart form whose files were written to disk as they arrived (the
/// files are removed when this is dropped), so a request with several large
/// files never holds them all in memory.
pub struct SpooledUploads {
    pub files: Vec<tempfile::TempPath>,
    pub text: HashMap<String, String>,
}

/// Like [`read_uploads`], writing each file in `file_fields` chunk by chunk
/// to a temporary file under `dir` instead of memory.
pub async fn spool_uploads(
    mut m: Multipart,
    file_fields: &[&str],
    limit_bytes: u64,
    dir: &std::path::Path,
) -> Result<SpooledUploads, Error> {
    use tokio::io::AsyncWriteExt;
    let mut files = Vec::new();
    let mut text = HashMap::new();
    let unreadable = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            Error::TooLarge(limit_bytes)
        } else {
            Error::BadRequest(format!("The upload could not be read: {}", e.body_text()))
        }
    };
    tokio::fs::create_dir_all(dir)
        .await
        .map_err(|e| Error::Internal(anyhow::anyhow!("cannot create {}: {e}", dir.display())))?;
    while let Some(mut field) = m.next_field().await.map_err(unreadable)? {
        let name = field.name().unwrap_or_default().to_string();
        if file_fields.contains(&name.as_str()) {
            let path = tempfile::NamedTempFile::new_in(dir)
                .map_err(|e| Error::Internal(e.into()))?
                .into_temp_path();
            let mut out = tokio::fs::File::create(&path)
                .await
                .map_err(|e| Error::Internal(e.into()))?;
            let mut written = 0u64;
            while let Some(chunk) = field.chunk().await.map_err(unreadable)? {
                written += chunk.len() as u64;
                out.write_all(&chunk)
                    .await
                    .map_err(|e| Error::Internal(e.into()))?;
            }
            out.flush().await.map_err(|e| Error::Internal(e.into()))?;
            if written > 0 {
                files.push(path);
            }
        } else {
            let data = field.bytes().await.map_err(unreadable)?;
            if data.len() <= 10_000 {
                text.insert(name, String::from_utf8_lossy(&data).into_owned());
            }
        }
    }
    Ok(SpooledUploads { files, text })
}

/// Reads the first of `file_fields` present, and the text fields.
pub async fn read_upload(
    m: Multipart,
    file_fields: &[&str],
    limit_bytes: u64,
) -> Result<Upload, Error> {
    let Uploads { files, text } = read_uploads(m, file_fields, limit_bytes).await?;
    let (field, data) = files.into_iter().next().ok_or_else(|| {
        Error::invalid(
            file_fields.first().copied().unwrap_or("file"),
            format!(
                "Attach a file in the form field {}.",
                file_fields.join(" or ")
            ),
        )
    })?;
    Ok(Upload { field, data, text })
}

/// The double-submit CSRF token of this browser (cookie `ts_csrf`).
#[derive(Clone, Debug)]
pub struct CsrfToken(pub String);

impl CsrfToken {
    /// Every form posts the token back; a cross-site page cannot read it.
    pub fn check(&self, submitted: Option<&str>) -> Result<(), Error> {
        match submitted {
            Some(s) if constant_time_eq(s, &self.0) => Ok(()),
            _ => Err(Error::Forbidden(
                "This form has expired or did not come from this site. Reload the page and try again.".into(),
            )),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for CsrfToken {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        parts
            .extensions
            .get::<CsrfToken>()
            .cloned()
            .ok_or(StatusCode::INTERNAL_SERVER_ERROR)
    }
}

/// A form (`application/x-www-form-urlencoded`) whose `csrf` field matched
/// this browser's CSRF cookie. A missing or wrong token is refused before the
/// handler runs, so no page handler checks it by hand.
pub struct CsrfForm<T>(pub T);

#[derive(serde::Deserialize)]
struct CsrfField {
    #[serde(default)]
    csrf: Option<String>,
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for CsrfForm<T> {
    type Rejection = super::pages::PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        use axum_extra::extract::Form;
        let token = req
            .extensions()
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("the CSRF layer is missing")))?;
        let content_type = req.headers().get(header::CONTENT_TYPE).cloned();
        let body = Bytes::from_request(req, state).await.map_err(|e| {
            Error::BadRequest(format!("The form could not be read: {}", e.body_text()))
        })?;
        // The body is read twice: once for the token alone, then as `T`.
        let again = || {
            let mut r = Request::new(axum::body::Body::from(body.clone()));
            *r.method_mut() = axum::http::Method::POST;
            if let Some(ct) = &content_type {
                r.headers_mut().insert(header::CONTENT_TYPE, ct.clone());
            }
            r
        };
        let submitted = Form::<CsrfField>::from_request(again(), state)
            .await
            .map(|Form(f)| f.csrf)
            .unwrap_or_default();
        token.check(submitted.as_deref())?;
        let Form(value) = Form::<T>::from_request(again(), state).await.map_err(|e| {
            Error::invalid(
                "form",
                format!("The form is missing something: {}", e.body_text()),
            )
        })?;
        Ok(Self(value))
    }
}

/// A multipart form (an upload) whose first field, `csrf`, matched this
/// browser's CSRF cookie; checked before the handler runs, which reads the
/// remaining fields. Every upload form puts the token first (browsers send
/// fields in the form's order).
pub struct CsrfMultipart(pub Multipart);

impl<S: Send + Sync> FromRequest<S> for CsrfMultipart {
    type Rejection = super::pages::PageError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let token = req
            .extensions()
            .get::<CsrfToken>()
            .cloned()
            .ok_or_else(|| Error::Internal(anyhow::anyhow!("the CSRF layer is missing")))?;
        let mut m = Multipart::from_request(req, state).await.map_err(|e| {
            Error::BadRequest(format!(
                "Send the form as multipart/form-data: {}",
                e.body_text()
            ))
        })?;
        let submitted = match m.next_field().await {
            Ok(Some(field)) if field.name() == Some("csrf") => field.text().await.ok(),
            _ => None,
        };
        token.check(submitted.as_deref())?;
        Ok(Self(m))
    }
}

/// Gives every browser a CSRF cookie, set on the first response.
pub async fn csrf_layer(
    axum::extract::State(svc): axum::extract::State<Services>,
    mut req: Request,
    next: Next,
) -> Response {
    let jar = CookieJar::from_headers(req.headers());
    let existing = jar
        .get(CSRF_COOKIE)
        .map(|c| c.value().to_string())
        .filter(|v| v.len() == 43);
    let fresh = existing.is_none();
    let token = existing.unwrap_or_else(new_token);
    req.extensions_mut().insert(CsrfToken(token.clone()));
    let mut res = next.run(req).await;
    if fresh {
        let cookie = super::cookies::set(&svc, CSRF_COOKIE, &token, "/", None);
        if let Ok(v) = header::HeaderValue::from_str(&cookie) {
            res.headers_mut().append(header::SET_COOKIE, v);
        }
    }
    res
}

/// The signed-in browser user, if any, read without the two-factor gate:
/// for pages that are not the user's own (a member's page a leader opens),
/// where a session only changes whose name goes in the history.
pub struct MaybeViewer(pub Option<Principal>);

impl FromRequestParts<Services> for MaybeViewer {
    type Rejection = super::pages::PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        svc: &Services,
    ) -> Result<Self, Self::Rejection> {
        // An expired or unreadable session is simply no viewer here.
        let session = browser_session(parts, svc).await.ok().flatten();
        Ok(Self(session.map(|(p, _)| p)))
    }
}

/// The session the browser's cookie names, if any.
async fn browser_session(
    parts: &Parts,
    svc: &Services,
) -> crate::services::Result<Option<(Principal, String)>> {
    let jar = CookieJar::from_headers(&parts.headers);
    match jar.get(SESSION_COOKIE) {
        Some(c) => svc.session_principal(c.value()).await,
        None => Ok(None),
    }
}

/// The signed-in browser user, if any.
pub struct MaybeSession(pub Option<(Principal, String)>);

impl FromRequestParts<Services> for MaybeSession {
    type Rejection = super::pages::PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        svc: &Services,
    ) -> Result<Self, Self::Rejection> {
        let session = browser_session(parts, svc).await?;
        // Staff the studio requires to use two factors set them up before
        // anything else (their account pages and signing out stay open).
        if let Some((p, _)) = &session
            && !parts.uri.path().starts_with("/account/")
            && parts.uri.path() != "/logout"
            && svc.two_factor_setup_due(p).await?
        {
            return Err(super::pages::PageError(Error::TwoFactorSetupRequired));
        }
        Ok(Self(session))
    }
}

pub fn session_cookie(svc: &Services, token: &str) -> String {
    let max_age = crate::services::auth::SESSION_DAYS * 86_400;
    super::cookies::set(svc, SESSION_COOKIE, token, "/", Some(max_age))
}

pub fn clear_session_cookie(svc: &Services) -> String {
    super::cookies::remove(svc, SESSION_COOKIE, "/")
}

/// The browser's `Accept-Language`, for pages that speak the member's
/// language when the team has not chosen one.
pub struct BrowserLanguage(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for BrowserLanguage {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        let value = parts
            .headers
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string);
        Ok(Self(value))
    }
}
