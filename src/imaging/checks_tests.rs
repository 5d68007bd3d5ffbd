//! The upload checks: sizes, formats, damaged files, and their verdicts in
//! every language.

use super::*;
use image::{ImageEncoder, RgbImage};

/// A noisy image compresses badly, so small dimensions still make big files.
fn noisy_png(w: u32, h: u32) -> Vec<u8> {
    let mut seed = 12345u32;
    let img = RgbImage::from_fn(w, h, |_, _| {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12345);
        let v = (seed >> 16) as u8;
        image::Rgb([v, v.wrapping_mul(3), v.wrapping_add(70)])
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

fn limits() -> PhotoLimits {
    PhotoLimits {
        min_photo_bytes: 600_000,
        min_photo_side: 1200,
        ..PhotoLimits::default()
    }
}

/// The real astronaut portrait enlarged to 1280×1280 (one face).
fn portrait_png() -> Vec<u8> {
    let path = format!("{}/tests/photos/astronaut.png", env!("CARGO_MANIFEST_DIR"));
    let small = image::open(path).unwrap().to_rgb8();
    let big = image::imageops::resize(&small, 1280, 1280, image::imageops::FilterType::Lanczos3);
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&big, 1280, 1280, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

#[test]
fn a_good_portrait_passes_and_its_measurements_are_kept() {
    let data = portrait_png();
    assert!(data.len() > 600_000);
    let ok = check_upload(&data, &limits()).unwrap();
    assert_eq!(
        (ok.width, ok.height, ok.content_type),
        (1280, 1280, "image/png")
    );
    assert_eq!(ok.measurements.faces, 1);
    assert!(ok.measurements.sharpness > 15.0);
}

#[test]
fn a_large_photo_without_a_face_is_refused_for_that_alone() {
    let data = noisy_png(1200, 1300);
    let errs = check_upload(&data, &limits()).unwrap_err();
    let codes: Vec<_> = errs.iter().map(|f| f.check).collect();
    assert!(codes.contains(&"no_face"), "{codes:?}");
    assert!(!codes.contains(&"resolution_too_low"));
    said_alike(&errs);
}

/// The member's page says each verdict from the language files: in
/// English word for word what the API says, in German with the same
/// numbers.
fn said_alike(errs: &[CheckFailure]) {
    use crate::domain::Lang;
    for f in errs {
        let en = crate::i18n::Tr::new(Lang::En, Default::default());
        assert_eq!(en.check_failure(f), f.message, "{}", f.check);
        let de = crate::i18n::Tr::new(Lang::De, Default::default()).check_failure(f);
        assert_ne!(de, f.message, "{}", f.check);
        for (_, n) in &f.args {
            assert!(de.contains(&n.to_string()), "{}: {de}", f.check);
        }
    }
}

#[test]
fn small_and_low_resolution_are_both_reported() {
    let data = noisy_png(300, 200);
    let errs = check_upload(&data, &limits()).unwrap_err();
    let codes: Vec<_> = errs.iter().map(|f| f.check).collect();
    assert_eq!(codes, vec!["file_too_small", "resolution_too_low"]);
    assert!(errs[1].message.contains("300×200"));
    said_alike(&errs);
}

#[test]
fn not_an_image_is_named_as_such() {
    let errs = check_upload(&vec![b'x'; 700_000], &limits()).unwrap_err();
    assert_eq!(errs.last().unwrap().check, "unsupported_format");
    said_alike(&errs);
}

#[test]
fn truncated_file_is_unreadable() {
    let mut data = noisy_png(1300, 1300);
    data.truncate(data.len() * 2 / 3);
    let errs = check_upload(&data, &limits()).unwrap_err();
    assert_eq!(errs[0].check, "unreadable");
    said_alike(&errs);
}

#[test]
fn pixel_bomb_is_refused_before_decoding() {
    let data = noisy_png(1300, 1300);
    let tight = PhotoLimits {
        max_photo_pixels: 1_000_000,
        ..limits()
    };
    let errs = check_upload(&data, &tight).unwrap_err();
    assert_eq!(errs[0].check, "too_many_pixels");
    said_alike(&errs);
}
