//! `/team/refresh`: the team's periodic refresh — how often each approved
//! member is asked for a new headshot, who is due now and who comes next.
//! Signed-in leaders only (a refresh spends credits); the API's
//! `PATCH /team {"refresh_months"}` calls the same service.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, PageZone, Readable, render};
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::refresh::{MAX_MONTHS, NOTICE_DAYS, RefreshPlan};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

/// The periods offered, in months (0: never); a period set through the
/// API is offered too.
const CHOICES: [i64; 6] = [0, 6, 12, 18, 24, 36];

#[derive(Template)]
#[template(path = "refresh.html")]
pub struct RefreshPage {
    pub studio: Brand,
    pub tz: PageZone,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
    pub base: String,
    pub back: String,
    pub plan: RefreshPlan,
    pub choices: Vec<i64>,
    pub credits: i64,
    pub notice_days: i64,
}

impl RefreshPage {
    pub fn months(&self) -> i64 {
        self.plan.refresh_months.unwrap_or(0)
    }

    pub fn choice_label(&self, m: &i64) -> String {
        match *m {
            0 => "Never".into(),
            12 => "Every year (12 months)".into(),
            24 => "Every two years (24 months)".into(),
            m => format!("Every {m} months"),
        }
    }

    /// "2 Mar 2027" for a `YYYY-MM-DD` day.
    pub fn day(&self, d: &str) -> String {
        d.parse::<jiff::civil::Date>()
            .map(|d| d.strftime("%-d %b %Y").to_string())
            .unwrap_or_else(|_| d.to_string())
    }

    pub fn approved(&self, at: &str) -> String {
        at.to_string().date_in(&self.tz)
    }
}

#[derive(Debug, Deserialize)]
pub struct RefreshForm {
    #[serde(default)]
    months: String,
}

async fn page(svc: &Services, lp: &LeaderPage, c: Chrome) -> PageResult {
    let plan = svc.refresh_plan(&lp.p).await?;
    let mut choices = CHOICES.to_vec();
    if !choices.contains(&plan.refresh_months.unwrap_or(0)) {
        choices.push(plan.refresh_months.unwrap_or(0));
        choices.sort_unstable();
    }
    let min_days = svc.studio_settings().await?.rules.min_due_days;
    render(&RefreshPage {
        credits: svc.team(&lp.p).await?.credits.available,
        tz: PageZone::new(svc.team_zone(&lp.p).await?, svc),
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: format!("{}/refresh", lp.base),
        back: lp.base.clone(),
        plan,
        choices,
        notice_days: NOTICE_DAYS.max(min_days),
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(&svc, &lp, Chrome::new(&svc, &csrf).await).await
}

pub async fn save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<RefreshForm>,
) -> PageResult {
    // An unreadable number is refused by the service's range check.
    let months = f.months.trim().parse().unwrap_or(MAX_MONTHS + 1);
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.set_refresh_months(&lp.p, Some(months)).await {
        Ok(()) if months == 0 => c.notice = "Refreshes are off.".into(),
        Ok(()) => {
            c.notice = format!(
                "Saved: each approved member gets a new headshot {} months after their last was approved.",
                months
            )
        }
        Err(e @ Error::Invalid(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    page(&svc, &lp, c).await
}
