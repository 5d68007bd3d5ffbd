//! The team dashboard, reached by a signed-in leader at `/team` or by anyone
//! holding the share link at `/d/{share}`: the same handlers serve both.

use super::Brand;
use super::dashboard_view::{self, DashboardQuery, Filter, Progress, SectionView};
use super::team_headshot::headshot_page;
use super::{Chrome, CsrfOnly, PageError, PageResult, PathId, render};
use super::{HumanDay, Initial};
use crate::domain::{DueDate, email_typos};
use crate::http::extract::{CsrfForm, CsrfMultipart, CsrfToken, MaybeSession, read_upload};
use crate::services::invite::Invite;
use crate::services::views::{Team, team_tz};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{FromRequestParts, Query, RawPathParams, State};
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

/// A leader at the dashboard, and the path prefix their links use.
pub struct LeaderPage {
    pub p: Principal,
    pub base: String,
    pub signed_in: bool,
}

impl FromRequestParts<Services> for LeaderPage {
    type Rejection = PageError;

    async fn from_request_parts(
        parts: &mut Parts,
        svc: &Services,
    ) -> Result<Self, Self::Rejection> {
        let params = RawPathParams::from_request_parts(parts, svc)
            .await
            .map_err(|_| Error::NotFound("page"))?;
        if let Some((_, share)) = params.iter().find(|(k, _)| *k == "share") {
            let p = svc.share_principal(share).await?;
            return Ok(Self {
                p,
                base: format!("/d/{share}"),
                signed_in: false,
            });
        }
        let MaybeSession(s) = MaybeSession::from_request_parts(parts, svc).await?;
        match s {
            Some((p @ Principal::Leader { .. }, _)) => Ok(Self {
                p,
                base: "/team".into(),
                signed_in: true,
            }),
            Some(_) => Err(Error::Forbidden(
                "This page is for team leaders; studio staff use /studio.".into(),
            )
            .into()),
            None => Err(Error::Unauthenticated.into()),
        }
    }
}

#[derive(Default, Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    first_name: String,
    #[serde(default)]
    last_name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    due_date: String,
    /// "The address is right as typed" (shown with a likely typo).
    #[serde(default)]
    confirm_address: Option<String>,
    /// The "Use name@gmail.com" button: the address probably meant.
    #[serde(default)]
    use_email: Option<String>,
    /// "Hold the welcome email back".
    #[serde(default)]
    hold_invite: Option<String>,
    /// The department chosen (empty: none, or the leader's own).
    #[serde(default)]
    department_id: String,
    /// The address probably meant, after a likely typo was refused.
    #[serde(skip)]
    suggested: Option<String>,
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    team: Team,
    progress: Progress,
    sections: Vec<SectionView>,
    page: usize,
    pages: usize,
    filter: Filter,
    statuses: Vec<(&'static str, &'static str)>,
    base: String,
    signed_in: bool,
    earliest_due: String,
    expedite_fee: String,
    form: InviteForm,
    /// The team's change token when the page was made (live updates).
    version: String,
    spend_waiting: Vec<crate::services::spend_requests::SpendRequest>,
    /// The team's zone and today there, for the due dates.
    zone: super::PageZone,
    /// The teams the signed-in leader leads (a switcher when several).
    led_teams: Vec<crate::services::team_switch::LedTeam>,
    /// Invitations to lead other teams, waiting for this leader's answer.
    invitations: Vec<crate::db::leader_invitations::ReceivedInvitation>,
    /// Members whose invitation is held back, and the first of them (its
    /// email is the preview).
    held: usize,
    held_first: Option<String>,
    /// The team's departments (a department's leader: their own).
    departments: Vec<crate::services::departments::Department>,
    /// A leader of the whole team: paid actions and help are theirs.
    whole_team: bool,
}

#[derive(Template)]
#[template(path = "team_sections.html")]
struct SectionsFragment {
    whole_team: bool,
    /// The team's departments, to name each row's.
    departments: Vec<crate::services::departments::Department>,
    /// For the rows' own buttons (remind, expedite, delete).
    csrf: String,
    /// A signed-in leader (not the share link): the member's page opens
    /// as the leader's visit.
    signed_in: bool,
    sections: Vec<SectionView>,
    page: usize,
    pages: usize,
    filter: Filter,
    base: String,
    zone: super::PageZone,
}

async fn dashboard(
    svc: &Services,
    lp: &LeaderPage,
    chrome: Chrome,
    form: InviteForm,
    q: &DashboardQuery,
) -> PageResult {
    // Read first: a change made while the page is built is refreshed again.
    let version = svc.team_version(&lp.p).await?;
    let team = svc.team(&lp.p).await?;
    let listing = svc.team_listing(&lp.p).await?;
    let all = &listing.summaries;
    let filter = Filter::new(q);
    let page = q.page.unwrap_or(1);
    let (sections, pages) =
        dashboard_view::sections(all, &filter, page, |h| listing.complete(svc, h));
    let today = svc.now().to_zoned(team_tz(&team.timezone)).date();
    let held: Vec<&str> = all
        .iter()
        .filter(|h| h.invite_held)
        .map(|h| h.id.as_str())
        .collect();
    render(&TeamPage {
        whole_team: lp.p.department().is_none(),
        departments: svc.departments(&lp.p).await?,
        held: held.len(),
        held_first: held.first().map(|id| id.to_string()),
        tr: chrome.tr,
        studio: chrome.studio,
        notice: chrome.notice,
        errors: chrome.errors,
        csrf: chrome.csrf,
        team,
        progress: Progress::of(all),
        sections,
        page: page.clamp(1, pages),
        pages,
        filter,
        statuses: dashboard_view::status_options(),
        base: lp.base.clone(),
        signed_in: lp.signed_in,
        earliest_due: DueDate::earliest(today, svc.studio_settings().await?.rules.min_due_days)
            .to_string(),
        expedite_fee: chrome.tr.money(svc.studio_settings().await?.fees.expedite),
        form,
        version,
        spend_waiting: svc.waiting_spend_requests(&lp.p).await?,
        zone: super::PageZone::new(svc.team_zone(&lp.p).await?, svc),
        led_teams: svc.led_teams(&lp.p).await?,
        invitations: svc.received_invitations(&lp.p).await?,
    })
}

/// The dashboard after an action, with its notice or errors.
pub async fn render_dashboard(svc: &Services, lp: &LeaderPage, chrome: Chrome) -> PageResult {
    dashboard(
        svc,
        lp,
        chrome,
        InviteForm::default(),
        &DashboardQuery::default(),
    )
    .await
}

/// The sections alone, for the dashboard's live refresh.
pub async fn sections(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    let listing = svc.team_listing(&lp.p).await?;
    let filter = Filter::new(&q);
    let (sections, pages) =
        dashboard_view::sections(&listing.summaries, &filter, q.page.unwrap_or(1), |h| {
            listing.complete(&svc, h)
        });
    let mut res = render(&SectionsFragment {
        whole_team: lp.p.department().is_none(),
        departments: svc.departments(&lp.p).await?,
        csrf: csrf.0,
        signed_in: lp.signed_in,
        sections,
        page: q.page.unwrap_or(1).clamp(1, pages),
        pages,
        filter,
        base: lp.base.clone(),
        zone: super::PageZone::new(svc.team_zone(&lp.p).await?, &svc),
    })?;
    // Which team these rows are of: a page of another team (the session
    // switched in another tab) reloads instead of swapping them in.
    if let Ok(team) = axum::http::HeaderValue::from_str(lp.p.leader_scope()?.0) {
        res.headers_mut().insert("x-team", team);
    }
    Ok(res)
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<DashboardQuery>,
) -> PageResult {
    dashboard(
        &svc,
        &lp,
        Chrome::new(&svc, &csrf).await,
        InviteForm::default(),
        &q,
    )
    .await
}

pub async fn invite(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(mut f): CsrfForm<InviteForm>,
) -> PageResult {
    if let Some(meant) = f.use_email.take()
        && email_typos::is_offer_for(&f.email, &meant)
    {
        f.email = meant;
    }
    let input = Invite {
        first_name: f.first_name.clone(),
        last_name: f.last_name.clone(),
        email: f.email.clone(),
        due_date: f.due_date.clone(),
        confirm_address: f.confirm_address.is_some(),
        send_invite: f.hold_invite.is_none(),
        department_id: Some(f.department_id.clone()),
    };
    match svc.invite(&lp.p, input).await {
        Ok(h) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = if h.invite_held {
                format!(
                    "{} {} is added; the invitation waits for you to send it.",
                    h.member.first_name, h.member.last_name
                )
            } else {
                format!(
                    "{} {} is invited; the welcome email is on its way.",
                    h.member.first_name, h.member.last_name
                )
            };
            dashboard(
                &svc,
                &lp,
                c,
                InviteForm::default(),
                &DashboardQuery::default(),
            )
            .await
        }
        // Keep what was typed and show what to fix (with a likely typo,
        // the address meant one click away).
        Err(e @ (Error::Invalid(_) | Error::NoCredit)) => {
            f.suggested = e.suggestion_for("email").map(String::from);
            dashboard(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                f,
                &DashboardQuery::default(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// The `{id}` among the path parameters (a share link adds `{share}`).
pub async fn approve(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.approve(&lp.p, &id).await?;
    Ok(Redirect::to(&format!("{}/headshots/{id}", lp.base)).into_response())
}

pub async fn move_forward(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.move_forward(&lp.p, &id).await?;
    Ok(Redirect::to(&format!("{}/headshots/{id}", lp.base)).into_response())
}

pub async fn delete(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    svc.delete_headshot(&lp.p, &id).await?;
    Ok(Redirect::to(&lp.base).into_response())
}

pub async fn upload(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let up = read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await;
    let result = match up {
        Ok(u) => svc.upload_photo(&lp.p, &id, u.data).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match result {
        Ok(()) => Ok(Redirect::to(&format!("{}/headshots/{id}", lp.base)).into_response()),
        Err(
            e @ (Error::PhotoRejected(_)
            | Error::Invalid(_)
            | Error::TooLarge(_)
            | Error::BadRequest(_)),
        ) => {
            headshot_page(
                &svc,
                &lp,
                &id,
                Chrome::new(&svc, &csrf).await.with_error(&e),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Asked first (the price), charged once confirmed.
#[derive(Deserialize)]
pub struct ConfirmForm {
    #[serde(default)]
    confirmed: Option<String>,
}

pub async fn expedite(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    CsrfForm(f): CsrfForm<ConfirmForm>,
) -> PageResult {
    if f.confirmed.as_deref() != Some("yes") {
        let page = format!("{}/headshots/{id}", lp.base);
        let action = format!("{page}/expedite");
        let c = Chrome::new(&svc, &csrf).await;
        return super::expedite_confirm::ask(&svc, &lp, vec![id], action, page, c).await;
    }
    match svc.expedite(&lp.p, std::slice::from_ref(&id)).await {
        Ok((_, payment)) => match payment.pay_at() {
            Some(url) => Ok(Redirect::to(url).into_response()),
            None => Ok(Redirect::to(&format!("{}/headshots/{id}", lp.base)).into_response()),
        },
        Err(e @ (Error::Conflict(_) | Error::Unavailable(_))) => {
            headshot_page(
                &svc,
                &lp,
                &id,
                Chrome::new(&svc, &csrf).await.with_error(&e),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}
