//! Pictures handed in besides members' photos: team backgrounds, library
//! pictures, custom-background references and mock-ups.

use super::{Error, Result, Services};
use bytes::Bytes;

/// A checked picture, ready to store.
pub struct Picture {
    pub data: Bytes,
    pub mime: &'static str,
}

impl Services {
    /// A picture someone hands in (a background, a reference, a mock-up),
    /// checked off the async threads: a readable JPEG, PNG or WebP within
    /// the upload limits, with its shorter side at least `min_side` pixels.
    /// What to store: the picture encoded again from its pixels (never the
    /// uploaded file, whose metadata may say where it was taken).
    pub(crate) async fn check_picture(
        &self,
        field: &str,
        data: &Bytes,
        min_side: u32,
    ) -> Result<Picture> {
        let limits = &self.settings.photo;
        if data.len() as u64 > limits.max_upload_bytes {
            return Err(Error::TooLarge(limits.max_upload_bytes));
        }
        let max = limits.max_photo_pixels;
        let d = data.clone();
        let read = self
            .imaging
            .run_costed(crate::imaging::decode::decode_cost(data, true), move || {
                crate::imaging::checks::reencode_picture(&d, max)
            })
            .await?;
        match read {
            None => Err(Error::invalid(
                field,
                "Send a readable JPEG, PNG or WebP picture.",
            )),
            Some(r) if r.width.min(r.height) < min_side => Err(Error::invalid(
                field,
                format!(
                    "The picture is {}×{} pixels; its shorter side must be at least {min_side} pixels so it stays sharp.",
                    r.width, r.height
                ),
            )),
            Some(r) => Ok(Picture {
                data: Bytes::from(r.data),
                mime: r.mime,
            }),
        }
    }
}
