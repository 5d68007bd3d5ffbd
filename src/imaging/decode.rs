//! Reading pictures: the format from the content (never the file name), the
//! size from the header, and pixels within a bound — at full size, or at the
//! reduced size the photo checks work on.

use image::{DynamicImage, ImageFormat, ImageReader, RgbImage};
use std::io::Cursor;

/// The formats [`sniff`] recognises. HEIC is recognised by
/// [`super::heic::is_heic`].
pub const SNIFFED: [ImageFormat; 3] = [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::WebP];

/// JPEG, PNG or WebP, from the content.
pub fn sniff(data: &[u8]) -> Option<ImageFormat> {
    let format = image::guess_format(data).ok()?;
    SNIFFED.contains(&format).then_some(format)
}

/// The media types of every photo format accepted from people, as the
/// member API advertises them.
pub fn photo_media_types() -> Vec<&'static str> {
    SNIFFED
        .iter()
        .map(|f| f.to_mime_type())
        .chain(super::heic::MEDIA_TYPES)
        .collect()
}

/// Image dimensions from the header only (no pixel decoding).
pub fn dimensions(data: &[u8], format: ImageFormat) -> Option<(u32, u32)> {
    ImageReader::with_format(Cursor::new(data), format)
        .into_dimensions()
        .ok()
}

/// How much memory decoding `data` takes, from its header alone: `full`
/// for a decode at full size (hand-ins, pictures made anew, renders), else
/// the reduced decode of the photo checks (a JPEG is DCT-scaled to about
/// 1/8 of its pixels; other formats are decoded whole). A HEIC holds about
/// 10 bytes per pixel inside its decoder; PNG and WebP up to 8 (RGBA at 16
/// bits, or RGBA and its RGB copy). Unreadable headers cost little: they
/// are refused before any pixel is decoded.
pub fn decode_cost(data: &[u8], full: bool) -> u64 {
    const SMALL: u64 = 1024 * 1024;
    let (pixels, per_pixel) = if super::heic::is_heic(data) {
        match super::heic::dimensions(data) {
            Some((w, h)) => (u64::from(w) * u64::from(h), 10),
            None => return SMALL,
        }
    } else {
        let Some(format) = sniff(data) else {
            return SMALL;
        };
        let Some((w, h)) = dimensions(data, format) else {
            return SMALL;
        };
        let pixels = u64::from(w) * u64::from(h);
        match format {
            ImageFormat::Jpeg if !full => (pixels / 8, 3),
            ImageFormat::Jpeg => (pixels, 4),
            _ => (pixels, 8),
        }
    };
    // The analysis copies (1024 px) and encoders' buffers on top.
    pixels.saturating_mul(per_pixel) + 8 * SMALL
}

/// Decode with an allocation limit tied to the pixel limit, so a file whose
/// header lies about its size still cannot blow up memory.
pub fn decode_bounded(
    data: &[u8],
    format: ImageFormat,
    max_pixels: u64,
) -> image::ImageResult<DynamicImage> {
    let mut reader = ImageReader::with_format(Cursor::new(data), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(max_pixels.saturating_mul(8));
    reader.limits(limits);
    reader.decode()
}

/// The picture with its long side at least `min_long_side` (or whole, when
/// it is smaller), as stored — before any EXIF orientation. A JPEG is scaled
/// while it is decoded (libjpeg-turbo's DCT scaling, n/8 for n = 1…8), which
/// skips most of a full decode's work; when that decoder refuses the file
/// (damaged data, CMYK) the full decoder gets the last word. Other formats
/// are decoded whole. The caller checks the header's pixel count first.
pub fn decode_reduced(
    data: &[u8],
    format: ImageFormat,
    max_pixels: u64,
    min_long_side: u32,
) -> image::ImageResult<RgbImage> {
    if format == ImageFormat::Jpeg {
        match jpeg_scaled(data, min_long_side) {
            Scaled::Done(img) => return Ok(img),
            Scaled::Corrupt => {
                return Err(image::ImageError::Decoding(
                    image::error::DecodingError::new(
                        ImageFormat::Jpeg.into(),
                        "the JPEG data is damaged or incomplete",
                    ),
                ));
            }
            Scaled::Refused => {}
        }
    }
    decode_bounded(data, format, max_pixels).map(|i| i.to_rgb8())
}

enum Scaled {
    Done(RgbImage),
    /// The data is damaged: a truncated file, a bad code. Not handed to the
    /// other decoder, which would fill the gap with grey.
    Corrupt,
    /// Something this decoder does not do (CMYK, for one).
    Refused,
}

/// A message from libjpeg that the data is damaged.
const CORRUPT: &str = "corrupt JPEG data";

/// The smallest DCT scale n (of 8) that keeps `long` at least `min` pixels.
fn dct_scale(long: u32, min: u32) -> u8 {
    (1..=8u8)
        .find(|&n| (long * u32::from(n)).div_ceil(8) >= min)
        .unwrap_or(8)
}

/// libjpeg reports errors by calling back into Rust, which unwinds (the
/// library is built with unwinding support) to `catch_unwind` here.
/// Warnings that the data is damaged are errors, so an upload is never
/// judged on grey filler; other warnings (a few stray bytes before a marker,
/// which some cameras write) are not.
fn jpeg_scaled(data: &[u8], min_long_side: u32) -> Scaled {
    let decoded = std::panic::catch_unwind(|| {
        let mut d = mozjpeg::Decompress::with_err(strict_errors())
            .from_mem(data)
            .ok()?;
        let (w, h) = d.size();
        let long = u32::try_from(w.max(h)).ok()?;
        d.scale(dct_scale(long, min_long_side));
        let mut started = d.rgb().ok()?;
        let (w, h) = (started.width() as u32, started.height() as u32);
        let pixels = started.read_scanlines::<u8>().ok()?;
        started.finish().ok()?;
        RgbImage::from_raw(w, h, pixels)
    });
    match decoded {
        Ok(Some(img)) => Scaled::Done(img),
        Ok(None) => Scaled::Refused,
        Err(why) if why.downcast_ref::<&str>() == Some(&CORRUPT) => Scaled::Corrupt,
        Err(_) => Scaled::Refused,
    }
}

fn strict_errors() -> mozjpeg_sys::jpeg_error_mgr {
    // SAFETY: `jpeg_std_error` fills in a plain C struct of counters and
    // function pointers; the two callbacks replaced below never return
    // into libjpeg after a failure.
    let mut err: mozjpeg_sys::jpeg_error_mgr = unsafe { std::mem::zeroed() };
    unsafe { mozjpeg_sys::jpeg_std_error(&mut err) };
    err.error_exit = Some(jpeg_failed);
    err.emit_message = Some(jpeg_message);
    err
}

extern "C-unwind" fn jpeg_failed(_: &mut mozjpeg_sys::jpeg_common_struct) {
    std::panic::resume_unwind(Box::new("unreadable JPEG"));
}

extern "C-unwind" fn jpeg_message(cinfo: &mut mozjpeg_sys::jpeg_common_struct, level: i32) {
    // Level -1 is a warning about the data; higher levels are traces.
    // SAFETY: libjpeg passes its own struct, whose `err` points at the
    // error manager made by `strict_errors`.
    let code = unsafe { cinfo.err.as_ref() }.map_or(0, |e| e.msg_code);
    let damaged = [
        mozjpeg_sys::JWRN_JPEG_EOF,
        mozjpeg_sys::JWRN_HIT_MARKER,
        mozjpeg_sys::JWRN_HUFF_BAD_CODE,
        mozjpeg_sys::JWRN_MUST_RESYNC,
    ];
    if level < 0 && damaged.contains(&code) {
        std::panic::resume_unwind(Box::new(CORRUPT));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::ImageEncoder;

    fn jpeg(w: u32, h: u32) -> Vec<u8> {
        let img = RgbImage::from_fn(w, h, |x, y| {
            image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
        });
        let mut out = Vec::new();
        image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 90)
            .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
            .unwrap();
        out
    }

    #[test]
    fn the_scale_keeps_the_long_side_above_the_minimum() {
        assert_eq!(dct_scale(4000, 1024), 3); // 1500 px, not 1000
        assert_eq!(dct_scale(6000, 1024), 2); // 1500 px
        assert_eq!(dct_scale(2048, 1024), 4);
        assert_eq!(dct_scale(1100, 1024), 8);
        assert_eq!(dct_scale(800, 1024), 8);
    }

    #[test]
    fn a_jpeg_is_decoded_at_a_reduced_size_with_the_same_picture() {
        let data = jpeg(4000, 3000);
        let small = decode_reduced(&data, ImageFormat::Jpeg, 100_000_000, 1024).unwrap();
        assert_eq!(small.dimensions(), (1500, 1125));
        // The same gradient: x/2.67 wraps every 256 source pixels.
        let full = decode_bounded(&data, ImageFormat::Jpeg, 100_000_000)
            .unwrap()
            .to_rgb8();
        let (a, b) = (small.get_pixel(30, 600), full.get_pixel(80, 1600));
        assert!(
            a.0.iter().zip(b.0).all(|(x, y)| x.abs_diff(y) < 12),
            "{a:?} vs {b:?}"
        );
    }

    #[test]
    fn a_truncated_jpeg_is_refused_by_both_decoders() {
        let data = jpeg(2000, 1500);
        let cut = &data[..data.len() * 2 / 3];
        assert!(matches!(jpeg_scaled(cut, 1024), Scaled::Corrupt));
        assert!(decode_reduced(cut, ImageFormat::Jpeg, 100_000_000, 1024).is_err());
    }

    #[test]
    fn garbage_after_a_jpeg_header_is_refused_without_a_crash() {
        let mut data = jpeg(1600, 1200);
        let n = data.len();
        for b in &mut data[n / 3..n / 2] {
            *b = 0xFF;
        }
        assert!(matches!(jpeg_scaled(&data, 1024), Scaled::Corrupt));
        assert!(decode_reduced(&data, ImageFormat::Jpeg, 100_000_000, 1024).is_err());
    }
}

#[cfg(test)]
mod cost_tests {
    #[test]
    fn costs_follow_the_header_not_the_file_size() {
        let png = crate::imaging::encode::png(&image::RgbaImage::new(2000, 1000)).0;
        let mib = 1024 * 1024;
        assert_eq!(super::decode_cost(&png, true), 2_000_000 * 8 + 8 * mib);
        assert_eq!(super::decode_cost(b"not a picture", true), mib);
        let jpeg = crate::imaging::encode::jpeg(&image::RgbImage::new(1600, 800), 80).0;
        assert_eq!(
            super::decode_cost(&jpeg, false),
            1_280_000 / 8 * 3 + 8 * mib
        );
        assert_eq!(super::decode_cost(&jpeg, true), 1_280_000 * 4 + 8 * mib);
    }

    #[test]
    fn every_accepted_format_is_advertised() {
        assert_eq!(
            super::photo_media_types(),
            [
                "image/jpeg",
                "image/png",
                "image/webp",
                "image/heic",
                "image/heif"
            ]
        );
    }
}
