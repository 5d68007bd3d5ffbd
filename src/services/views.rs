//! What the API returns (and the pages show): the contract's JSON shapes.

use super::Services;
use crate::db::headshots::HeadshotRow;
use crate::domain::qc_reasons::QcReason;
use crate::domain::{HeadshotStatus, Section};
use jiff::{Timestamp, tz::TimeZone};
use serde::Serialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Member {
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    /// When mail to `email` bounced permanently (RFC 3339): no mail goes to
    /// it until a leader corrects the address.
    pub email_bounced_at: Option<String>,
    /// What the receiving mail server said.
    pub email_bounce: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Headshot {
    pub id: String,
    pub member: Member,
    pub status: HeadshotStatus,
    pub section: Section,
    /// `YYYY-MM-DD`
    pub due_date: String,
    /// No photo uploaded and the due date has passed (team's time zone).
    pub overdue: bool,
    pub expedited: bool,
    /// Reminded several times (3) and still no photo.
    pub needs_attention: bool,
    /// When retouching is due (RFC 3339), once a photo is uploaded.
    pub retouch_due_at: Option<String>,
    pub qc_reasons: Vec<QcReason>,
    pub qc_note: Option<String>,
    /// What was asked of the last re-edit.
    pub re_edit_notes: Option<String>,
    pub style_id: Option<String>,
    /// The member's personal page.
    pub member_url: String,
    /// A small square picture of the uploaded photo (signed link).
    pub thumbnail_url: Option<String>,
    /// The uploaded photo upright at up to 1024 px, without its metadata
    /// (signed link, valid for at least an hour).
    pub photo_url: Option<String>,
    pub created_at: String,
    pub uploaded_at: Option<String>,
    pub delivered_at: Option<String>,
    pub approved_at: Option<String>,
    /// The welcome email is held back until a leader sends it.
    pub invite_held: bool,
    /// The approved headshot this one refreshes (periodic refresh).
    pub refresh_of: Option<String>,
    /// When this headshot's refresh was approved (RFC 3339): it is kept,
    /// but no longer listed.
    pub replaced_at: Option<String>,
    /// When the studio's retention deleted the original photos and drafts
    /// (RFC 3339); the finals stay.
    pub sources_deleted_at: Option<String>,
    /// The member's answers to the team's questions, by key.
    pub intake: std::collections::BTreeMap<String, String>,
    /// The team's department it belongs to (`GET /departments`); `null`:
    /// the team at large.
    pub department_id: Option<String>,
    /// Where the approved headshot stands as a profile photo at each service
    /// the team connected (empty: none, or not approved yet; leaders' views
    /// only).
    pub profile_photos: Vec<super::photo_push::ProfilePhoto>,
    /// Present in the studio's queues.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub team_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Event {
    pub at: String,
    pub actor: String,
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// The current uploaded photo: its size and what the instant checks
/// measured on it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct PhotoFacts {
    pub width: i64,
    pub height: i64,
    pub bytes: i64,
    pub content_type: String,
    pub uploaded_by: String,
    pub uploaded_at: String,
    /// Faces, face size, sharpness, brightness, camera data; null for
    /// photos checked before measurements were kept.
    #[schema(value_type = Option<Object>)]
    pub checks: Option<crate::imaging::analysis::Measurements>,
}

impl PhotoFacts {
    pub fn of(row: &crate::db::photos::PhotoRow) -> Self {
        Self {
            width: row.width,
            height: row.height,
            bytes: row.bytes,
            content_type: row.content_type.clone(),
            uploaded_by: row.uploaded_by.clone(),
            uploaded_at: rfc3339(row.created_at),
            checks: row
                .checks
                .as_deref()
                .and_then(|c| serde_json::from_str(c).ok()),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeadshotWithEvents {
    #[serde(flatten)]
    pub headshot: Headshot,
    pub events: Vec<Event>,
    /// The current photo (see `photo_url` for the picture); null before an
    /// upload.
    pub photo: Option<PhotoFacts>,
    /// The instant preview made from the automatic cut-out while the photo
    /// waits for quality check or retouching (a signed link, valid for one
    /// hour); null otherwise.
    pub preview_url: Option<String>,
    /// The same, with whether one is still being made (for the pages).
    #[serde(skip)]
    pub draft: super::cutouts::DraftPreview,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Credits {
    pub available: i64,
    pub used: i64,
    pub purchased: i64,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Team {
    pub id: String,
    pub name: String,
    pub timezone: String,
    pub credits: Credits,
    /// Price per credit at the team's next purchase; null when the studio must quote.
    pub unit_price_cents: Option<i64>,
    pub default_style_id: Option<String>,
    pub share_url: Option<String>,
    /// Express: drafts of photos that passed the quality check are
    /// delivered without a retoucher (a studio choice).
    pub express_drafts: bool,
    /// Members pay for their re-edits and re-dos after the guarantee
    /// themselves; otherwise a leader approves each charge.
    pub members_may_spend: bool,
    /// The language of the members' pages and of every email about the
    /// team: `auto` (each member's browser; emails in English), `en`, `de`,
    /// `fr`, `es`.
    pub language: crate::domain::TeamLanguage,
    /// The address invoices are made out to (lines), if the team gave one.
    pub billing_address: Option<String>,
    /// A new headshot of each approved member every this many months
    /// (one credit each); null: never.
    pub refresh_months: Option<i64>,
    /// For a department's leader: the department they lead (they see its
    /// headshots only); null for leaders of the whole team.
    pub department: Option<super::departments::Department>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct HeadshotFile {
    pub id: String,
    pub background_id: Option<String>,
    pub shape: String,
    pub width: i64,
    pub height: i64,
    pub format: String,
    /// A signed link, valid for one hour.
    pub url: String,
    pub watermarked: bool,
}

impl HeadshotFile {
    /// The longest side, in pixels.
    pub fn side(&self) -> i64 {
        self.width.max(self.height)
    }

    /// "1600×1600".
    pub fn dimensions(&self) -> String {
        format!("{}×{}", self.width, self.height)
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LedgerEntry {
    pub at: String,
    pub kind: crate::domain::LedgerKind,
    /// What happened, in words ("Invited Ana Silva").
    pub description: String,
    pub credits: i64,
    pub amount_cents: i64,
    /// ISO 4217 of `amount_cents` (the payment's); null when no money moved.
    pub currency: Option<String>,
    pub headshot_id: Option<String>,
    pub note: Option<String>,
}

/// The pictures of an uploaded photo the team and the member may see,
/// each behind its own signed link (never the original, which keeps the
/// camera's metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhotoPicture {
    /// The dashboard's small square.
    Thumbnail,
    /// The photo upright at up to 1024 px.
    Display,
}

impl PhotoPicture {
    /// What the link's signature is made for (a thumbnail link cannot be
    /// turned into a display link).
    pub fn purpose(self) -> &'static str {
        match self {
            Self::Thumbnail => "thumb-link",
            Self::Display => "photo-link",
        }
    }

    pub fn route(self) -> &'static str {
        match self {
            Self::Thumbnail => "thumbs",
            Self::Display => "photos",
        }
    }
}

pub fn rfc3339(ms: i64) -> String {
    Timestamp::from_millisecond(ms)
        .map(|t| t.to_string())
        .unwrap_or_default()
}

pub fn team_tz(name: &str) -> TimeZone {
    TimeZone::get(name).unwrap_or(TimeZone::UTC)
}

impl Services {
    pub fn member_secret(&self, id: &str, version: i64) -> String {
        self.keys.derive("member-link", &[id, &version.to_string()])
    }

    pub fn member_url(&self, id: &str, version: i64) -> String {
        self.url(&format!("/m/{}", self.member_secret(id, version)))
    }

    pub fn share_secret(&self, team_id: &str, version: i64) -> String {
        self.keys
            .derive("share-link", &[team_id, &version.to_string()])
    }

    /// Signed for the current hour and the next, so the link stays the same
    /// across the dashboard's refreshes (and browsers can cache it).
    pub fn picture_url(
        &self,
        kind: PhotoPicture,
        team_id: &str,
        headshot_id: &str,
        photo_id: &str,
    ) -> String {
        let exp = (self.now().as_second() / 3600 + 2) * 3600;
        let sig = self.keys.derive(
            kind.purpose(),
            &[team_id, headshot_id, photo_id, &exp.to_string()],
        );
        self.url(&format!(
            "/{}/{team_id}/{headshot_id}/{photo_id}?exp={exp}&sig={sig}",
            kind.route()
        ))
    }

    pub fn headshot_view(&self, row: &HeadshotRow, tz: &TimeZone) -> Headshot {
        let mut v = self.headshot_summary(row, tz);
        v.member_url = self.member_url(&row.id, row.member_token_version);
        if let Some(photo) = &row.photo_id {
            let link = |kind| self.picture_url(kind, &row.team_id, &row.id, photo);
            v.thumbnail_url = Some(link(PhotoPicture::Thumbnail));
            v.photo_url = Some(link(PhotoPicture::Display));
        }
        v
    }

    /// The view without its signed links (cheap, for counting and filtering
    /// large teams; `member_url` is empty and `thumbnail_url` unset).
    pub fn headshot_summary(&self, row: &HeadshotRow, tz: &TimeZone) -> Headshot {
        let status = row.status;
        let today = self.now().to_zoned(tz.clone()).date();
        let overdue = status.owes_photo()
            && row
                .due_date
                .parse::<jiff::civil::Date>()
                .map(|d| d < today)
                .unwrap_or(false);
        let qc_reasons: Vec<String> = serde_json::from_str(&row.qc_reasons).unwrap_or_default();
        Headshot {
            id: row.id.to_string(),
            member: Member {
                first_name: row.first_name.clone(),
                last_name: row.last_name.clone(),
                email: row.email.clone(),
                email_bounced_at: row.email_bounced_at.map(rfc3339),
                email_bounce: row.email_bounce.clone(),
            },
            status,
            section: status.section(),
            due_date: row.due_date.clone(),
            overdue,
            expedited: row.expedited != 0,
            needs_attention: status.owes_photo()
                && row.reminder_count >= self.studio_cached().rules.reminders_before_attention,
            retouch_due_at: row.retouch_due_at.map(rfc3339),
            qc_reasons: {
                let studio = self.studio_cached();
                qc_reasons
                    .iter()
                    .filter_map(|c| {
                        studio
                            .qc_reason(c)
                            .cloned()
                            .or_else(|| crate::domain::qc_reasons::find(c))
                    })
                    .collect()
            },
            qc_note: row.qc_note.clone(),
            re_edit_notes: row.re_edit_notes.clone(),
            style_id: row.style_id.clone(),
            member_url: String::new(),
            thumbnail_url: None,
            photo_url: None,
            created_at: rfc3339(row.created_at),
            uploaded_at: row.uploaded_at.map(rfc3339),
            delivered_at: row.delivered_at.map(rfc3339),
            approved_at: row.approved_at.map(rfc3339),
            invite_held: row.invite_held != 0,
            refresh_of: row.refresh_of.as_ref().map(ToString::to_string),
            replaced_at: row.replaced_at.map(rfc3339),
            sources_deleted_at: row.sources_deleted_at.map(rfc3339),
            intake: super::intake::answers_of(row),
            department_id: row.department_id.as_ref().map(ToString::to_string),
            profile_photos: Vec::new(),
            team_id: None,
        }
    }
}
