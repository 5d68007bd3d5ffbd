//! Pictures handed in besides members' photos: team backgrounds, library
//! pictures, custom-background references and mock-ups.

use super::{Error, Result, Services};
use bytes::Bytes;

impl Services {
    /// A picture someone hands in (a background, a reference, a mock-up),
    /// checked off the async threads: a readable JPEG, PNG or WebP within
    /// the upload limits, with its shorter side at least `min_side` pixels.
    /// Its MIME type.
    pub(crate) async fn check_picture(
        &self,
        field: &str,
        data: &Bytes,
        min_side: u32,
    ) -> Result<&'static str> {
        let limits = &self.settings.photo;
        if data.len() as u64 > limits.max_upload_bytes {
            return Err(Error::TooLarge(limits.max_upload_bytes));
        }
        let max = limits.max_photo_pixels;
        let d = data.clone();
        let read = self
            .imaging
            .run(move || crate::imaging::checks::read_picture(&d, max))
            .await?;
        match read {
            None => Err(Error::invalid(
                field,
                "Send a readable JPEG, PNG or WebP picture.",
            )),
            Some((w, h, _)) if w.min(h) < min_side => Err(Error::invalid(
                field,
                format!(
                    "The picture is {w}×{h} pixels; its shorter side must be at least {min_side} pixels so it stays sharp."
                ),
            )),
            Some((_, _, mime)) => Ok(mime),
        }
    }
}
