//! Team pages beyond the headshots: help requests, the audit log, leaders.

use super::Brand;
#[allow(unused_imports)]
use super::Readable;
use super::dashboard::LeaderPage;
use super::{Chrome, PageResult, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use axum::response::IntoResponse;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "help.html")]
struct HelpPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    kinds: Vec<(&'static str, &'static str)>,
    /// (headshot id, name)
    members: Vec<(String, String)>,
    message: String,
    requests: Vec<crate::services::support::SupportRequest>,
}

async fn help_page(svc: &Services, lp: &LeaderPage, c: Chrome, message: String) -> PageResult {
    let members = svc
        .list_headshots(&lp.p, &Default::default())
        .await?
        .into_iter()
        .map(|h| {
            (
                h.id,
                format!("{} {}", h.member.first_name, h.member.last_name),
            )
        })
        .collect();
    render(&HelpPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        kinds: crate::services::support::KINDS.to_vec(),
        members,
        message,
        requests: svc.team_support_requests(&lp.p).await?,
    })
}

pub async fn help(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    help_page(&svc, &lp, Chrome::new(&svc, &csrf).await, String::new()).await
}

#[derive(Deserialize)]
pub struct HelpForm {
    kind: String,
    #[serde(default)]
    headshot_ids: Vec<String>,
    message: String,
}

pub async fn help_submit(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<HelpForm>,
) -> PageResult {
    let input = crate::services::support::NewSupportRequest {
        kind: f.kind,
        headshot_ids: f.headshot_ids,
        message: f.message.clone(),
    };
    match svc.create_support_request(&lp.p, input).await {
        Ok(_) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = "Thank you: your request is with the studio, and your success manager has been told.".into();
            super::dashboard::render_dashboard(&svc, &lp, c).await
        }
        Err(e @ Error::Invalid(_)) => {
            help_page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                f.message,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    studio: Brand,
    /// Times are shown in this zone (the team's, or the studio's).
    tz: super::PageZone,
    notice: String,
    errors: Vec<String>,
    base: String,
    entries: Vec<crate::services::audit::AuditEntry>,
}

pub async fn audit(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    let c = Chrome::new(&svc, &csrf).await;
    render(&AuditPage {
        studio: c.studio,
        tz: super::PageZone::new(svc.team_zone(&lp.p).await?, &svc),
        notice: c.notice,
        errors: c.errors,
        base: lp.base.clone(),
        entries: svc.audit_log(&lp.p).await?,
    })
}

#[derive(Template)]
#[template(path = "leaders.html")]
struct LeadersPage {
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    leaders: Vec<crate::services::leaders::Leader>,
    /// Leaders who accepted (the last of them stays).
    active: usize,
    name: String,
    email: String,
    /// A signed-in leader (the share link sees the list, manages nothing).
    can_manage: bool,
    /// The signed-in leader's own id (empty for the share link): removing
    /// oneself is leaving the team.
    me: String,
    /// The team's departments: a leader may lead one of them only.
    departments: Vec<crate::services::departments::Department>,
}

impl LeadersPage {
    /// What leader `l` leads, as people say it.
    fn leads(&self, l: &crate::services::leaders::Leader) -> String {
        l.department_id
            .as_deref()
            .and_then(|id| self.departments.iter().find(|d| d.id == id))
            .map_or_else(
                || "The whole team".into(),
                |d| format!("{} department", d.name),
            )
    }
}

async fn leaders_page(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    name: String,
    email: String,
) -> PageResult {
    let leaders = svc.leaders(&lp.p).await?;
    let me = lp.p.account().map(|id| id.to_string()).unwrap_or_default();
    render(&LeadersPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        active: leaders.iter().filter(|l| !l.pending).count(),
        leaders,
        name,
        email,
        can_manage: lp.signed_in,
        me,
        departments: svc.departments(&lp.p).await?,
    })
}

pub async fn leaders(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    leaders_page(
        &svc,
        &lp,
        Chrome::new(&svc, &csrf).await,
        String::new(),
        String::new(),
    )
    .await
}

#[derive(Deserialize)]
pub struct LeaderForm {
    name: String,
    email: String,
    /// Empty: the whole team.
    #[serde(default)]
    department_id: String,
}

pub async fn invite_leader(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<LeaderForm>,
) -> PageResult {
    let input = crate::services::leaders::NewLeader {
        name: f.name.clone(),
        email: f.email.clone(),
        department_id: Some(f.department_id.clone()),
    };
    match svc.invite_leader(&lp.p, input).await {
        Ok(l) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = if l.pending {
                format!(
                    "{} is invited: that address already leads another team, so this one joins their account once they accept. The invitation is on its way to {}.",
                    l.name, l.email
                )
            } else {
                format!(
                    "{} can now lead the team; a sign-in link is on its way to {}.",
                    l.name, l.email
                )
            };
            leaders_page(&svc, &lp, c, String::new(), String::new()).await
        }
        Err(e @ Error::Invalid(_)) => {
            leaders_page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                f.name,
                f.email,
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Removes a leader (their sessions end at once); removing oneself signs
/// oneself out.
pub async fn remove_leader(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    super::PathId(id): super::PathId,
    _: CsrfForm<super::CsrfOnly>,
) -> PageResult {
    let (name, pending) = svc
        .leaders(&lp.p)
        .await?
        .into_iter()
        .find(|l| l.id == id)
        .map(|l| (l.name, l.pending))
        .unwrap_or_default();
    match svc.remove_leader(&lp.p, &id).await {
        Ok(()) => {
            // Left the team: this session, looking at it, has ended.
            if lp.p.account().is_some_and(|me| me.as_str() == id) {
                return Ok(axum::response::Redirect::to("/login").into_response());
            }
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = if pending {
                format!("The invitation of {name} is cancelled.")
            } else {
                format!("{name} no longer leads the team; they can no longer see it.")
            };
            leaders_page(&svc, &lp, c, String::new(), String::new()).await
        }
        Err(e @ Error::Conflict(_)) => {
            leaders_page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                String::new(),
                String::new(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct LeadsForm {
    /// Empty: the whole team.
    #[serde(default)]
    department_id: String,
}

/// What a leader leads: one department, or the whole team.
pub async fn set_leader_department(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    super::PathId(id): super::PathId,
    CsrfForm(f): CsrfForm<LeadsForm>,
) -> PageResult {
    let department = Some(f.department_id.as_str()).filter(|d| !d.is_empty());
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.set_leader_department(&lp.p, &id, department).await {
        Ok(()) => c.notice = "Saved: it applies from their next page.".into(),
        Err(e @ (Error::Conflict(_) | Error::Invalid(_))) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    leaders_page(&svc, &lp, c, String::new(), String::new()).await
}
