//! Handing out files: signed, expiring links to delivered files, and the
//! original photo for studio staff.

use super::views::HeadshotFile;
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::{HeadshotStatus, StaffRole};
use crate::imaging::metadata::strip_private_metadata;
use bytes::Bytes;

/// How long a file link works.
pub const LINK_SECONDS: i64 = 3600;

pub struct Download {
    pub data: Bytes,
    pub content_type: &'static str,
    pub file_name: String,
}

impl Services {
    /// The latest delivery's files the caller may have: the watermarked
    /// preview once delivered, the finals once approved (staff: always).
    pub async fn files(&self, p: &Principal, id: &str) -> Result<Vec<HeadshotFile>> {
        let (h, _t) = self.load_visible(p, id).await?;
        let status = h.status;
        let finals_allowed =
            status == HeadshotStatus::Approved || matches!(p, Principal::Staff { .. });
        let rows = db::files::latest_for(&self.db.pool, &h.id).await?;
        let exp = self.now().as_second() + LINK_SECONDS;
        Ok(rows
            .into_iter()
            .filter(|f| f.watermarked != 0 || finals_allowed)
            .map(|f| HeadshotFile {
                url: self.url(&format!(
                    "/files/{}?exp={exp}&sig={}",
                    f.id,
                    self.keys.derive("file-link", &[&f.id, &exp.to_string()])
                )),
                id: f.id,
                background_id: f.background_id,
                shape: f.shape,
                width: f.width,
                height: f.height,
                format: f.format,
                watermarked: f.watermarked != 0,
            })
            .collect())
    }

    /// A link to `path` signed for `purpose` and `id`, valid to the end of
    /// the next hour: it stays the same across page refreshes, so browsers
    /// can cache what it points at.
    pub(crate) fn hourly_link(&self, purpose: &str, id: &str, path: &str) -> String {
        let exp = (self.now().as_second() / 3600 + 2) * 3600;
        let sig = self.keys.derive(purpose, &[id, &exp.to_string()]);
        self.url(&format!("{path}?exp={exp}&sig={sig}"))
    }

    /// A link made by [`Services::hourly_link`] that is genuine and not expired.
    pub(crate) fn link_is_valid(&self, purpose: &str, id: &str, exp: i64, sig: &str) -> bool {
        self.keys.verify(purpose, &[id, &exp.to_string()], sig) && exp >= self.now().as_second()
    }

    /// Serves a file behind a link made by [`Services::files`].
    pub async fn download(&self, file_id: &str, exp: i64, sig: &str) -> Result<Download> {
        if !self
            .keys
            .verify("file-link", &[file_id, &exp.to_string()], sig)
        {
            return Err(Error::NotFound("file"));
        }
        if exp < self.now().as_second() {
            return Err(Error::Forbidden(
                "This download link has expired: reload the page for a fresh one.".into(),
            ));
        }
        let f = db::files::get(&self.db.pool, file_id)
            .await?
            .ok_or(Error::NotFound("file"))?;
        let data = self.storage.get(&f.storage_key).await?;
        let kind = if f.watermarked != 0 {
            "preview"
        } else {
            "headshot"
        };
        Ok(Download {
            data,
            content_type: if f.format == "png" {
                "image/png"
            } else {
                "image/jpeg"
            },
            file_name: format!(
                "{kind}-{}x{}.{}",
                f.width,
                f.height,
                if f.format == "png" { "png" } else { "jpg" }
            ),
        })
    }

    /// Serves a thumbnail behind a link made by `thumbnail_url`.
    pub async fn thumbnail(
        &self,
        team_id: &str,
        headshot_id: &str,
        photo_id: &str,
        exp: i64,
        sig: &str,
    ) -> Result<Download> {
        if !self.keys.verify(
            "thumb-link",
            &[team_id, headshot_id, photo_id, &exp.to_string()],
            sig,
        ) {
            return Err(Error::NotFound("thumbnail"));
        }
        if exp < self.now().as_second() {
            return Err(Error::Forbidden(
                "This link has expired: reload the page.".into(),
            ));
        }
        let key = crate::storage::StorageKey::Thumbnail {
            team_id: team_id.into(),
            headshot_id: headshot_id.into(),
            photo_id: photo_id.into(),
        };
        Ok(Download {
            data: self.storage.get(&key.path()).await?,
            content_type: "image/jpeg",
            file_name: "thumbnail.jpg".into(),
        })
    }

    /// The current original photo, for QC and retouching staff. Location and
    /// other private metadata are removed before it leaves the server.
    pub async fn original_photo(&self, p: &Principal, id: &str) -> Result<Download> {
        if p.require_staff(StaffRole::Qc).is_err() {
            p.require_staff(StaffRole::Retoucher)?;
        }
        let (h, _) = self.load_visible(p, id).await?;
        let photo_id = h.photo_id.ok_or(Error::NotFound("photo"))?;
        let photo = db::photos::get(&self.db.pool, &photo_id)
            .await?
            .ok_or(Error::NotFound("photo"))?;
        let data = self.storage.get(&photo.storage_key).await?;
        let clean = self
            .imaging
            .run(move || strip_private_metadata(&data))
            .await?;
        let (content_type, ext) = match photo.content_type.as_str() {
            "image/png" => ("image/png", "png"),
            "image/webp" => ("image/webp", "webp"),
            _ => ("image/jpeg", "jpg"),
        };
        Ok(Download {
            data: clean,
            content_type,
            file_name: format!("original-{}.{ext}", h.id),
        })
    }
}
