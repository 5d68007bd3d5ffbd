//! Instant checks on an uploaded photo, answered within the upload request.
//! Every failure is reported at once, in plain words, with how to fix it.

use super::decode::{decode_bounded, decode_reduced, dimensions, sniff};
use super::faces::Face;
use crate::config::PhotoLimits;
use image::{DynamicImage, RgbImage};
use std::io::Cursor;

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct CheckFailure {
    /// Stable code: `file_too_small`, `unsupported_format`, `too_many_pixels`,
    /// `resolution_too_low`, `unreadable`.
    pub check: &'static str,
    pub message: String,
    /// The numbers in the message, by name, for the member's page to say
    /// it in their language (`check-{code}` in `locales/`).
    #[serde(skip)]
    pub args: Vec<(&'static str, u64)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Accepted {
    /// The MIME type of what is stored: the upload's, or JPEG for a
    /// converted HEIC.
    pub content_type: &'static str,
    /// For formats browsers cannot show (HEIC): the full-resolution JPEG to
    /// keep instead of the upload, made from its pixels (no metadata).
    pub converted: Option<Vec<u8>>,
    pub width: u32,
    pub height: u32,
    /// A small square JPEG for the team's dashboard (no metadata).
    pub thumbnail: Vec<u8>,
    /// The photo upright at the analysis size (1024 px), as JPEG without
    /// metadata: what leaders and members are shown.
    pub display: Vec<u8>,
    /// What the checks measured (stored, shown to QC).
    pub measurements: super::analysis::Measurements,
}

/// The side of the dashboard thumbnail, in pixels.
pub const THUMBNAIL_SIDE: u32 = 160;

fn fail(check: &'static str, message: String) -> CheckFailure {
    CheckFailure {
        check,
        message,
        args: Vec::new(),
    }
}

impl CheckFailure {
    fn with(mut self, args: &[(&'static str, u64)]) -> Self {
        self.args = args.to_vec();
        self
    }
}

fn kb(bytes: u64) -> u64 {
    bytes / 1000
}

/// A picture someone handed in, made anew from its pixels.
pub struct Reencoded {
    pub width: u32,
    pub height: u32,
    /// PNG when the picture has transparency, else JPEG: no EXIF, GPS, XMP
    /// or comments survive, and the type matches the bytes.
    pub data: Vec<u8>,
    pub mime: &'static str,
}

/// High enough that a background loses nothing visible.
const PICTURE_JPEG_QUALITY: u8 = 92;

/// A picture someone hands in (a background, a reference, a mock-up): a
/// JPEG, PNG or WebP that decodes within `max_pixels`, turned upright as its
/// EXIF says and encoded again from its pixels, so nothing but the picture
/// reaches anyone else.
pub fn reencode_picture(data: &[u8], max_pixels: u64) -> Option<Reencoded> {
    let format = sniff(data)?;
    let (w, h) = dimensions(data, format)?;
    if u64::from(w) * u64::from(h) > max_pixels {
        return None;
    }
    let mut img = decode_bounded(data, format, max_pixels).ok()?;
    if let Some(o) = read_exif(data)
        .orientation
        .and_then(image::metadata::Orientation::from_exif)
    {
        img.apply_orientation(o);
    }
    let (data, mime) = if img.color().has_alpha() {
        super::encode::png(&img.to_rgba8())
    } else {
        super::encode::jpeg(&img.to_rgb8(), PICTURE_JPEG_QUALITY)
    };
    Some(Reencoded {
        width: img.width(),
        height: img.height(),
        data,
        mime,
    })
}

pub fn check_upload(data: &[u8], limits: &PhotoLimits) -> Result<Accepted, Vec<CheckFailure>> {
    let mut failures = Vec::new();
    let size = data.len() as u64;
    if size < limits.min_photo_bytes {
        failures.push(fail(
            "file_too_small",
            format!(
                "The file is {} KB; photos must be at least {} KB. Send the original photo from your camera or phone, not a thumbnail, a screenshot or a copy shrunk by a messaging app.",
                kb(size),
                kb(limits.min_photo_bytes)
            ),
        )
        .with(&[("size", kb(size)), ("min", kb(limits.min_photo_bytes))]));
    }
    let heic = super::heic::is_heic(data);
    let format = sniff(data);
    if format.is_none() && !heic {
        failures.push(fail(
            "unsupported_format",
            "This file is not a JPEG, PNG, WebP or HEIC photo. Take the photo with your phone's camera, or export it as JPEG.".into(),
        ));
        return Err(failures);
    }
    let header = match format {
        Some(f) => dimensions(data, f),
        None => super::heic::dimensions(data),
    };
    let Some((w, h)) = header else {
        failures.push(unreadable());
        return Err(failures);
    };
    let pixels = u64::from(w) * u64::from(h);
    if pixels > limits.max_photo_pixels {
        failures.push(fail(
            "too_many_pixels",
            format!(
                "The photo is {w}×{h} pixels ({} megapixels), more than the {} megapixels we accept. Upload a smaller version of it.",
                pixels / 1_000_000,
                limits.max_photo_pixels / 1_000_000
            ),
        )
        .with(&[
            ("width", u64::from(w)),
            ("height", u64::from(h)),
            ("megapixels", pixels / 1_000_000),
            ("max", limits.max_photo_pixels / 1_000_000),
        ]));
        return Err(failures);
    }
    let shortest = w.min(h);
    if shortest < limits.min_photo_side {
        failures.push(fail(
            "resolution_too_low",
            format!(
                "The photo is {w}×{h} pixels; its shorter side must be at least {} pixels. Use the original photo rather than a resized copy.",
                limits.min_photo_side
            ),
        )
        .with(&[
            ("width", u64::from(w)),
            ("height", u64::from(h)),
            ("min", u64::from(limits.min_photo_side)),
        ]));
    }
    if !failures.is_empty() {
        return Err(failures);
    }
    let Some(photo) = (match format {
        Some(f) => read_upright(data, f, (w, h), limits.max_photo_pixels),
        None => read_heic(data, limits.max_photo_pixels),
    }) else {
        return Err(vec![unreadable()]);
    };
    let (w, h) = photo.size;
    let small = photo.analysis;
    let k = w as f32 / small.width() as f32;
    let faces: Vec<Face> = super::faces::detector()
        .and_then(|d| d.detect(&small))
        .expect("the embedded face model runs")
        .into_iter()
        .map(|f| Face {
            x: f.x * k,
            y: f.y * k,
            w: f.w * k,
            h: f.h * k,
            ..f
        })
        .collect();
    let measurements = super::analysis::measure(&small, (w, h), &faces, photo.camera);
    let failures = super::analysis::failures(&measurements, limits);
    if !failures.is_empty() {
        return Err(failures);
    }
    Ok(Accepted {
        content_type: photo.content_type,
        converted: photo.converted,
        width: w,
        height: h,
        display: super::encode::jpeg(&small, DISPLAY_JPEG_QUALITY).0,
        thumbnail: square_thumbnail(&DynamicImage::ImageRgb8(small), THUMBNAIL_SIDE),
        measurements,
    })
}

fn unreadable() -> CheckFailure {
    fail(
        "unreadable",
        "The photo could not be read: the file is damaged or incomplete. Upload the original file again.".into(),
    )
}

/// A photo read for the checks: upright, at the analysis size.
struct Upright {
    /// The full picture's size, upright.
    size: (u32, u32),
    analysis: RgbImage,
    camera: bool,
    content_type: &'static str,
    converted: Option<Vec<u8>>,
}

/// A JPEG, PNG or WebP photo, read at the analysis size (JPEGs are scaled
/// while decoding) and turned upright as its EXIF orientation says.
fn read_upright(
    data: &[u8],
    format: image::ImageFormat,
    (w, h): (u32, u32),
    max_pixels: u64,
) -> Option<Upright> {
    let reduced = decode_reduced(data, format, max_pixels, ANALYSIS_SIDE).ok()?;
    let exif = read_exif(data);
    let mut image = DynamicImage::ImageRgb8(reduced);
    let mut size = (w, h);
    if let Some(o) = exif
        .orientation
        .and_then(image::metadata::Orientation::from_exif)
    {
        image.apply_orientation(o);
        if exif.orientation.is_some_and(|o| o >= 5) {
            size = (h, w);
        }
    }
    Some(Upright {
        size,
        analysis: super::render::fit(&image.into_rgb8(), ANALYSIS_SIDE),
        camera: exif.camera,
        content_type: format.to_mime_type(),
        converted: None,
    })
}

/// A HEIC photo: decoded whole (it is kept as a JPEG of the same size).
fn read_heic(data: &[u8], max_pixels: u64) -> Option<Upright> {
    let full = super::heic::decode(data, max_pixels)?;
    // A JPEG cannot be wider or taller than this.
    if full.width() > u32::from(u16::MAX) || full.height() > u32::from(u16::MAX) {
        return None;
    }
    let (converted, _) = super::encode::jpeg(&full, HEIC_JPEG_QUALITY);
    Some(Upright {
        size: full.dimensions(),
        analysis: super::render::fit(&full, ANALYSIS_SIDE),
        camera: super::heic::camera(data),
        content_type: "image/jpeg",
        converted: Some(converted),
    })
}

/// The display copy of a stored photo (JPEG, PNG or WebP; HEIC uploads
/// are stored as JPEG): for photos stored before display copies were made
/// at upload. `None` when it cannot be read.
pub fn display_copy(data: &[u8], max_pixels: u64) -> Option<Vec<u8>> {
    let format = sniff(data)?;
    let size = dimensions(data, format)?;
    let upright = read_upright(data, format, size, max_pixels)?;
    Some(super::encode::jpeg(&upright.analysis, DISPLAY_JPEG_QUALITY).0)
}

/// A photo looked at, not retouched: small files, no visible loss.
const DISPLAY_JPEG_QUALITY: u8 = 85;

/// High enough that retouchers lose nothing visible to the conversion.
const HEIC_JPEG_QUALITY: u8 = 95;

/// The photo is analysed at this size (long side): enough for faces,
/// sharpness and exposure, and fast.
const ANALYSIS_SIDE: u32 = 1024;

/// What the EXIF data says, when there is any.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ExifFacts {
    /// The Orientation tag (1–8).
    pub orientation: Option<u8>,
    /// A camera make or model is recorded.
    pub camera: bool,
}

pub fn read_exif(data: &[u8]) -> ExifFacts {
    let Ok(exif) = exif::Reader::new().read_from_container(&mut Cursor::new(data)) else {
        return ExifFacts::default();
    };
    let text = |tag| {
        exif.get_field(tag, exif::In::PRIMARY)
            .map(|f| {
                f.display_value()
                    .to_string()
                    .trim_matches('"')
                    .trim()
                    .to_string()
            })
            .filter(|v| !v.is_empty())
    };
    ExifFacts {
        orientation: exif
            .get_field(exif::Tag::Orientation, exif::In::PRIMARY)
            .and_then(|f| f.value.get_uint(0))
            .and_then(|v| u8::try_from(v).ok()),
        camera: text(exif::Tag::Make).is_some() || text(exif::Tag::Model).is_some(),
    }
}

/// The centre square of the picture, shrunk to `side` pixels, as JPEG.
pub fn square_thumbnail(image: &image::DynamicImage, side: u32) -> Vec<u8> {
    let (w, h) = (image.width(), image.height());
    let s = w.min(h);
    let crop = image
        .crop_imm((w - s) / 2, (h - s) / 2, s, s)
        .thumbnail(side, side)
        .to_rgb8();
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(crop)
        .write_with_encoder(image::codecs::jpeg::JpegEncoder::new_with_quality(
            &mut out, 80,
        ))
        .expect("encoding into memory cannot fail");
    out
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
