//! The cookies the pages set, built in one place: only the server reads
//! them (HttpOnly), they are not sent on other sites' requests
//! (SameSite=Lax), and they travel over HTTPS only when the site is served
//! over HTTPS (Secure).

use crate::services::Services;
use cookie::time::Duration;
use cookie::{Cookie, SameSite};

/// `Set-Cookie` for `name=value` under `path`; a session cookie (gone when
/// the browser closes) without `max_age`.
pub fn set(
    svc: &Services,
    name: &'static str,
    value: &str,
    path: &'static str,
    max_age_secs: Option<i64>,
) -> String {
    let mut c = Cookie::build((name, value.to_owned()))
        .path(path)
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(svc.settings.secure_cookies());
    if let Some(secs) = max_age_secs {
        c = c.max_age(Duration::seconds(secs));
    }
    c.build().to_string()
}

/// `Set-Cookie` that removes the cookie `name` set under `path`.
pub fn remove(svc: &Services, name: &'static str, path: &'static str) -> String {
    set(svc, name, "", path, Some(0))
}
