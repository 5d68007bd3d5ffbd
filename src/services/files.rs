//! Handing out files: signed, expiring links to delivered files and to the
//! pictures of an uploaded photo, and the original photo for studio staff.

use super::views::{HeadshotFile, PhotoPicture};
use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::{HeadshotId, HeadshotStatus, StaffRole, TeamId};
use crate::imaging::metadata::strip_private_metadata;
use crate::storage::StorageKey;
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

    /// The files an approval unlocks, described without links: what the
    /// member will get (background, shape, size, format) while deciding.
    pub async fn final_file_kinds(
        &self,
        p: &Principal,
        id: &str,
        tr: &crate::i18n::Tr,
    ) -> Result<Vec<String>> {
        let (h, _t) = self.load_visible(p, id).await?;
        let rows = db::files::latest_for(&self.db.pool, &h.id).await?;
        Ok(rows
            .into_iter()
            .filter(|f| f.watermarked == 0)
            .map(|f| {
                let shape = tr.t(format!("shape-{}", f.shape));
                let size = format!("{}×{}", f.width, f.height);
                let format = f.format.to_uppercase();
                match f.background_id.as_deref() {
                    Some(b) => tr.ta(
                        "file-kind-background",
                        [
                            ("background", b.trim_start_matches("bg-")),
                            ("shape", &shape),
                            ("size", &size),
                            ("format", &format),
                        ],
                    ),
                    None => tr.ta(
                        "file-kind",
                        [("shape", &shape), ("size", &size), ("format", &format)],
                    ),
                }
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

    /// Serves a picture of a photo behind a link made by `picture_url`.
    pub async fn photo_picture(
        &self,
        kind: PhotoPicture,
        (team_id, headshot_id, photo_id): (&str, &str, &str),
        exp: i64,
        sig: &str,
    ) -> Result<Download> {
        if !self.keys.verify(
            kind.purpose(),
            &[team_id, headshot_id, photo_id, &exp.to_string()],
            sig,
        ) {
            return Err(Error::NotFound("picture"));
        }
        if exp < self.now().as_second() {
            return Err(Error::Forbidden(
                "This link has expired: reload the page.".into(),
            ));
        }
        let (team_id, headshot_id) = (TeamId::of(team_id), HeadshotId::of(headshot_id));
        let data = match kind {
            PhotoPicture::Thumbnail => {
                let key = StorageKey::Thumbnail {
                    team_id,
                    headshot_id,
                    photo_id: photo_id.into(),
                };
                self.storage.get(&key.path()).await?
            }
            PhotoPicture::Display => self.display_copy(team_id, headshot_id, photo_id).await?,
        };
        Ok(Download {
            data,
            content_type: "image/jpeg",
            file_name: format!("{}.jpg", kind.route().trim_end_matches('s')),
        })
    }

    /// The display copy of a photo: made at upload; for a photo stored
    /// before that, made now from the original and kept.
    async fn display_copy(
        &self,
        team_id: TeamId,
        headshot_id: HeadshotId,
        photo_id: &str,
    ) -> Result<Bytes> {
        let key = StorageKey::Display {
            team_id,
            headshot_id: headshot_id.clone(),
            photo_id: photo_id.into(),
        };
        if let Some(data) = self.storage.get_opt(&key).await? {
            return Ok(data);
        }
        let photo = db::photos::get(&self.db.pool, photo_id)
            .await?
            .filter(|p| p.headshot_id == headshot_id.as_str())
            .ok_or(Error::NotFound("photo"))?;
        let data = self.storage.get(&photo.storage_key).await?;
        let max_pixels = self.settings.photo.max_photo_pixels;
        let copy = self
            .imaging
            .run_costed(
                crate::imaging::decode::decode_cost(&data, false),
                move || crate::imaging::checks::display_copy(&data, max_pixels),
            )
            .await?
            .ok_or_else(|| anyhow::anyhow!("the stored photo {photo_id} cannot be read"))?;
        let copy = Bytes::from(copy);
        // Two first views at once write the same picture twice: harmless.
        self.storage.put(&key, copy.clone()).await?;
        Ok(copy)
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
