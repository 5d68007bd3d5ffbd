//! The studio's access pages: staff accounts (admins deactivate and
//! reactivate), API tokens (everyone their own, admins all), the studio's
//! audit trail (admins). The API calls the same services.

#[allow(unused_imports)]
use super::Readable;
use super::studio::staff;
use super::team_tokens::TokensPage;
use super::{Brand, Chrome, CsrfOnly, PageResult, render};
use crate::domain::StaffRole;
use crate::http::extract::{CsrfForm, CsrfToken, MaybeSession};
use crate::services::staff::StaffMember;
use crate::services::staff_invites::{NewStaff, RoleChange};
use crate::services::studio_audit::StudioAuditEntry;
use crate::services::tokens::{NewToken, TokenCreated};
use crate::services::{Error, Principal, Services, StudioActor};
use askama::Template;
use axum::extract::{Path, State};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "studio_staff.html")]
struct StaffPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    me: String,
    staff: Vec<StaffMember>,
    /// The invitation form as sent (kept when refused).
    invite: InviteForm,
    roles: [StaffRole; 4],
}

#[derive(Debug, Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    role: String,
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    role: String,
}

async fn staff_page(svc: &Services, p: &Principal, c: Chrome, invite: InviteForm) -> PageResult {
    let me = p.staff_id().map(|id| id.to_string()).unwrap_or_default();
    render(&StaffPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        me,
        staff: svc.staff_members(p).await?,
        invite,
        roles: StaffRole::ALL,
    })
}

/// The invitation form: an account without a password, and an email with
/// a sign-in link to choose one.
pub async fn staff_invite(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<InviteForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let input = NewStaff {
        name: f.name.clone(),
        email: f.email.clone(),
        role: f.role.clone(),
    };
    match svc.invite_staff(StudioActor::Staff(&p), input).await {
        Ok(m) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "{} is invited as {}: the email with their sign-in link is on its way (the link works for 3 days).",
                m.name,
                m.role.map(StaffRole::label).unwrap_or_default()
            );
            staff_page(&svc, &p, c, InviteForm::default()).await
        }
        Err(e @ Error::Invalid(_)) => {
            staff_page(&svc, &p, Chrome::new(&svc, &csrf).await.with_error(&e), f).await
        }
        Err(e) => Err(e.into()),
    }
}

/// A new role for someone on the staff page.
pub async fn staff_role(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    CsrfForm(f): CsrfForm<RoleForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc
        .set_staff_role(StudioActor::Staff(&p), &id, RoleChange { role: f.role })
        .await
    {
        Ok(m) => {
            c.notice = format!(
                "{} is now {}.",
                m.name,
                m.role.map(StaffRole::label).unwrap_or_default()
            )
        }
        Err(e @ (Error::Conflict(_) | Error::Invalid(_))) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    staff_page(&svc, &p, c, InviteForm::default()).await
}

pub async fn staff_list(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    staff_page(
        &svc,
        &p,
        Chrome::new(&svc, &csrf).await,
        InviteForm::default(),
    )
    .await
}

/// `…/deactivate` or `…/reactivate`.
pub async fn staff_change(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path((id, action)): Path<(String, String)>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let outcome = match action.as_str() {
        "deactivate" => svc
            .deactivate_staff(StudioActor::Staff(&p), &id)
            .await
            .map(|m| format!("{} is deactivated: signed out everywhere, tokens revoked, claims back in the queue.", m.name)),
        "reactivate" => svc
            .reactivate_staff(StudioActor::Staff(&p), &id)
            .await
            .map(|m| format!("{} may sign in again (with a new sign-in link or their password).", m.name)),
        _ => return Err(Error::NotFound("page").into()),
    };
    let mut c = Chrome::new(&svc, &csrf).await;
    match outcome {
        Ok(n) => c.notice = n,
        Err(e @ Error::Conflict(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    staff_page(&svc, &p, c, InviteForm::default()).await
}

async fn tokens_page(
    svc: &Services,
    p: &Principal,
    c: Chrome,
    created: Option<TokenCreated>,
    name: String,
) -> PageResult {
    let owners = if p.is_admin() {
        svc.staff_members(p)
            .await?
            .into_iter()
            .map(|m| (m.id, m.name))
            .collect()
    } else {
        vec![]
    };
    render(&TokensPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: "/studio/tokens".into(),
        back: "/studio".into(),
        tokens: svc.staff_tokens(p).await?,
        created,
        name,
        owners,
    })
}

pub async fn tokens(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    tokens_page(
        &svc,
        &p,
        Chrome::new(&svc, &csrf).await,
        None,
        String::new(),
    )
    .await
}

#[derive(Deserialize)]
pub struct TokenForm {
    #[serde(default)]
    name: String,
}

pub async fn create_token(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    CsrfForm(f): CsrfForm<TokenForm>,
) -> PageResult {
    let (p, _) = staff(s)?;
    let input = NewToken {
        name: f.name.clone(),
    };
    match svc.create_staff_token(&p, input, None).await {
        Ok(t) => {
            tokens_page(
                &svc,
                &p,
                Chrome::new(&svc, &csrf).await,
                Some(t),
                String::new(),
            )
            .await
        }
        Err(e @ Error::Invalid(_)) => {
            tokens_page(
                &svc,
                &p,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                None,
                f.name,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

pub async fn revoke_token(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
    Path(id): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let (p, _) = staff(s)?;
    svc.revoke_staff_token(&p, &id).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = "Token revoked: anything still using it now gets 401.".into();
    tokens_page(&svc, &p, c, None, String::new()).await
}

#[derive(Template)]
#[template(path = "studio_audit.html")]
struct AuditPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    entries: Vec<StudioAuditEntry>,
}

pub async fn audit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    MaybeSession(s): MaybeSession,
) -> PageResult {
    let (p, _) = staff(s)?;
    let c = Chrome::new(&svc, &csrf).await;
    render(&AuditPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.studio_zone(), &svc),
        notice: c.notice,
        errors: c.errors,
        entries: svc.studio_audit_log(&p).await?,
    })
}
