//! A member's headshot as the team sees it: the photo beside the retouched
//! result, what the checks measured, the corrections, a member's paid
//! request waiting for approval.

use super::dashboard::LeaderPage;
use super::{Brand, Chrome, PageResult, PathId, render};
#[allow(unused_imports)]
use super::{HumanDay, Initial, Money};
use crate::domain::DueDate;
use crate::domain::transition::{Action, Actor, transition};
use crate::http::extract::CsrfToken;
use crate::services::Services;
use crate::services::cutouts::DraftPreview;
use crate::services::views::{Event, Headshot, HeadshotFile, PhotoFacts, team_tz};
use askama::Template;
use axum::extract::State;

#[derive(Template)]
#[template(path = "team_headshot.html")]
struct HeadshotPage {
    /// Amounts in the studio's currency.
    tr: crate::i18n::Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    base: String,
    h: Headshot,
    events: Vec<Event>,
    /// The current photo's size and measurements.
    photo: Option<PhotoFacts>,
    /// The delivered picture shown beside the photo.
    result: Option<HeadshotFile>,
    /// The photo's due date as people read it ("Mon 16 Mar (in 14 days)").
    due_human: String,
    /// A signed-in leader (the share link does not open members' pages).
    signed_in: bool,
    /// A leader of the whole team (a department's leader neither pays nor
    /// handles personal data requests).
    whole_team: bool,
    /// The earliest due date the form accepts.
    earliest_due: String,
    files: Vec<HeadshotFile>,
    /// The instant preview from the automatic cut-out, while one is due.
    draft: DraftPreview,
    for_leader: bool,
    can_upload: bool,
    expedite_fee: String,
    min_kb: u64,
    min_side: u32,
    /// The corrections form is open: its fields had a problem.
    details_open: bool,
    /// The erasure's form is open: it was sent unconfirmed.
    erase_open: bool,
    /// The member's answers as (question, answer), in the team's order;
    /// answers to a question since removed come last, under their key.
    answers: Vec<(String, String)>,
    /// A new email refused as a likely typo: what was typed and the
    /// address probably meant.
    email_typo: Option<EmailTypo>,
    spend: Option<crate::services::spend_requests::SpendRequest>,
}

/// The delivered picture to compare with the photo: the watermarked
/// preview, or after approval the smallest final that still shows detail.
fn beside_the_photo(files: &[HeadshotFile]) -> Option<HeadshotFile> {
    files
        .iter()
        .find(|f| f.watermarked)
        .or_else(|| {
            files
                .iter()
                .filter(|f| f.side() >= 600)
                .min_by_key(|f| f.side())
        })
        .or(files.first())
        .cloned()
}

/// A correction of the email refused as a likely typo.
/// The whole form comes back as typed, so nothing typed is lost.
pub(super) struct EmailTypo {
    pub first_name: String,
    pub last_name: String,
    pub typed: String,
    pub meant: String,
}

pub(super) async fn headshot_page(
    svc: &Services,
    lp: &LeaderPage,
    id: &str,
    c: Chrome,
) -> PageResult {
    headshot_page_with(svc, lp, id, c, None).await
}

pub(super) async fn headshot_page_with(
    svc: &Services,
    lp: &LeaderPage,
    id: &str,
    c: Chrome,
    email_typo: Option<EmailTypo>,
) -> PageResult {
    let d = svc.headshot(&lp.p, id).await?;
    let team = svc.team(&lp.p).await?;
    let today = svc.now().to_zoned(team_tz(&team.timezone)).date();
    let due_human = match d.headshot.due_date.parse::<jiff::civil::Date>() {
        Ok(due) => format!("{} ({})", c.tr.day(due, today), c.tr.relative(due, today)),
        Err(_) => d.headshot.due_date.clone(),
    };
    let files = svc.files(&lp.p, id).await?;
    let questions = svc.intake_settings(&lp.p).await?.fields;
    let mut answers: Vec<(String, String)> = questions
        .iter()
        .filter_map(|q| Some((q.label.clone(), d.headshot.intake.get(&q.key)?.clone())))
        .collect();
    answers.extend(
        d.headshot
            .intake
            .iter()
            .filter(|(k, _)| !questions.iter().any(|q| &q.key == *k))
            .map(|(k, v)| (format!("{k} (question removed)"), v.clone())),
    );
    let can_upload = transition(d.headshot.status, Action::UploadPhoto, Actor::Leader).is_ok();
    render(&HeadshotPage {
        details_open: c.open == Some("details"),
        erase_open: c.open == Some("erase"),
        answers,
        email_typo,
        tr: c.tr,
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        base: lp.base.clone(),
        h: d.headshot,
        events: d.events,
        photo: d.photo,
        result: beside_the_photo(&files),
        due_human,
        signed_in: lp.signed_in,
        whole_team: lp.p.department().is_none(),
        earliest_due: DueDate::earliest(today, svc.studio_settings().await?.rules.min_due_days)
            .to_string(),
        draft: d.draft,
        for_leader: true,
        files,
        can_upload,
        expedite_fee: c.tr.money(svc.studio_settings().await?.fees.expedite),
        min_kb: svc.photo_limits().await?.min_photo_bytes / 1000,
        min_side: svc.photo_limits().await?.min_photo_side,
        spend: svc
            .spend_request_of(&crate::domain::HeadshotId::of(id))
            .await?,
    })
}

pub async fn headshot(
    State(svc): State<Services>,
    csrf: CsrfToken,
    lp: LeaderPage,
    PathId(id): PathId,
) -> PageResult {
    headshot_page(&svc, &lp, &id, Chrome::new(&svc, &csrf).await).await
}
