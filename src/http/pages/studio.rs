//! The staff console at `/studio`: the retouching queue with claims and
//! delivery, and (for admins) the teams. Quality check, support, settings
//! and the background library have their own pages.

use super::Brand;
#[allow(unused_imports)]
use super::Money;
#[allow(unused_imports)]
use super::Readable;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::domain::StaffRole;
use crate::http::extract::{CsrfForm, CsrfMultipart, CsrfToken, MaybeSession, read_uploads};
use crate::imaging::render::Handed;
use crate::services::studio_queue::QueueItem;
use crate::services::teams::{Creator, GrantCredits, NewTeam, TeamCreated};
use crate::services::views::Team;
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

/// The signed-in staff member, or why the console is not for this caller.
pub fn staff(s: Option<(Principal, String)>) -> Result<(Principal, StaffNav), Error> {
    match s {
        Some((p @ Principal::Staff { role, .. }, name)) => {
            let nav = StaffNav {
                who: name,
                role: role.as_str(),
                admin: role == StaffRole::Admin,
                qc: role.allows(StaffRole::Qc),
                retouch: role.allows(StaffRole::Retoucher),
                support: role.allows(StaffRole::Success),
            };
            Ok((p, nav))
        }
        Some(_) => Err(Error::Forbidden(
            "The studio console is for studio staff.".into(),
        )),
        None => Err(Error::Unauthenticated),
    }
}

/// Who is signed in and which studio pages their role opens.
pub struct StaffNav {
    pub who: String,
    pub role: &'static str,
    pub admin: bool,
    pub qc: bool,
    pub retouch: bool,
    pub support: bool,
}

#[derive(Template)]
#[template(path = "studio.html")]
struct StudioPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    nav: StaffNav,
    qc_waiting: usize,
    support_open: usize,
    retouch: Vec<QueueItem>,
    teams: Vec<Team>,
    /// Staff who can look after a team: (email, name).
    managers: Vec<(String, String)>,
    created: Option<TeamCreated>,
}

async fn console(
    svc: &Services,
    p: &Principal,
    nav: StaffNav,
    c: Chrome,
    created: Option<TeamCreated>,
) -> PageResult {
    let admin = nav.admin;
    render(&StudioPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        qc_waiting: if nav.qc {
            svc.studio_queue(p, "quality_check").await?.len()
        } else {
            0
        },
        support_open: if nav.support {
            svc.support_inbox(p)
                .await?
                .iter()
                .filter(|r| r.status == "open")
                .count()
        } else {
            0
        },
        retouch: if nav.retouch {
            svc.studio_queue(p, "retouching").await?
        } else {
            vec![]
        },
        managers: if admin {
            svc.success_staff(p).await?
        } else {
            vec![]
        },
        teams: if admin {
            svc.list_teams(p).await?
        } else {
            vec![]
        },
        nav,
        created,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, nav) = staff(s)?;
    console(&svc, &p, nav, Chrome::new(&svc, &csrf).await, None).await
}

/// Claim or release a retouching job from the console.
pub async fn claim(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let outcome = svc.claim(&p, &id).await.map(|i| {
        format!(
            "{} {} is yours: download the original, retouch, deliver.",
            i.headshot.member.first_name, i.headshot.member.last_name
        )
    });
    after_action(&svc, &p, nav, &csrf, outcome).await
}

pub async fn release(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let outcome = svc.release(&p, &id).await.map(|i| {
        format!(
            "{} {} is back in the queue.",
            i.headshot.member.first_name, i.headshot.member.last_name
        )
    });
    after_action(&svc, &p, nav, &csrf, outcome).await
}

/// The console again, with the action's notice or its error.
async fn after_action(
    svc: &Services,
    p: &Principal,
    nav: StaffNav,
    csrf: &CsrfToken,
    outcome: Result<String, Error>,
) -> PageResult {
    let mut c = Chrome::new(svc, csrf).await;
    let mut status = axum::http::StatusCode::OK;
    match outcome {
        Ok(notice) => c.notice = notice,
        Err(
            e @ (Error::Invalid(_)
            | Error::TooLarge(_)
            | Error::BadRequest(_)
            | Error::Conflict(_)
            | Error::Forbidden(_)),
        ) => {
            // The console again with the message, under the refusal's status.
            status = axum::http::StatusCode::from_u16(crate::http::error::problem(&e).status)
                .unwrap_or(axum::http::StatusCode::BAD_REQUEST);
            c = c.with_error(&e);
        }
        Err(e) => return Err(e.into()),
    }
    let page = console(svc, p, nav, c, None).await?;
    Ok((status, page).into_response())
}

pub async fn deliver(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let limit = svc.settings.photo.max_upload_bytes;
    let result = match read_uploads(m, &["image", "cutout"], limit).await {
        Ok(u) => match u.files.into_iter().next() {
            Some((field, data)) => {
                let handed = if field == "cutout" || u.text.contains_key("is_cutout") {
                    Handed::Cutout
                } else {
                    Handed::Image
                };
                svc.deliver(&p, &id, data, handed).await
            }
            // The "Deliver the draft" button.
            None if u.text.contains_key("use_draft") => svc.deliver_draft(&p, &id).await,
            None => Err(Error::invalid(
                "image",
                "Choose the retouched image to deliver, or deliver the draft.",
            )),
        },
        Err(e) => Err(e),
    };
    let outcome = result.map(|h| {
        format!(
            "Delivered {} {}: the files are being rendered and the member is emailed when they are ready.",
            h.member.first_name, h.member.last_name
        )
    });
    after_action(&svc, &p, nav, &csrf, outcome).await
}

#[derive(Deserialize)]
pub struct TeamForm {
    name: String,
    leader_email: String,
    leader_name: String,
    timezone: Option<String>,
    #[serde(default)]
    language: Option<String>,
}

pub async fn create_team(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<TeamForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let input = NewTeam {
        name: f.name,
        leader_email: f.leader_email,
        leader_name: f.leader_name,
        timezone: f.timezone,
        language: f.language,
    };
    match svc.create_team(Creator::Staff(&p), input).await {
        Ok(created) => console(&svc, &p, nav, Chrome::new(&svc, &csrf).await, Some(created)).await,
        Err(e) => after_action(&svc, &p, nav, &csrf, Err(e)).await,
    }
}

#[derive(Deserialize)]
pub struct CreditsForm {
    quantity: String,
    note: Option<String>,
}

pub async fn grant_credits(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<CreditsForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let quantity = f
        .quantity
        .trim()
        .parse()
        .map_err(|_| Error::invalid("quantity", "Enter a whole number of credits."))?;
    svc.grant_credits(
        &p,
        &id,
        GrantCredits {
            quantity,
            note: f.note,
            refund_cents: None,
        },
    )
    .await?;
    Ok(Redirect::to("/studio").into_response())
}

pub async fn photo(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    private_image(svc.original_photo(&p, &id).await?)
}

/// The automatic cut-out, for the retouching card.
pub async fn draft(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    private_image(svc.draft_cutout(&p, &id).await?)
}

/// The automatic cut-out at card size.
pub async fn draft_small(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _) = staff(s)?;
    private_image(svc.draft_cutout_small(&p, &id).await?)
}

fn private_image(d: crate::services::files::Download) -> PageResult {
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        d.data,
    )
        .into_response())
}

#[derive(Deserialize)]
pub struct ManagerForm {
    email: String,
}

pub async fn set_manager(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ManagerForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    svc.set_success_manager(&p, &id, &f.email).await?;
    Ok(Redirect::to("/studio").into_response())
}

#[derive(Deserialize)]
pub struct ExpressForm {
    // Missing means off, so the form is read only after the caller is known.
    #[serde(default)]
    enabled: bool,
}

pub async fn set_express(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<ExpressForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    svc.set_team_express(&p, &id, f.enabled).await?;
    Ok(Redirect::to("/studio#teams-h").into_response())
}

#[derive(Deserialize)]
pub struct RateForm {
    #[serde(default)]
    price: String,
}

/// A team's own price per credit, e.g. for a team "by quote" above the
/// last tier (the API's `PUT /studio/teams/{id}/rate`).
pub async fn set_rate(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<RateForm>,
) -> PageResult {
    let (p, nav) = staff(s)?;
    let outcome = async {
        // Who first, then what was typed.
        p.require_staff(StaffRole::Admin)?;
        let cents = crate::domain::money::Cents::parse(&f.price).map_err(|e| {
            Error::invalid(
                "unit_price_cents",
                format!("{e}: write the price per credit, e.g. 38.50."),
            )
        })?;
        let team = svc.set_team_rate(&p, &id, cents.0).await?;
        Ok(format!(
            "{} now pays {} per credit, whatever their headcount.",
            team.name,
            svc.english().await.money(cents.0)
        ))
    }
    .await;
    after_action(&svc, &p, nav, &csrf, outcome).await
}
