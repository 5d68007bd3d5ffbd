//! Dashboard pages for many headshots at once: the selection toolbar, CSV
//! import with a preview, the status CSV, and the share link.

use super::Brand;
#[allow(unused_imports)]
use super::HumanDay;
use super::dashboard::LeaderPage;
use super::dashboard_view::{DashboardQuery, Filter, matching_ids};
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfMultipart, CsrfToken, read_upload};
use crate::services::import::{ImportItems, ImportOptions, ImportPreview, ImportResult};
use crate::services::invite::Hold;
use crate::services::team_actions::{BulkAction, BulkRequest};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct BulkForm {
    action: BulkAction,
    #[serde(default)]
    ids: Vec<String>,
    #[serde(default)]
    due_date: Option<String>,
    /// `yes` once the price was shown (expedite charges).
    #[serde(default)]
    confirmed: Option<String>,
    /// Sections whose every match of the filter (`q`, `status`) is
    /// selected, beyond the rows shown on this page.
    #[serde(default)]
    all_matching: Vec<String>,
    #[serde(default)]
    q: String,
    #[serde(default)]
    status: String,
    #[serde(default)]
    department: String,
}

/// The toolbar: one action on the selected rows; results come back as a
/// notice (what worked) and errors (what did not, and why).
pub async fn bulk(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<BulkForm>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    let mut f = f;
    if !f.all_matching.is_empty() {
        let filter = Filter::new(&DashboardQuery {
            q: f.q.clone(),
            status: f.status.clone(),
            department: f.department.clone(),
            page: None,
        });
        let listing = svc.team_listing(&lp.p).await?;
        f.ids
            .extend(matching_ids(&listing.summaries, &filter, &f.all_matching));
    }
    // A row ticked on the page is also among "all matching": once each.
    f.ids = crate::services::team_actions::unique(&f.ids);
    if f.ids.is_empty() {
        c.errors =
            vec!["Select at least one headshot first (the boxes at the start of each row).".into()];
        return super::dashboard::render_dashboard(&svc, &lp, c).await;
    }
    if f.action == BulkAction::Expedite && f.confirmed.as_deref() != Some("yes") {
        let action = format!("{}/bulk", lp.base);
        return super::expedite_confirm::ask(&svc, &lp, f.ids, action, lp.base.clone(), c).await;
    }
    let req = BulkRequest {
        action: f.action,
        ids: f.ids,
        due_date: f.due_date.filter(|d| !d.is_empty()),
    };
    match svc.bulk(&lp.p, req).await {
        Ok(results) => {
            let done = results.iter().filter(|r| r.ok).count();
            let names = svc
                .list_headshots(&lp.p, &Default::default())
                .await
                .unwrap_or_default();
            let name_of = |id: &str| {
                names
                    .iter()
                    .find(|h| h.id == id)
                    .map(|h| format!("{} {}", h.member.first_name, h.member.last_name))
                    .unwrap_or_else(|| "A headshot".into())
            };
            let verb = f.action.done();
            if done > 0 {
                c.notice = format!("{done} {verb}.");
            }
            c.errors = results
                .iter()
                .filter(|r| !r.ok)
                .map(|r| {
                    format!(
                        "{}: {}",
                        name_of(&r.id),
                        r.error.clone().unwrap_or_default()
                    )
                })
                .collect();
            super::dashboard::render_dashboard(&svc, &lp, c).await
        }
        Err(e @ (Error::Invalid(_) | Error::Conflict(_) | Error::Unavailable(_))) => {
            super::dashboard::render_dashboard(&svc, &lp, c.with_error(&e)).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "import_preview.html")]
struct ImportPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    result: Option<ImportResult>,
    previews: Vec<ImportPreview>,
    csv: String,
    /// (line, column, message)
    lines: Vec<(u64, String, String)>,
}

fn import_page(
    lp: &LeaderPage,
    c: Chrome,
    outcome: Result<ImportResult, Error>,
    csv: String,
) -> PageResult {
    let mut page = ImportPage {
        studio: c.studio,
        notice: c.notice,
        errors: vec![],
        csrf: c.csrf,
        base: lp.base.clone(),
        result: None,
        previews: vec![],
        csv,
        lines: vec![],
    };
    match outcome {
        Ok(r) => {
            if let ImportItems::Preview(p) = &r.items {
                page.previews = p.clone();
            }
            page.result = Some(r);
        }
        Err(Error::InvalidLines(lines)) => {
            page.lines = lines
                .into_iter()
                .map(|l| (l.line, l.column.unwrap_or("").to_string(), l.message))
                .collect();
        }
        Err(
            e @ (Error::NotEnoughCredits { .. }
            | Error::Invalid(_)
            | Error::BadRequest(_)
            | Error::TooLarge(_)),
        ) => {
            page.errors = super::error_lines(&e);
        }
        Err(e) => return Err(e.into()),
    }
    render(&page)
}

/// Step one: the dropped file is checked and previewed; nothing is created.
pub async fn import_preview(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let up = read_upload(m, &["file"], crate::http::IMPORT_LIMIT_BYTES).await;
    let (outcome, csv) = match up {
        Ok(u) => {
            let text = String::from_utf8_lossy(&u.data).into_owned();
            let options = ImportOptions {
                dry_run: true,
                ..Default::default()
            };
            (svc.import_members(&lp.p, &u.data, options).await, text)
        }
        Err(e) => (Err(e), String::new()),
    };
    import_page(&lp, Chrome::new(&svc, &csrf).await, outcome, csv)
}

#[derive(Deserialize)]
pub struct ConfirmForm {
    csv: String,
    /// "These addresses are right as typed" (shown with likely typos).
    #[serde(default)]
    confirm_addresses: Option<String>,
    /// "Hold the invitations back; I send them later".
    #[serde(default)]
    hold_invites: Option<String>,
}

/// Step two: the same content, imported for real (all or nothing).
pub async fn import_confirm(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> PageResult {
    let options = ImportOptions {
        dry_run: false,
        confirm_addresses: f.confirm_addresses.is_some(),
        hold: Hold::sending(f.hold_invites.is_none()),
    };
    match svc.import_members(&lp.p, f.csv.as_bytes(), options).await {
        Ok(r) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = match options.hold {
                Hold::Send => format!(
                    "{} members invited; their welcome emails are on their way.",
                    r.created
                ),
                Hold::Held => format!(
                    "{} members added; their invitations wait for you to send them (Send invites).",
                    r.created
                ),
            };
            super::dashboard::render_dashboard(&svc, &lp, c).await
        }
        Err(e) => import_page(&lp, Chrome::new(&svc, &csrf).await, Err(e), f.csv),
    }
}

pub async fn approved_zip(State(svc): State<Services>, lp: LeaderPage) -> PageResult {
    let stream = svc.approved_zip(&lp.p).await?;
    Ok(zip_download(stream, "approved-headshots.zip"))
}

/// A streamed ZIP as a download named `name`.
pub(super) fn zip_download(
    stream: crate::services::zip::ZipStream,
    name: &str,
) -> axum::response::Response {
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        axum::body::Body::from_stream(stream),
    )
        .into_response()
}

pub async fn export(State(svc): State<Services>, lp: LeaderPage) -> PageResult {
    let csv = svc.status_csv(&lp.p).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"headshots.csv\"",
            ),
        ],
        csv,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "share.html")]
struct SharePage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    url: Option<String>,
}

pub async fn share(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    let c = Chrome::new(&svc, &csrf).await;
    let team = svc.team(&lp.p).await?;
    render(&SharePage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        url: team.share_url,
    })
}

pub async fn share_rotate(
    State(svc): State<Services>,
    lp: LeaderPage,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.rotate_share_link(&lp.p).await?;
    Ok(Redirect::to(&format!("{}/share", lp.base)).into_response())
}

pub async fn share_revoke(
    State(svc): State<Services>,
    lp: LeaderPage,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.revoke_share_link(&lp.p).await?;
    Ok(Redirect::to(&format!("{}/share", lp.base)).into_response())
}
