//! Intake fields from the pages: `/team/intake`, where signed-in leaders
//! set the questions and the ZIP's file-name template, and the member's
//! answers on their page (`/m/{secret}/intake`). The API calls the same
//! services.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, render};
use crate::domain::intake::{FieldInput, FieldKind, IntakeField, MAX_FIELDS};
use crate::http::extract::{BrowserLanguage, CsrfForm, CsrfToken, MaybeViewer};
use crate::services::intake::{Answers, IntakeSettingsInput};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;
use std::collections::BTreeMap;

/// One row of the editor, as shown.
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The saved question's key: renaming the label keeps it (and the
    /// answers given).
    pub key: String,
    pub label: String,
    pub choice: bool,
    pub choices: String,
    pub required: bool,
}

#[derive(Template)]
#[template(path = "intake.html")]
pub struct IntakePage {
    pub studio: Brand,
    pub notice: String,
    pub errors: Vec<String>,
    pub csrf: String,
    pub base: String,
    pub back: String,
    pub rows: Vec<Row>,
    pub template: String,
    /// The saved questions' keys, for the template's placeholders.
    pub keys: Vec<String>,
}

/// The editor's rows: the questions, then empty rows up to three more (at
/// most ten in all).
fn rows_of(fields: &[IntakeField]) -> Vec<Row> {
    let mut rows: Vec<Row> = fields
        .iter()
        .map(|f| Row {
            key: f.key.clone(),
            label: f.label.clone(),
            choice: f.kind == FieldKind::Choice,
            choices: f.choices.join("\n"),
            required: f.required,
        })
        .collect();
    let more = (MAX_FIELDS - rows.len().min(MAX_FIELDS)).min(3);
    rows.extend(std::iter::repeat_n(Row::default(), more));
    rows
}

/// The editor as sent: rows side by side (a ticked box sends its row's
/// number).
#[derive(Debug, Default, Deserialize)]
pub struct IntakeForm {
    #[serde(default)]
    key: Vec<String>,
    #[serde(default)]
    label: Vec<String>,
    #[serde(default)]
    kind: Vec<String>,
    #[serde(default)]
    choices: Vec<String>,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    file_name_template: String,
}

impl IntakeForm {
    fn rows(&self) -> Vec<Row> {
        (0..self.label.len())
            .map(|i| Row {
                key: self.key.get(i).cloned().unwrap_or_default(),
                label: self.label[i].clone(),
                choice: self.kind.get(i).is_some_and(|k| k == "choice"),
                choices: self.choices.get(i).cloned().unwrap_or_default(),
                required: self.required.contains(&i.to_string()),
            })
            .collect()
    }
}

async fn page(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    typed: Option<(Vec<Row>, String)>,
) -> PageResult {
    let saved = svc.intake_settings(&lp.p).await?;
    let keys = saved.fields.iter().map(|f| f.key.clone()).collect();
    let (rows, template) = typed.unwrap_or_else(|| {
        (
            rows_of(&saved.fields),
            saved.file_name_template.clone().unwrap_or_default(),
        )
    });
    render(&IntakePage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: format!("{}/intake", lp.base),
        back: lp.base.clone(),
        rows,
        template,
        keys,
    })
}

pub async fn show(State(svc): State<Services>, csrf: CsrfToken, lp: LeaderPage) -> PageResult {
    // The share link may not change the questions: say so at once.
    lp.p.accountable_leader_team("the team's questions")?;
    page(&svc, &lp, Chrome::new(&svc, &csrf).await, None).await
}

pub async fn save(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<IntakeForm>,
) -> PageResult {
    let rows = f.rows();
    let fields = rows
        .iter()
        .filter(|r| !r.label.trim().is_empty())
        .map(|r| FieldInput {
            label: r.label.clone(),
            key: Some(r.key.clone()).filter(|k| !k.is_empty()),
            kind: if r.choice {
                FieldKind::Choice
            } else {
                FieldKind::Text
            },
            choices: r.choices.lines().map(str::to_string).collect(),
            required: r.required,
        })
        .collect();
    let input = IntakeSettingsInput {
        fields,
        file_name_template: Some(f.file_name_template.clone()),
    };
    match svc.save_intake(&lp.p, input).await {
        Ok(s) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = match s.fields.len() {
                0 => "Saved: members are asked nothing before their photo.".into(),
                n => format!(
                    "Saved: members answer {n} question{} before their photo.",
                    if n == 1 { "" } else { "s" }
                ),
            };
            page(&svc, &lp, c, None).await
        }
        Err(e @ Error::Invalid(_)) => {
            let c = Chrome::new(&svc, &csrf).await.with_error(&e);
            page(&svc, &lp, c, Some((rows, f.file_name_template))).await
        }
        Err(e) => Err(e.into()),
    }
}

/// The member's answers from their page.
pub async fn answer(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfForm(mut values): CsrfForm<BTreeMap<String, String>>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let Principal::Member { headshot_id, .. } = &p else {
        return Err(Error::NotFound("personal link").into());
    };
    values.remove("csrf");
    let tr = super::member::language(&svc, &p, &browser).await;
    match svc.save_answers(&p, headshot_id, Answers { values }).await {
        Ok(_) => Ok(Redirect::to(&format!("/m/{secret}")).into_response()),
        Err(e @ Error::Invalid(_)) => {
            let mut c = Chrome::new(&svc, &csrf).await.with_error(&e);
            c.open = Some("intake");
            super::member::page(&svc, &p, secret, c, tr).await
        }
        Err(e) => Err(e.into()),
    }
}
