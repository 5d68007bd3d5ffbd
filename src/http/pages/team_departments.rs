//! `/team/departments`: the team's departments — add one, rename it, give
//! it a style of its own and an allowance, remove it — and who leads which
//! (the leaders page sets that). The API's `/departments` calls the same
//! services.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, render};
use crate::domain::department::parse_allowance;
use crate::http::extract::{CsrfForm, CsrfToken};
use crate::services::departments::{Department, DepartmentInput};
use crate::services::styles::Style;
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::State;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "departments.html")]
pub struct DepartmentsPage {
    pub studio: Brand,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
    pub base: String,
    pub back: String,
    pub departments: Vec<Department>,
    pub styles: Vec<Style>,
    /// The new department's fields after a refusal.
    pub form: DepartmentForm,
    /// The department whose form was refused (its fields are `form`).
    pub editing: Option<String>,
}

impl DepartmentsPage {
    pub fn style_name(&self, id: &Option<String>) -> String {
        match id {
            Some(id) => self
                .styles
                .iter()
                .find(|s| &s.id == id)
                .map_or_else(|| "the team's default".into(), |s| s.spec.name.clone()),
            None => "the team's default".into(),
        }
    }

    /// The fields a department's form shows: what was typed after a
    /// refusal, else what is stored.
    pub fn fields(&self, d: &Department) -> DepartmentForm {
        if self.editing.as_deref() == Some(d.id.as_str()) {
            return self.form.clone();
        }
        DepartmentForm {
            name: d.name.clone(),
            style_id: d.style_id.clone().unwrap_or_default(),
            allowance: d.allowance.map(|a| a.to_string()).unwrap_or_default(),
        }
    }

    /// How full the allowance is, in percent (for the bar).
    pub fn percent(&self, d: &Department) -> i64 {
        match d.allowance {
            Some(a) if a > 0 => (d.used * 100 / a).clamp(0, 100),
            Some(_) => 100,
            None => 0,
        }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
pub struct DepartmentForm {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub style_id: String,
    #[serde(default)]
    pub allowance: String,
}

impl DepartmentForm {
    /// The service's input; an unreadable allowance is reported as the
    /// service would report it.
    fn input(&self) -> Result<DepartmentInput, Error> {
        let allowance =
            parse_allowance(&self.allowance).map_err(|m| Error::invalid("allowance", m))?;
        Ok(DepartmentInput {
            name: self.name.clone(),
            style_id: Some(self.style_id.clone()).filter(|s| !s.is_empty()),
            allowance,
        })
    }
}

async fn page(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    form: DepartmentForm,
    editing: Option<String>,
) -> PageResult {
    // Whole-team leaders only: a department's leader is refused here.
    lp.p.accountable_leader_team("departments")?;
    render(&DepartmentsPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: format!("{}/departments", lp.base),
        back: lp.base.clone(),
        departments: svc.departments(&lp.p).await?,
        styles: svc.styles(&lp.p).await?,
        form,
        editing,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    page(
        &svc,
        &lp,
        Chrome::new(&svc, &csrf).await,
        DepartmentForm::default(),
        None,
    )
    .await
}

pub async fn create(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<DepartmentForm>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    let made = match f.input() {
        Ok(input) => svc.create_department(&lp.p, input).await,
        Err(e) => Err(e),
    };
    match made {
        Ok(d) => {
            c.notice = format!(
                "The {} department is added: choose it when you invite, or in the department column of a CSV file.",
                d.name
            );
            page(&svc, &lp, c, DepartmentForm::default(), None).await
        }
        Err(e @ Error::Invalid(_)) => page(&svc, &lp, c.with_error(&e), f, None).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn update(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    super::PathId(id): super::PathId,
    CsrfForm(f): CsrfForm<DepartmentForm>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    let saved = match f.input() {
        Ok(input) => svc.update_department(&lp.p, &id, input).await,
        Err(e) => Err(e),
    };
    match saved {
        Ok(d) => {
            c.notice = format!("Saved the {} department.", d.name);
            page(&svc, &lp, c, DepartmentForm::default(), None).await
        }
        Err(e @ Error::Invalid(_)) => page(&svc, &lp, c.with_error(&e), f, Some(id)).await,
        Err(e) => Err(e.into()),
    }
}

pub async fn delete(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    super::PathId(id): super::PathId,
    CsrfForm(_): CsrfForm<super::CsrfOnly>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    match svc.delete_department(&lp.p, &id).await {
        Ok(()) => {
            c.notice = "The department is removed; its members are in the team at large.".into()
        }
        // Pressed twice: the first removed it.
        Err(Error::NotFound(_)) => c.notice = "That department was removed already.".into(),
        Err(e @ Error::Conflict(_)) => c = c.with_error(&e),
        Err(e) => return Err(e.into()),
    }
    page(&svc, &lp, c, DepartmentForm::default(), None).await
}
