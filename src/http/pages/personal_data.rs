//! A member's personal data from the pages: the export (a ZIP) and the
//! erasure, asked for by the member on their page or by a signed-in leader
//! on the member's headshot page. The API calls the same services.

use super::dashboard::LeaderPage;
use super::team_headshot::headshot_page;
use super::{Brand, Chrome, PageResult, PathId, render};
use crate::http::extract::{BrowserLanguage, CsrfForm, CsrfToken, MaybeViewer};
use crate::i18n::Tr;
use crate::services::member_data::MemberExport;
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

/// The erasure's form: the box that says the person means it.
#[derive(Debug, Deserialize)]
pub struct EraseForm {
    #[serde(default)]
    confirm: String,
}

impl EraseForm {
    fn confirmed(&self) -> bool {
        self.confirm == "on" || self.confirm == "true"
    }
}

/// The archive as a download (the API answers the same way).
pub fn download(e: MemberExport) -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/zip".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{}\"", e.file_name),
            ),
            (header::CACHE_CONTROL, "no-store".to_string()),
        ],
        e.zip,
    )
        .into_response()
}

pub async fn leader_export(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
) -> PageResult {
    Ok(download(svc.export_member(&lp.p, &id).await?))
}

pub async fn leader_erase(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<EraseForm>,
) -> PageResult {
    match svc.erase_member(&lp.p, &id, f.confirmed()).await {
        Ok(_) => Ok(Redirect::to(&lp.base).into_response()),
        Err(e @ Error::Invalid(_)) => {
            let mut c = Chrome::new(&svc, &csrf).await.with_error(&e);
            c.open = Some("erase");
            headshot_page(&svc, &lp, &id, c).await
        }
        Err(e) => Err(e.into()),
    }
}

fn own_headshot(p: &Principal) -> Result<&str, Error> {
    match p {
        Principal::Member { headshot_id, .. } => Ok(headshot_id.as_str()),
        _ => Err(Error::NotFound("personal link")),
    }
}

pub async fn member_export(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    Path(secret): Path<String>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let id = own_headshot(&p)?.to_string();
    Ok(download(svc.export_member(&p, &id).await?))
}

#[derive(Template)]
#[template(path = "member_erased.html")]
struct ErasedPage {
    tr: Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
}

pub async fn member_erase(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfForm(f): CsrfForm<EraseForm>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let tr = super::member::language(&svc, &p, &browser).await;
    let id = own_headshot(&p)?.to_string();
    match svc.erase_member(&p, &id, f.confirmed()).await {
        Ok(_) => {}
        Err(Error::Invalid(_)) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.errors = vec![tr.t("data-erase-unconfirmed")];
            c.open = Some("erase");
            return super::member::page(&svc, &p, secret, c, tr).await;
        }
        Err(e) => return Err(e.into()),
    }
    let c = Chrome::new(&svc, &csrf).await;
    render(&ErasedPage {
        tr,
        studio: c.studio,
        notice: String::new(),
        errors: Vec::new(),
    })
}
