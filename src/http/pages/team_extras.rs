//! Paid extras for leaders: a custom background (`…/custom-background`) and
//! resized files (`…/resize`). Both go through the same checkout as credits.

use super::Brand;
#[allow(unused_imports)]
use super::Money;
#[allow(unused_imports)]
use super::Readable;
use super::dashboard::LeaderPage;
use super::{Chrome, PageResult, PathId, render};
use crate::domain::CustomBackgroundStatus as Status;
use crate::http::extract::{CsrfForm, CsrfMultipart, CsrfToken, spool_uploads};
use crate::services::custom_backgrounds::CustomBackground;
use crate::services::headshots::ListQuery;
use crate::services::resizes::{NewResize, Resize};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "custom_background.html")]
struct CustomBackgroundPage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    fee_cents: i64,
    requests: Vec<CustomBackground>,
    notes: String,
}

async fn custom_page(svc: &Services, lp: &LeaderPage, c: Chrome, notes: String) -> PageResult {
    render(&CustomBackgroundPage {
        tr: c.tr,
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        fee_cents: svc.studio_settings().await?.fees.custom_background,
        requests: svc.team_custom_backgrounds(&lp.p).await?,
        notes,
    })
}

pub async fn custom_background(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
) -> PageResult {
    custom_page(&svc, &lp, Chrome::new(&svc, &csrf).await, String::new()).await
}

pub async fn request_custom_background(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let up = spool_uploads(
        m,
        &["references"],
        svc.settings.photo.max_upload_bytes
            * (crate::services::custom_backgrounds::MAX_REFERENCES as u64 + 1),
        &svc.settings.spool_dir(),
    )
    .await?;
    let notes = up.text.get("notes").cloned().unwrap_or_default();
    let refs = up.files;
    match svc.request_custom_background(&lp.p, &notes, refs).await {
        Ok(order) => {
            if let Some(url) = order.payment.pay_at() {
                return Ok(Redirect::to(url).into_response());
            }
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "Requested ({}). The studio will send mock-ups to choose from.",
                order.payment.invoice_label()
            );
            custom_page(&svc, &lp, c, String::new()).await
        }
        Err(e @ (Error::Invalid(_) | Error::TooLarge(_) | Error::BadRequest(_))) => {
            custom_page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                notes,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct ApproveForm {
    mockup_id: String,
}

pub async fn approve_mockup(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<ApproveForm>,
) -> PageResult {
    svc.approve_mockup(&lp.p, &id, &f.mockup_id).await?;
    Ok(Redirect::to(&format!("{}/style?approved=1", lp.base)).into_response())
}

#[derive(Template)]
#[template(path = "resize.html")]
struct ResizePage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    fee_cents: i64,
    /// (headshot id, name) of approved headshots.
    members: Vec<(String, String)>,
    resizes: Vec<Resize>,
    form: ResizeForm,
}

#[derive(Deserialize, Default)]
pub struct ResizeForm {
    #[serde(default)]
    headshot_ids: Vec<String>,
    #[serde(default)]
    width: String,
    #[serde(default)]
    height: String,
    #[serde(default)]
    format: String,
}

async fn resize_page(svc: &Services, lp: &LeaderPage, c: Chrome, form: ResizeForm) -> PageResult {
    let approved = ListQuery {
        status: Some("approved".into()),
        ..Default::default()
    };
    let members = svc
        .list_headshots(&lp.p, &approved)
        .await?
        .into_iter()
        .map(|h| {
            (
                h.id,
                format!("{} {}", h.member.first_name, h.member.last_name),
            )
        })
        .collect();
    render(&ResizePage {
        tr: c.tr,
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        fee_cents: svc.studio_settings().await?.fees.resize_per_file,
        members,
        resizes: svc.resizes(&lp.p).await?,
        form,
    })
}

pub async fn resize(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    let form = ResizeForm {
        width: "1080".into(),
        height: "1350".into(),
        format: "jpeg".into(),
        ..Default::default()
    };
    resize_page(&svc, &lp, Chrome::new(&svc, &csrf).await, form).await
}

pub async fn request_resize(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<ResizeForm>,
) -> PageResult {
    let number = |s: &str| s.trim().parse().unwrap_or(0);
    let input = NewResize {
        headshot_ids: f.headshot_ids.clone(),
        width: number(&f.width),
        height: number(&f.height),
        format: f.format.clone(),
    };
    match svc.request_resize(&lp.p, input).await {
        Ok(order) => {
            if let Some(url) = order.payment.pay_at() {
                return Ok(Redirect::to(url).into_response());
            }
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "{} file(s) at {}×{} are being made ({}); they appear on each member's page.",
                order.resize.files,
                order.resize.width,
                order.resize.height,
                order.payment.invoice_label()
            );
            resize_page(&svc, &lp, c, ResizeForm::default()).await
        }
        Err(e @ Error::Invalid(_)) => {
            resize_page(&svc, &lp, Chrome::new(&svc, &csrf).await.with_error(&e), f).await
        }
        Err(e) => Err(e.into()),
    }
}
