//! The cut-out's quality, measured: a known cut-out composited onto a
//! plain and a busy real scene (so the true alpha is known by
//! construction) must come back with the same alpha; a photo with nobody
//! in it is an error, not an empty PNG.

use super::{CutoutError, cut_out, draft_from_photo};
use crate::imaging::test_photo;
use image::{GrayImage, RgbImage};

/// The real astronaut portrait enlarged 2.5× to 1280×1280, as uploads in
/// the integration tests are.
fn portrait() -> RgbImage {
    let small = image::load_from_memory(&test_photo("astronaut.png"))
        .unwrap()
        .to_rgb8();
    image::imageops::resize(&small, 1280, 1280, image::imageops::FilterType::Lanczos3)
}

/// The share of pixels whose alpha is above one half in both, of those
/// above it in either.
fn iou(a: &GrayImage, b: &GrayImage) -> f64 {
    let (mut both, mut either) = (0u64, 0u64);
    for (x, y) in a.pixels().zip(b.pixels()) {
        let (x, y) = (x[0] > 127, y[0] > 127);
        both += u64::from(x && y);
        either += u64::from(x || y);
    }
    both as f64 / either as f64
}

fn mean_abs_error(a: &GrayImage, b: &GrayImage) -> f64 {
    let sum: u64 = a
        .pixels()
        .zip(b.pixels())
        .map(|(x, y)| u64::from(x[0].abs_diff(y[0])))
        .sum();
    sum as f64 / 255.0 / (a.width() * a.height()) as f64
}

fn alpha_of(img: &image::RgbaImage) -> GrayImage {
    GrayImage::from_fn(img.width(), img.height(), |x, y| {
        image::Luma([img.get_pixel(x, y)[3]])
    })
}

/// The person of `portrait` (alpha `alpha`) over `scene`.
fn composite(portrait: &RgbImage, alpha: &GrayImage, scene: &RgbImage) -> RgbImage {
    RgbImage::from_fn(portrait.width(), portrait.height(), |x, y| {
        let a = f32::from(alpha.get_pixel(x, y)[0]) / 255.0;
        let (p, s) = (portrait.get_pixel(x, y), scene.get_pixel(x, y));
        image::Rgb(std::array::from_fn(|c| {
            (f32::from(p[c]) * a + f32::from(s[c]) * (1.0 - a)).round() as u8
        }))
    })
}

/// A known cut-out (the portrait's own, made once) put on a plain and on a
/// busy real scene: the cut-out of each composite has the alpha it was
/// made with.
#[test]
fn the_alpha_matches_a_known_cut_out_on_plain_and_busy_scenes() {
    let portrait = portrait();
    let (w, h) = portrait.dimensions();
    let truth = alpha_of(&cut_out(&portrait).expect("a person"));
    let street = image::load_from_memory(&test_photo("fujifilm_frame0.jpg"))
        .unwrap()
        .to_rgb8();
    let busy = image::imageops::crop_imm(&street, 800, 600, w, h).to_image();
    let plain = RgbImage::from_pixel(w, h, image::Rgb([128, 140, 150]));
    for (name, scene) in [("plain", plain), ("busy", busy)] {
        let photo = composite(&portrait, &truth, &scene);
        let got = alpha_of(&cut_out(&photo).expect("a person"));
        let (iou, mae) = (iou(&truth, &got), mean_abs_error(&truth, &got));
        eprintln!("{name} scene: IoU {iou:.3}, mean absolute error {mae:.4}");
        assert!(iou >= 0.95, "{name}: IoU {iou:.3}");
        assert!(mae < 0.04, "{name}: mean absolute error {mae:.4}");
    }
}

#[test]
fn a_photo_without_a_person_has_no_cut_out() {
    let made = draft_from_photo(&test_photo("fujifilm_frame0.jpg"), 100_000_000);
    assert!(
        matches!(made, Err(CutoutError::NoPerson)),
        "{:?}",
        made.err()
    );
}
