//! The member's page at `/m/{secret}`: tutorial, upload, review, approval.

use super::Brand;
use super::{Chrome, CsrfOnly, PageResult, render};
use crate::domain::member_progress::{self, StepState};
use crate::http::extract::{
    BrowserLanguage, CsrfForm, CsrfMultipart, CsrfToken, MaybeViewer, read_upload,
};
use crate::i18n::Tr;
use crate::services::cutouts::DraftPreview;
use crate::services::views::{Headshot, HeadshotFile};
use crate::services::{Error, Principal, Services};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Redirect};

#[derive(Template)]
#[template(path = "member.html")]
struct MemberPage {
    /// The member's language (the team's, else the browser's).
    tr: Tr,
    studio: Brand,
    notice: String,
    errors: Vec<String>,
    csrf: String,
    secret: String,
    team_name: String,
    h: Headshot,
    files: Vec<HeadshotFile>,
    /// The side of the largest final, shown as a picture per background.
    largest: i64,
    min_kb: u64,
    min_side: u32,
    /// Until when re-edits and re-dos are free (none once approved).
    free_until: Option<String>,
    re_edit_fee: i64,
    redo_fee: i64,
    /// What the team asked for (its photo preferences).
    preferences: Vec<String>,
    /// The instant preview made from the automatic cut-out.
    draft: DraftPreview,
    /// The steps from invitation to approval (their message ids), with
    /// where the member is.
    progress: Vec<(&'static str, StepState)>,
    /// What happens next, and when, in plain words.
    next: String,
    /// While delivered: the files the approval unlocks, in words.
    to_come: Vec<String>,
    /// The preview's wording is for the member (the team's page says "the
    /// photo" where this says "your photo").
    for_leader: bool,
    /// A paid re-edit or re-do asked of the team: waiting, or its answer.
    spend: Option<crate::services::spend_requests::SpendRequest>,
    /// When it was asked or decided, in words.
    spend_when: String,
    /// The team approves members' paid requests first.
    ask_leader: bool,
    /// Approved, its payment not through yet.
    spend_pending: bool,
    /// The team's questions, answered before the upload.
    questions: Vec<crate::domain::intake::IntakeField>,
    /// A required question is not answered yet: the upload waits.
    answers_missing: bool,
    /// The folded part of the page the errors belong to (`erase`,
    /// `intake`), opened.
    open: Option<&'static str>,
    /// The team connected Slack: the member may have their headshot set
    /// as their Slack photo.
    slack: Option<crate::services::slack_photo::SlackOffer>,
}

impl MemberPage {
    /// The member's answer to `key`, or nothing.
    fn answer(&self, key: &str) -> &str {
        self.h.intake.get(key).map_or("", String::as_str)
    }
}

impl MemberPage {
    /// A paid request waits for the leader, or for its payment: no second
    /// one meanwhile.
    fn spend_waiting(&self) -> bool {
        self.spend_pending || self.spend.as_ref().is_some_and(|r| r.is_waiting())
    }
}

/// The language of the member's page: the team's, else the browser's.
pub(super) async fn language(svc: &Services, p: &Principal, browser: &BrowserLanguage) -> Tr {
    let team = match p {
        Principal::Member { team_id, .. } => {
            match crate::db::teams::get(&svc.db.pool, team_id).await {
                Ok(t) => t,
                // The page itself reports a database that is down; the
                // language falls back to English meanwhile.
                Err(e) => {
                    tracing::warn!(error = %e, "team unreadable for the page's language");
                    None
                }
            }
        }
        _ => None,
    };
    match team {
        Some(t) => svc.member_tr(&t, browser.0.as_deref()).await,
        None => svc.english().await,
    }
}

pub(super) async fn page(
    svc: &Services,
    p: &Principal,
    secret: String,
    mut c: Chrome,
    tr: Tr,
) -> PageResult {
    let Principal::Member {
        headshot_id,
        on_behalf,
        team_pays,
        ..
    } = p
    else {
        return Err(Error::NotFound("personal link").into());
    };
    if on_behalf.is_some() && c.notice.is_empty() {
        c.notice = tr.t("member-on-behalf");
    }
    let (row, team) = svc.load_visible(p, headshot_id).await?;
    let questions = crate::services::intake::team_fields(&team);
    let answers_missing =
        !crate::domain::intake::missing(&questions, &crate::services::intake::answers_of(&row))
            .is_empty();
    let tz = crate::services::views::team_tz(&team.timezone);
    let h = svc.headshot_view(&row, &tz);
    let today = svc.now().to_zoned(tz.clone()).date();
    let (photo_due, late) = match row.due_date.parse::<jiff::civil::Date>() {
        Ok(d) => (
            tr.t2(
                "photo-due",
                "date",
                tr.day(d, today),
                "relative",
                tr.relative(d, today),
            ),
            d < today,
        ),
        Err(_) => (row.due_date.clone(), false),
    };
    let retouch_due = row
        .retouch_due_at
        .and_then(|t| jiff::Timestamp::from_millisecond(t).ok())
        // Retouching is promised by the end of a studio working day: said
        // as that day on the studio's calendar.
        .map(|t| tr.due(t, &svc.studio_zone(), today));
    let next =
        member_progress::next_step(&tr, row.status, &photo_due, late, retouch_due.as_deref());
    let files = svc.files(p, headshot_id).await?;
    let spend = svc.spend_request_of(&row.id).await?;
    let team_allows_spending = team.members_may_spend != 0;
    render(&MemberPage {
        studio: c.studio,
        notice: c.notice,
        errors: c.errors,
        csrf: c.csrf,
        secret,
        team_name: team.name,
        h,
        largest: files
            .iter()
            .filter(|f| !f.watermarked)
            .map(|f| f.side())
            .max()
            .unwrap_or(0),
        files,
        min_kb: svc.photo_limits().await?.min_photo_bytes / 1000,
        min_side: svc.photo_limits().await?.min_photo_side,
        free_until: row
            .delivered_at
            .filter(|_| row.approved_at.is_none())
            .and_then(|d| jiff::Timestamp::from_millisecond(d).ok())
            .map(|d| crate::domain::guarantee::ends(d, svc.studio_cached().rules.guarantee_days))
            .filter(|until| *until >= svc.now())
            .map(|until| tr.day(until.to_zoned(tz.clone()).date(), today)),
        re_edit_fee: svc.studio_settings().await?.fees.re_edit,
        redo_fee: svc.studio_settings().await?.fees.redo,
        preferences: svc
            .team_preferences(&team.id)
            .await?
            .iter()
            .map(|r| tr.qc_reason(r))
            .collect(),
        draft: svc.draft_preview(&row).await?,
        for_leader: false,
        to_come: if row.status == crate::domain::HeadshotStatus::Delivered {
            svc.final_file_kinds(p, headshot_id, &tr).await?
        } else {
            Vec::new()
        },
        progress: member_progress::steps(row.status),
        next,
        spend_when: spend
            .as_ref()
            .and_then(|r| r.decided_at.as_ref().unwrap_or(&r.created_at).parse().ok())
            .map(|t| tr.instant(t, &tz, today))
            .unwrap_or_default(),
        spend_pending: spend.as_ref().is_some_and(|r| r.awaiting_payment),
        spend,
        ask_leader: !*team_pays && !team_allows_spending,
        questions,
        answers_missing,
        open: c.open,
        slack: svc.slack_offer(p).await?,
        tr,
    })
}

#[derive(serde::Deserialize)]
pub struct ReEditForm {
    notes: String,
}

pub async fn re_edit(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfForm(f): CsrfForm<ReEditForm>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let Principal::Member { headshot_id, .. } = &p else {
        return Err(Error::NotFound("personal link").into());
    };
    let tr = language(&svc, &p, &browser).await;
    let input = crate::services::re_edit::ReEditRequest { notes: f.notes };
    let result = svc
        .request_re_edit(&p, headshot_id, input)
        .await
        .map(|out| {
            let notice = match (&out.payment, &out.awaiting_approval) {
                (_, Some(asked)) => asked_notice(&tr, asked),
                (None, None) => tr.t("re-edit-free-thanks"),
                // An invoice is numbered at once; a card payment is not
                // (the member is sent to Stripe's page instead of this).
                (Some(pay), None) => match pay.invoice_number {
                    Some(n) => tr.t1("re-edit-paid-thanks", "invoice", n),
                    None => String::new(),
                },
            };
            (out.payment, notice)
        });
    after(&svc, &p, secret, &csrf, result, tr).await
}

pub async fn show(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    svc.member_opened_link(&p).await?;
    let tr = language(&svc, &p, &browser).await;
    page(&svc, &p, secret, Chrome::new(&svc, &csrf).await, tr).await
}

pub async fn start(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    Path(secret): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    svc.start_tutorial(&p).await?;
    Ok(Redirect::to(&format!("/m/{secret}")).into_response())
}

/// Every final file in one ZIP, once approved.
pub async fn files_zip(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    Path(secret): Path<String>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let stream = svc.member_zip(&p).await?;
    Ok(super::dashboard_bulk::zip_download(
        stream,
        "my-headshot.zip",
    ))
}

pub async fn approve(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    Path(secret): Path<String>,
    _: CsrfForm<CsrfOnly>,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let Principal::Member { headshot_id, .. } = &p else {
        return Err(Error::NotFound("personal link").into());
    };
    svc.approve(&p, headshot_id).await?;
    Ok(Redirect::to(&format!("/m/{secret}")).into_response())
}

pub async fn upload(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let Principal::Member { headshot_id, .. } = &p else {
        return Err(Error::NotFound("personal link").into());
    };
    let result = match read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await {
        Ok(u) => svc.upload_photo(&p, headshot_id, u.data).await.map(|_| ()),
        Err(e) => Err(e),
    };
    let tr = language(&svc, &p, &browser).await;
    let result = result.map(|()| (None, tr.t("upload-thanks")));
    after(&svc, &p, secret, &csrf, result, tr).await
}

/// A re-do from the member's page: a new photo, checked like any upload.
pub async fn redo(
    State(svc): State<Services>,
    MaybeViewer(viewer): MaybeViewer,
    browser: BrowserLanguage,
    csrf: CsrfToken,
    Path(secret): Path<String>,
    CsrfMultipart(m): CsrfMultipart,
) -> PageResult {
    let p = svc.member_principal(&secret, viewer.as_ref()).await?;
    let Principal::Member { headshot_id, .. } = &p else {
        return Err(Error::NotFound("personal link").into());
    };
    let result = match read_upload(m, &["photo"], svc.settings.photo.max_upload_bytes).await {
        Ok(u) => svc.request_redo(&p, headshot_id, u.data).await,
        Err(e) => Err(e),
    };
    let tr = language(&svc, &p, &browser).await;
    let result = result.map(|out| {
        let notice = match &out.awaiting_approval {
            Some(asked) => asked_notice(&tr, asked),
            None => tr.t("redo-thanks"),
        };
        (out.payment, notice)
    });
    after(&svc, &p, secret, &csrf, result, tr).await
}

/// What a member reads once their paid request went to the team leader.
fn asked_notice(tr: &Tr, asked: &crate::services::spend_requests::SpendRequest) -> String {
    tr.t1("spend-asked", "amount", tr.money(asked.amount_cents))
}

/// The member page after an action: off to the payment page when one must
/// be paid there, otherwise the page with the notice — or with the
/// action's errors, in plain words.
async fn after(
    svc: &Services,
    p: &Principal,
    secret: String,
    csrf: &CsrfToken,
    result: Result<(Option<crate::services::billing::Payment>, String), Error>,
    tr: Tr,
) -> PageResult {
    match result {
        Ok((payment, notice)) => {
            if let Some(url) = payment.as_ref().and_then(|p| p.pay_at()) {
                return Ok(Redirect::to(url).into_response());
            }
            let mut c = Chrome::new(svc, csrf).await;
            c.notice = notice;
            page(svc, p, secret, c, tr).await
        }
        Err(
            e @ (Error::PhotoRejected(_)
            | Error::Invalid(_)
            | Error::TooLarge(_)
            | Error::BadRequest(_)
            | Error::Transition(_)
            | Error::Conflict(_)),
        ) => {
            let mut c = Chrome::new(svc, csrf).await.with_error(&e);
            if let Some(said) = in_members_words(&tr, &e) {
                c.errors = said;
            }
            page(svc, p, secret, c, tr).await
        }
        Err(e) => Err(e.into()),
    }
}

/// What went wrong with a member's upload or request, in their language
/// where the page has the words: the photo checks' verdicts, a file too
/// large or unreadable, empty re-edit notes. Anything rarer keeps the
/// services' English words (also what the API says).
fn in_members_words(tr: &Tr, e: &Error) -> Option<Vec<String>> {
    match e {
        Error::PhotoRejected(failures) => {
            Some(failures.iter().map(|f| tr.check_failure(f)).collect())
        }
        Error::TooLarge(limit) => Some(vec![tr.t1(
            "error-too-large",
            "limit",
            crate::services::error::human_bytes(*limit),
        )]),
        Error::BadRequest(_) => Some(vec![tr.t("error-unreadable")]),
        Error::Invalid(fields) if fields.iter().all(|f| f.field == "notes") => {
            Some(vec![tr.t("error-re-edit-notes")])
        }
        _ => None,
    }
}
