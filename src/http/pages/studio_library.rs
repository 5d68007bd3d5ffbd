//! Studio pages for backgrounds: the library (admins) and custom background
//! requests (success staff attach mock-ups).

use super::Brand;
use super::studio::{StaffNav, staff};
use super::{Chrome, PageResult, render};
#[allow(unused_imports)]
use super::{Money, Readable};
use crate::domain::Cents;
use crate::http::api::extras::new_library_background;
use crate::http::extract::{
    CsrfForm, CsrfMultipart, CsrfToken, MaybeSession, read_upload, read_uploads,
};
use crate::services::custom_backgrounds::CustomBackground;
use crate::services::library::{LibraryBackground, LibraryChange};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio_backgrounds.html")]
struct LibraryPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    library: Vec<LibraryBackground>,
}

async fn library_page(svc: &Services, p: &Principal, nav: StaffNav, c: Chrome) -> PageResult {
    render(&LibraryPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        nav,
        library: svc.library(p).await?,
    })
}

pub async fn library(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, nav) = staff(s)?;
    library_page(&svc, &p, nav, Chrome::new(&svc, &csrf).await).await
}

pub async fn add(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let up = read_uploads(m, &["image"], svc.settings.photo.max_upload_bytes).await?;
    // The page asks for dollars (the API for cents).
    // An unreadable price becomes -1, which the service refuses by name.
    let price = up.text.get("price").map(|d| Cents::parse(d));
    let mut input = new_library_background(up);
    input.change.price_cents = price.map_or(-1, |p| p.map_or(-1, |c| c.0));
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.add_library_background(&p, input).await {
        Ok(b) => c.notice = format!("\"{}\" is in the library.", b.name),
        Err(e @ (Error::Invalid(_) | Error::TooLarge(_) | Error::BadRequest(_))) => {
            c = c.with_error(&e)
        }
        Err(e) => return Err(e.into()),
    }
    library_page(&svc, &p, nav, c).await
}

#[derive(Deserialize)]
pub struct ChangeForm {
    name: String,
    position: String,
    #[serde(default)]
    free: Option<String>,
    #[serde(default)]
    price: String,
}

pub async fn change(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ChangeForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let free = f.free.is_some();
    let change = LibraryChange {
        name: f.name,
        position: f.position.trim().parse().unwrap_or(-1),
        free,
        price_cents: if free {
            0
        } else {
            Cents::parse(&f.price).map_or(-1, |c| c.0)
        },
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.update_library_background(&p, &id, change).await {
        Ok(_) => c.notice = "Saved.".into(),
        Err(e @ Error::Invalid(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    library_page(&svc, &p, nav, c).await
}

#[derive(Template)]
#[template(path = "studio_custom_backgrounds.html")]
struct CustomPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    requests: Vec<CustomBackground>,
}

async fn custom_page(svc: &Services, p: &Principal, nav: StaffNav, c: Chrome) -> PageResult {
    render(&CustomPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        nav,
        requests: svc.studio_custom_backgrounds(p).await?,
    })
}

pub async fn custom(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, nav) = staff(s)?;
    custom_page(&svc, &p, nav, Chrome::new(&svc, &csrf).await).await
}

pub async fn add_mockup(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let result = match read_upload(m, &["mockup"], svc.settings.photo.max_upload_bytes).await {
        Ok(up) => {
            let note = up.text.get("note").cloned();
            svc.add_mockup(&p, &id, up.data, note.as_deref()).await
        }
        Err(e) => Err(e),
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    match result {
        Ok(r) => c.notice = format!("Mock-up sent to {}.", r.team_name),
        Err(
            e
            @ (Error::Invalid(_) | Error::TooLarge(_) | Error::BadRequest(_) | Error::Conflict(_)),
        ) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    custom_page(&svc, &p, nav, c).await
}
