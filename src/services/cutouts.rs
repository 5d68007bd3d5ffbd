//! The automatic cut-out (draft) of a headshot's current photo, for the
//! studio: made by `jobs::cutout` after every accepted upload.

use super::files::Download;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::db::headshots::HeadshotRow;
use crate::domain::{HeadshotStatus, StaffRole};

impl Services {
    /// The draft cut-out of the current photo: a PNG with transparency at the
    /// upright photo's full size. A conflict, saying why, while there is none.
    pub async fn draft_cutout(&self, p: &Principal, id: &str) -> Result<Download> {
        self.draft_file(p, id, false).await
    }

    /// The same at card size (the retouching card shows it).
    pub async fn draft_cutout_small(&self, p: &Principal, id: &str) -> Result<Download> {
        self.draft_file(p, id, true).await
    }

    async fn draft_file(&self, p: &Principal, id: &str, small: bool) -> Result<Download> {
        if p.require_staff(StaffRole::Qc).is_err() {
            p.require_staff(StaffRole::Retoucher)?;
        }
        let (h, _) = self.load_visible(p, id).await?;
        let photo_id = h
            .photo_id
            .ok_or_else(|| Error::Conflict("There is no photo yet, so no draft either.".into()))?;
        let row = db::cutouts::for_photo(&self.db.pool, &photo_id).await?;
        let key = match row {
            Some(c) if small && c.small_key.is_some() => c.small_key.unwrap_or_default(),
            Some(c) => c.storage_key.ok_or_else(|| {
                Error::Conflict(format!(
                    "There is no draft for this photo: {}. Cut out by hand.",
                    c.error.as_deref().unwrap_or("the cut-out failed")
                ))
            })?,
            None if self.settings.cutouts => {
                return Err(Error::Conflict(
                    "The draft is still being made: try again in a few seconds.".into(),
                ));
            }
            None => {
                return Err(Error::Conflict(
                    "Automatic cut-outs are off on this server: cut out by hand.".into(),
                ));
            }
        };
        Ok(Download {
            data: self.storage.get(&key).await?,
            content_type: "image/png",
            file_name: format!("draft-cutout-{}.png", h.id),
        })
    }

    /// The member's watermarked preview made from the draft, while the photo
    /// waits for quality check or retouching (a signed link; `None` until the
    /// draft exists, and once the real delivery replaces it).
    pub async fn draft_preview_url(&self, h: &HeadshotRow) -> Result<Option<String>> {
        Ok(self.draft_preview(h).await?.url())
    }

    /// Where the member's draft preview stands.
    pub async fn draft_preview(&self, h: &HeadshotRow) -> Result<DraftPreview> {
        let waiting = matches!(
            h.status,
            HeadshotStatus::InQualityCheck | HeadshotStatus::InRetouching
        );
        let Some(photo_id) = h.photo_id.as_deref().filter(|_| waiting) else {
            return Ok(DraftPreview::None);
        };
        Ok(
            match db::cutouts::for_photo(&self.db.pool, photo_id).await? {
                Some(c) if c.preview_key.is_some() => {
                    DraftPreview::Ready(self.preview_link(photo_id))
                }
                Some(_) => DraftPreview::None,
                // A job that has not finished within the hour will not help
                // (it failed, or its runner died): stop promising a preview.
                None if self.settings.cutouts
                    && h.uploaded_at
                        .is_some_and(|at| self.now_ms() - at < PENDING_FOR_MS) =>
                {
                    DraftPreview::Pending
                }
                None => DraftPreview::None,
            },
        )
    }

    /// A signed link to the preview made from the draft of `photo_id`.
    pub(crate) fn preview_link(&self, photo_id: &str) -> String {
        self.hourly_link(PREVIEW_LINK, photo_id, &format!("/previews/{photo_id}"))
    }

    /// Serves a preview behind a link made by [`Services::draft_preview_url`].
    pub async fn draft_preview_file(
        &self,
        photo_id: &str,
        exp: i64,
        sig: &str,
    ) -> Result<Download> {
        if !self.link_is_valid(PREVIEW_LINK, photo_id, exp, sig) {
            return Err(Error::NotFound("preview"));
        }
        let key = db::cutouts::for_photo(&self.db.pool, photo_id)
            .await?
            .and_then(|c| c.preview_key)
            .ok_or(Error::NotFound("preview"))?;
        Ok(Download {
            data: self.storage.get(&key).await?,
            content_type: "image/jpeg",
            file_name: "preview.jpg".into(),
        })
    }
}

/// The member's preview made from the draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DraftPreview {
    /// Its signed link.
    Ready(String),
    /// The cut-out job has not finished yet.
    Pending,
    /// None to show: no photo waiting, no person found, or cut-outs off.
    None,
}

/// How long after an upload the member is told a preview is coming.
const PENDING_FOR_MS: i64 = 3_600_000;

impl DraftPreview {
    /// The link, when the preview is ready.
    pub fn url(self) -> Option<String> {
        match self {
            Self::Ready(url) => Some(url),
            Self::Pending | Self::None => None,
        }
    }
}

/// What signed preview links are signed for.
const PREVIEW_LINK: &str = "draft-preview";
