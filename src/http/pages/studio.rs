//! The staff console at `/studio`: each role sees its own queues.

#[allow(unused_imports)]
use super::Money;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::domain::StaffRole;
use crate::domain::qc_reasons::QcReason;
use crate::email::outbox::{self, OutboxEntry};
use crate::http::extract::{CsrfToken, MaybeSession, read_upload};
use crate::imaging::render::Handed;
use crate::services::quality_check::QcDecision;
use crate::services::teams::{Creator, GrantCredits, NewTeam, TeamCreated};
use crate::services::views::{Headshot, Team};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Multipart, Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use axum_extra::extract::Form;
use serde::Deserialize;

fn staff(s: Option<(Principal, String)>) -> Result<(Principal, String, StaffRole), Error> {
    match s {
        Some((p @ Principal::Staff { role, .. }, name)) => Ok((p, name, role)),
        Some(_) => Err(Error::Forbidden(
            "The studio console is for studio staff.".into(),
        )),
        None => Err(Error::Unauthenticated),
    }
}

#[derive(Template)]
#[template(path = "studio.html")]
struct StudioPage {
    studio: String,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    who: String,
    role: &'static str,
    is_admin: bool,
    show_qc: bool,
    show_retouch: bool,
    qc: Vec<Headshot>,
    retouch: Vec<Headshot>,
    reasons: Vec<QcReason>,
    teams: Vec<Team>,
    /// Staff who can look after a team: (email, name).
    managers: Vec<(String, String)>,
    created: Option<TeamCreated>,
    show_support: bool,
    support: Vec<crate::services::support::SupportRequest>,
}

async fn console(
    svc: &Services,
    p: &Principal,
    name: String,
    role: StaffRole,
    c: Chrome,
    created: Option<TeamCreated>,
) -> PageResult {
    let show_qc = role.allows(StaffRole::Qc);
    let show_retouch = role.allows(StaffRole::Retoucher);
    let is_admin = role == StaffRole::Admin;
    render(&StudioPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        who: name,
        role: role.as_str(),
        is_admin,
        show_qc,
        show_retouch,
        qc: if show_qc {
            svc.studio_queue(p, "quality_check").await?
        } else {
            vec![]
        },
        retouch: if show_retouch {
            svc.studio_queue(p, "retouching").await?
        } else {
            vec![]
        },
        reasons: if show_qc { svc.qc_reasons(p)? } else { vec![] },
        managers: if is_admin {
            svc.success_staff(p).await?
        } else {
            vec![]
        },
        show_support: role.allows(StaffRole::Success),
        support: if role.allows(StaffRole::Success) {
            svc.support_inbox(p).await?
        } else {
            vec![]
        },
        teams: if is_admin {
            svc.list_teams(p).await?
        } else {
            vec![]
        },
        created,
    })
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, name, role) = staff(s)?;
    console(&svc, &p, name, role, Chrome::new(&svc, &csrf), None).await
}

#[derive(Deserialize)]
pub struct QcForm {
    csrf: Option<String>,
    decision: String,
    #[serde(default)]
    reasons: Vec<String>,
    #[serde(default)]
    note: Option<String>,
}

pub async fn quality_check(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    Form(f): Form<QcForm>,
) -> PageResult {
    csrf.check(f.csrf.as_deref())?;
    let (p, name, role) = staff(s)?;
    let decision = QcDecision {
        decision: f.decision,
        reasons: f.reasons,
        note: f.note,
    };
    match svc.quality_check(&p, &id, decision).await {
        Ok(h) => {
            let mut c = Chrome::new(&svc, &csrf);
            c.notice = format!(
                "{} {}: {}.",
                h.member.first_name,
                h.member.last_name,
                h.status.label()
            );
            console(&svc, &p, name, role, c, None).await
        }
        Err(e @ Error::Invalid(_)) => {
            console(
                &svc,
                &p,
                name,
                role,
                Chrome::new(&svc, &csrf).with_error(&e),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn deliver(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    m: Multipart,
) -> PageResult {
    let (p, name, role) = staff(s)?;
    let result = match read_upload(m, &["image", "cutout"]).await {
        Ok(u) => {
            csrf.check(u.text.get("csrf").map(String::as_str))?;
            let handed = if u.field == "cutout" || u.text.contains_key("is_cutout") {
                Handed::Cutout
            } else {
                Handed::Image
            };
            svc.deliver(&p, &id, u.data, handed).await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(h) => {
            let mut c = Chrome::new(&svc, &csrf);
            c.notice = format!("Delivered {} {}.", h.member.first_name, h.member.last_name);
            console(&svc, &p, name, role, c, None).await
        }
        Err(e @ (Error::Invalid(_) | Error::TooLarge(_) | Error::BadRequest(_))) => {
            console(
                &svc,
                &p,
                name,
                role,
                Chrome::new(&svc, &csrf).with_error(&e),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct TeamForm {
    csrf: Option<String>,
    name: String,
    leader_email: String,
    leader_name: String,
    timezone: Option<String>,
}

pub async fn create_team(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Form(f): Form<TeamForm>,
) -> PageResult {
    csrf.check(f.csrf.as_deref())?;
    let (p, name, role) = staff(s)?;
    let input = NewTeam {
        name: f.name,
        leader_email: f.leader_email,
        leader_name: f.leader_name,
        timezone: f.timezone,
    };
    match svc.create_team(Creator::Staff(&p), input).await {
        Ok(created) => {
            console(
                &svc,
                &p,
                name,
                role,
                Chrome::new(&svc, &csrf),
                Some(created),
            )
            .await
        }
        Err(e @ Error::Invalid(_)) => {
            console(
                &svc,
                &p,
                name,
                role,
                Chrome::new(&svc, &csrf).with_error(&e),
                None,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct CreditsForm {
    csrf: Option<String>,
    quantity: String,
    note: Option<String>,
}

pub async fn grant_credits(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    Form(f): Form<CreditsForm>,
) -> PageResult {
    csrf.check(f.csrf.as_deref())?;
    let (p, _, _) = staff(s)?;
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
    let (p, _, _) = staff(s)?;
    let d = svc.original_photo(&p, &id).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, no-store"),
        ],
        d.data,
    )
        .into_response())
}

#[derive(Template)]
#[template(path = "outbox.html")]
struct OutboxPage {
    studio: String,
    notice: String,
    errors: Vec<String>,
    mails: Vec<OutboxEntry>,
    open: Option<OutboxEntry>,
}

async fn outbox_page(
    svc: &Services,
    s: Option<(Principal, String)>,
    id: Option<String>,
) -> PageResult {
    let (p, _, _) = staff(s)?;
    p.require_staff(StaffRole::Admin)?;
    let dir = svc.settings.outbox_dir();
    let open = match id {
        Some(id) => Some(
            outbox::get(&dir, &id)
                .await?
                .ok_or(Error::NotFound("email"))?,
        ),
        None => None,
    };
    render(&OutboxPage {
        studio: svc.settings.studio_name.clone(),
        notice: String::new(),
        errors: vec![],
        mails: outbox::list(&dir).await?,
        open,
    })
}

pub async fn outbox(State(svc): State<Services>, MaybeSession(s): MaybeSession) -> PageResult {
    outbox_page(&svc, s, None).await
}

pub async fn outbox_mail(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    outbox_page(&svc, s, Some(id)).await
}

#[derive(Template)]
#[template(path = "studio_invoices.html")]
struct InvoicesPage {
    studio: String,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    payments: Vec<(crate::services::billing::Payment, String)>,
}

pub async fn invoices(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _, _) = staff(s)?;
    let c = Chrome::new(&svc, &csrf);
    render(&InvoicesPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        payments: svc.all_payments(&p).await?,
    })
}

pub async fn invoice(
    State(svc): State<Services>,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
) -> PageResult {
    let (p, _, _) = staff(s)?;
    super::invoice_page(&svc, &p, &id, "/studio/invoices".into()).await
}

pub async fn mark_paid(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    Form(f): Form<CsrfOnly>,
) -> PageResult {
    csrf.check(f.csrf.as_deref())?;
    let (p, _, _) = staff(s)?;
    svc.mark_invoice_paid(&p, &id).await?;
    Ok(Redirect::to("/studio/invoices").into_response())
}

#[derive(Deserialize)]
pub struct ManagerForm {
    csrf: Option<String>,
    email: String,
}

pub async fn set_manager(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    Form(f): Form<ManagerForm>,
) -> PageResult {
    csrf.check(f.csrf.as_deref())?;
    let (p, _, _) = staff(s)?;
    svc.set_success_manager(&p, &id, &f.email).await?;
    Ok(Redirect::to("/studio").into_response())
}
