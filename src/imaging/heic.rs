//! HEIC/HEIF photos (the iPhone default), read with `heifer`, a decoder
//! written in Rust: nothing to install, no C library to keep patched.
//!
//! Browsers other than Safari cannot show HEIC, so an accepted HEIC upload
//! is kept as a full-resolution JPEG made from its pixels (see
//! [`super::checks::Accepted::converted`]); the HEIC file itself, with its
//! location metadata, is not kept.

use heifer::heifer_isobmff::{HeifFile, boxes::Property};
use image::RgbImage;

/// The media types of the HEIF files [`is_heic`] accepts.
pub const MEDIA_TYPES: [&str; 2] = ["image/heic", "image/heif"];

/// A HEIF file whose brand says HEVC (`heic`, `heix`…) or a generic one
/// (`mif1`) that may hold it; the decoder has the last word.
pub fn is_heic(data: &[u8]) -> bool {
    data.get(4..8) == Some(b"ftyp")
        && matches!(
            heifer::check_file_type(data),
            heifer::FileTypeResult::Supported | heifer::FileTypeResult::MayBe
        )
}

/// The primary image's size as it is shown (after the file's rotation),
/// from the container alone.
pub fn dimensions(data: &[u8]) -> Option<(u32, u32)> {
    let file = HeifFile::parse(data).ok()?;
    let id = file.primary_id;
    let (w, h) = file.image_size(id).ok()??;
    let quarter_turns = file
        .item_properties(id)
        .ok()?
        .filter_map(|p| match p {
            Property::Rotation(q) => Some(u32::from(*q)),
            _ => None,
        })
        .sum::<u32>();
    Some(if quarter_turns % 2 == 1 {
        (h, w)
    } else {
        (w, h)
    })
}

/// The pixels, upright (the container's rotation and mirroring applied; the
/// EXIF orientation of a HEIF file is informative only) and in sRGB (iPhone
/// photos are Display P3).
pub fn decode(data: &[u8], max_pixels: u64) -> Option<RgbImage> {
    let options = heifer::Options {
        // A phone's HEIC is a grid of tiles: decoding them on every core
        // cuts the member's wait; the imaging pool bounds how many run.
        max_threads: 0,
        max_pixels,
    };
    let img = heifer::decode_srgb_rgba8(data, &options).ok()?;
    let rgb = img
        .data
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    RgbImage::from_raw(img.width, img.height, rgb)
}

/// Whether the EXIF data names a camera: a make or model that is not blank,
/// as for JPEGs (`checks::read_exif`).
pub fn camera(data: &[u8]) -> bool {
    heifer::read_metadata(data)
        .ok()
        .and_then(|m| {
            m.exif_fields().map(|e| {
                [e.make(), e.model()]
                    .into_iter()
                    .flatten()
                    .any(|s| !s.trim().is_empty())
            })
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::imaging::test_photo as photo;

    /// `sample1.heic` was made by libheif 1.15 with x265 (another encoder
    /// than the one in `heifer`) from `sample1.jpg`, EXIF included.
    #[test]
    fn a_heic_from_libheif_reads_like_its_source() {
        let data = photo("sample1.heic");
        assert!(is_heic(&data));
        assert!(!is_heic(&photo("sample1.jpg")));
        assert_eq!(dimensions(&data), Some((500, 375)));
        assert!(camera(&data), "Nikon D2H in the EXIF");
        let img = decode(&data, 100_000_000).unwrap();
        let source = image::load_from_memory(&photo("sample1.jpg"))
            .unwrap()
            .to_rgb8();
        assert_eq!(img.dimensions(), source.dimensions());
        let mse = img
            .as_raw()
            .iter()
            .zip(source.as_raw())
            .map(|(a, b)| (f64::from(*a) - f64::from(*b)).powi(2))
            .sum::<f64>()
            / img.as_raw().len() as f64;
        let psnr = 10.0 * (255.0f64.powi(2) / mse).log10();
        // libheif's own decode of this file is 38 dB from the source; a
        // decoder with wrong colours or a broken block is far below 30.
        assert!(psnr > 34.0, "{psnr:.1} dB");
    }

    #[test]
    fn damaged_or_oversized_heic_is_refused() {
        let data = photo("sample1.heic");
        assert!(decode(&data[..data.len() / 2], 100_000_000).is_none());
        assert!(decode(&data, 100_000).is_none(), "over the pixel bound");
        assert!(!is_heic(b"not a picture at all"));
    }
}
