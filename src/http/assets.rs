//! The embedded stylesheet and scripts, served under content-hashed names
//! (`/static/style.1a2b3c4d5e6f.css`) that browsers may keep for a year: a
//! new release changes the name, so nobody runs yesterday's script against
//! today's page. Templates link them with `assets::url("style.css")`.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::sync::OnceLock;

/// (name, content type, body)
const FILES: [(&str, &str, &str); 8] = [
    (
        "style.css",
        "text/css",
        include_str!("../../static/style.css"),
    ),
    (
        "dashboard.js",
        "text/javascript",
        include_str!("../../static/dashboard.js"),
    ),
    (
        "style-preview.js",
        "text/javascript",
        include_str!("../../static/style-preview.js"),
    ),
    (
        "qc.js",
        "text/javascript",
        include_str!("../../static/qc.js"),
    ),
    (
        "print.js",
        "text/javascript",
        include_str!("../../static/print.js"),
    ),
    (
        "preview.js",
        "text/javascript",
        include_str!("../../static/preview.js"),
    ),
    (
        "busy.js",
        "text/javascript",
        include_str!("../../static/busy.js"),
    ),
    (
        "get-started.js",
        "text/javascript",
        include_str!("../../static/get-started.js"),
    ),
];

struct Asset {
    content_type: &'static str,
    body: &'static str,
    /// `/static/<stem>.<hash>.<ext>`
    url: String,
}

/// Name → asset, and hashed file name → name.
type Index = (HashMap<&'static str, Asset>, HashMap<String, &'static str>);

fn assets() -> &'static Index {
    static ASSETS: OnceLock<Index> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let mut by_name = HashMap::new();
        let mut by_file = HashMap::new();
        for (name, content_type, body) in FILES {
            // 48 bits of the content's SHA-256: enough to tell releases apart.
            let hash = &hex::encode(Sha256::digest(body.as_bytes()))[..12];
            let (stem, ext) = name
                .rsplit_once('.')
                .expect("asset names have an extension");
            let file = format!("{stem}.{hash}.{ext}");
            by_file.insert(file.clone(), name);
            let url = format!("/static/{file}");
            by_name.insert(
                name,
                Asset {
                    content_type,
                    body,
                    url,
                },
            );
        }
        (by_name, by_file)
    })
}

/// The hashed URL of an embedded file, for templates.
pub fn url(name: &str) -> &'static str {
    match assets().0.get(name) {
        Some(a) => &a.url,
        // A template naming a file that does not exist is a programming
        // error that the page tests catch (the link answers 404).
        None => "/static/missing",
    }
}

/// `/static/{file}`: the hashed name for a year; the plain name (links in
/// pages cached before an upgrade) briefly.
pub async fn serve(Path(file): Path<String>) -> Response {
    let (by_name, by_file) = assets();
    let (asset, cache) = if let Some(name) = by_file.get(&file) {
        (&by_name[name], "public, max-age=31536000, immutable")
    } else if let Some(asset) = by_name.get(file.as_str()) {
        (asset, "public, max-age=300")
    } else {
        return StatusCode::NOT_FOUND.into_response();
    };
    (
        [
            (
                header::CONTENT_TYPE,
                format!("{}; charset=utf-8", asset.content_type),
            ),
            (header::CACHE_CONTROL, cache.to_string()),
        ],
        asset.body,
    )
        .into_response()
}

/// The CSV template for team imports.
pub async fn import_template() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"team-members.csv\"",
            ),
        ],
        crate::domain::csv_import::TEMPLATE,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::url;

    #[test]
    fn urls_carry_the_content_hash() {
        let css = url("style.css");
        assert!(
            css.starts_with("/static/style.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(css.len(), "/static/style.".len() + 12 + ".css".len());
        assert_ne!(url("qc.js"), url("print.js"));
        assert_eq!(url("nope.js"), "/static/missing");
    }
}
