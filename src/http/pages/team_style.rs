//! `/team/style`: the team's Headshot Styles, with a live preview.

use super::Brand;
#[allow(unused_imports)]
use super::Money;
use super::dashboard::LeaderPage;
use super::{Chrome, CsrfOnly, PageResult, PathId, render};
use crate::domain::style::{Framing, StyleInput};
use crate::http::extract::{CsrfForm, CsrfMultipart, CsrfToken, read_upload};
use crate::services::preferences::{PreferenceChoice, Preferences};
use crate::services::style_samples::SampleSubject;
use crate::services::styles::{Background, Style};
use crate::services::{Error, Services};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Redirect};
use serde::Deserialize;

/// A style as listed, with the picture of its main background.
pub struct StyleCard {
    pub id: String,
    pub spec: crate::domain::style::StyleSpec,
    pub is_default: bool,
    pub preview: String,
}

#[derive(Deserialize)]
pub struct StyleForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    background_id: String,
    #[serde(default)]
    shape: String,
    #[serde(default)]
    background_color: String,
    #[serde(default)]
    outline_color: String,
    #[serde(default)]
    outline_width: String,
    #[serde(default)]
    extra_background_ids: Vec<String>,
    #[serde(default)]
    framing: String,
}

impl StyleForm {
    fn blank() -> Self {
        Self {
            name: String::new(),
            background_id: String::new(),
            shape: "square".into(),
            background_color: "#ffffff".into(),
            outline_color: "#ffffff".into(),
            outline_width: "0".into(),
            extra_background_ids: vec![],
            framing: "head_and_shoulders".into(),
        }
    }
}

#[derive(Template)]
#[template(path = "style.html")]
struct StylePage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    styles: Vec<StyleCard>,
    backgrounds: Vec<Background>,
    preferences: Vec<PreferenceChoice>,
    /// Paid library backgrounds this team has not bought.
    any_locked: bool,
    form: StyleForm,
    /// Members whose draft cut-out the styles can be shown on.
    subjects: Vec<SampleSubject>,
    /// The one they are shown on.
    subject: Option<SampleSubject>,
    framings: [Framing; 2],
    /// The language of the members' pages and the team's emails.
    language: crate::domain::TeamLanguage,
    /// Additional backgrounds a style may offer (the studio's setting).
    max_extra: usize,
}

async fn page(svc: &Services, lp: &LeaderPage, c: Chrome, form: StyleForm) -> PageResult {
    page_on(svc, lp, c, form, None).await
}

async fn page_on(
    svc: &Services,
    lp: &LeaderPage,
    c: Chrome,
    form: StyleForm,
    sample: Option<&str>,
) -> PageResult {
    let subjects = svc.style_sample_subjects(&lp.p).await?;
    let subject = subjects
        .iter()
        .find(|s| Some(s.headshot_id.as_str()) == sample)
        .or(subjects.first())
        .cloned();
    let backgrounds = svc.backgrounds(&lp.p).await?;
    let preview_of = |id: &str| {
        backgrounds
            .iter()
            .find(|b| b.id == id)
            .map(|b| b.preview_url.clone())
            .unwrap_or_default()
    };
    let styles = svc
        .styles(&lp.p)
        .await?
        .into_iter()
        .map(|s: Style| StyleCard {
            preview: preview_of(&s.spec.background_id),
            id: s.id,
            spec: s.spec,
            is_default: s.is_default,
        })
        .collect();
    render(&StylePage {
        tr: c.tr,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        styles,
        any_locked: backgrounds.iter().any(|b| b.locked),
        backgrounds,
        preferences: svc.preferences(&lp.p).await?,
        language: svc.team(&lp.p).await?.language,
        form,
        subjects,
        subject,
        framings: Framing::ALL,
        max_extra: svc.studio_settings().await?.rules.extra_backgrounds,
    })
}

#[derive(Deserialize, Default)]
pub struct ShowQuery {
    /// Set after a custom-background mock-up is approved.
    approved: Option<u8>,
    /// The member (headshot id) to show the styles on.
    sample: Option<String>,
}

pub async fn show(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    Query(q): Query<ShowQuery>,
) -> PageResult {
    let mut c = Chrome::new(&svc, &csrf).await;
    if q.approved.is_some() {
        c.notice =
            "Mock-up approved: your custom background is now the background of your default style."
                .into();
    }
    page_on(&svc, &lp, c, StyleForm::blank(), q.sample.as_deref()).await
}

#[derive(Deserialize)]
pub struct SampleQuery {
    headshot: Option<String>,
}

/// One style on a member's draft cut-out (a watermarked JPEG).
pub async fn sample(
    State(svc): State<Services>,
    lp: LeaderPage,
    PathId(id): PathId,
    Query(q): Query<SampleQuery>,
) -> PageResult {
    let d = svc.style_sample(&lp.p, &id, q.headshot.as_deref()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, d.content_type),
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        d.data,
    )
        .into_response())
}

pub async fn create(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<StyleForm>,
) -> PageResult {
    let input = StyleInput {
        name: f.name.clone(),
        background_id: f.background_id.clone(),
        shape: f.shape.clone(),
        background_color: f.background_color.clone(),
        outline_color: f.outline_color.clone(),
        outline_width: f.outline_width.trim().parse().unwrap_or(-1),
        extra_background_ids: f.extra_background_ids.clone(),
        framing: Some(f.framing.clone()),
    };
    match svc.create_style(&lp.p, input).await {
        Ok(s) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "Style \"{}\" added{}.",
                s.spec.name,
                if s.is_default {
                    " and made the default"
                } else {
                    ""
                }
            );
            page(&svc, &lp, c, StyleForm::blank()).await
        }
        Err(e @ Error::Invalid(_)) => {
            page(&svc, &lp, Chrome::new(&svc, &csrf).await.with_error(&e), f).await
        }
        Err(e) => Err(e.into()),
    }
}

#[derive(Deserialize)]
pub struct DefaultForm {
    style_id: String,
}

pub async fn make_default(
    State(svc): State<Services>,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<DefaultForm>,
) -> PageResult {
    svc.set_default_style(&lp.p, &f.style_id).await?;
    Ok(Redirect::to(&format!("{}/style", lp.base)).into_response())
}

#[derive(Deserialize)]
pub struct PreferencesForm {
    #[serde(default)]
    qc_reasons: Vec<String>,
}

pub async fn set_preferences(
    State(svc): State<Services>,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<PreferencesForm>,
) -> PageResult {
    svc.set_preferences(
        &lp.p,
        Preferences {
            qc_reasons: f.qc_reasons,
        },
    )
    .await?;
    Ok(Redirect::to(&format!("{}/style#prefs-h", lp.base)).into_response())
}

#[derive(Deserialize)]
pub struct LanguageForm {
    #[serde(default)]
    language: String,
}

/// The language of the members' pages and the team's emails.
pub async fn set_language(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfForm(f): CsrfForm<LanguageForm>,
) -> PageResult {
    let Some(choice) = crate::domain::TeamLanguage::parse(&f.language) else {
        let e = Error::invalid(
            "language",
            "Choose one of the listed languages, or each member's browser language.",
        );
        let c = Chrome::new(&svc, &csrf).await.with_error(&e);
        return page(&svc, &lp, c, StyleForm::blank()).await;
    };
    svc.set_team_language(&lp.p, choice).await?;
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = match choice.fixed() {
        Some(l) => format!(
            "Members' pages and the team's emails are now in {}.",
            l.name()
        ),
        None => {
            "Each member's page now follows their browser's language; emails are in English.".into()
        }
    };
    page(&svc, &lp, c, StyleForm::blank()).await
}

pub async fn upload_background(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let result = match read_upload(m, &["file"], svc.settings.photo.max_upload_bytes).await {
        Ok(u) => {
            svc.upload_background(
                &lp.p,
                u.text.get("name").map(String::as_str).unwrap_or(""),
                u.data,
            )
            .await
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(b) => {
            let mut c = Chrome::new(&svc, &csrf).await;
            c.notice = format!(
                "\"{}\" is in your backgrounds; choose it in a style.",
                b.name
            );
            page(&svc, &lp, c, StyleForm::blank()).await
        }
        Err(e @ (Error::Invalid(_) | Error::TooLarge(_) | Error::BadRequest(_))) => {
            page(
                &svc,
                &lp,
                Chrome::new(&svc, &csrf).await.with_error(&e),
                StyleForm::blank(),
            )
            .await
        }
        Err(e) => Err(e.into()),
    }
}

/// Buys a paid library background (Stripe: off to the checkout page).
pub async fn unlock(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let payment = svc.unlock_background(&lp.p, &id).await?;
    if let Some(url) = payment.pay_at() {
        return Ok(Redirect::to(url).into_response());
    }
    let mut c = Chrome::new(&svc, &csrf).await;
    c.notice = format!(
        "Unlocked ({}): choose it in a style.",
        payment.invoice_label()
    );
    page(&svc, &lp, c, StyleForm::blank()).await
}
