//! Measurements behind the instant photo checks, on a decoded, upright
//! photo: where the face is and how big, how sharp and how bright it is, and
//! the signals that together say "screenshot". Pure functions; the
//! thresholds are studio settings applied in `checks`.

use super::checks::CheckFailure;
use super::faces::Face;
use crate::config::PhotoLimits;
use image::{GrayImage, RgbImage};

/// What the checks look at; stored with the photo and shown to QC staff.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Measurements {
    pub width: u32,
    pub height: u32,
    pub faces: usize,
    /// The face (when exactly one), in photo pixels.
    pub face: Option<[f32; 4]>,
    /// Face height as a share of the photo's height.
    pub face_share: Option<f32>,
    /// How far the eye line is from level, in degrees.
    #[serde(default)]
    pub face_roll: Option<f32>,
    /// Variance of the Laplacian over the face (or the centre), at a fixed
    /// working size so the number does not depend on the resolution.
    pub sharpness: f32,
    /// Mean luminance (0–255) over the face (or the centre).
    pub brightness: f32,
    /// Share of 8×8 blocks with (almost) no variation: large flat areas are
    /// typical of screenshots and graphics, rare in camera photos.
    pub flat_share: f32,
    /// The photo carries a camera make or model in its EXIF data.
    pub camera_exif: bool,
    /// The size is one of common phone and monitor screens.
    pub screen_sized: bool,
}

/// Working width for the sharpness measure.
const SHARPNESS_SIDE: u32 = 256;

/// Common screen sizes (portrait; landscape is matched too).
const SCREENS: [(u32, u32); 16] = [
    (750, 1334),
    (828, 1792),
    (1080, 1920),
    (1080, 2340),
    (1080, 2400),
    (1125, 2436),
    (1170, 2532),
    (1179, 2556),
    (1242, 2688),
    (1284, 2778),
    (1290, 2796),
    (1440, 2560),
    (1440, 3200),
    (1440, 900),
    (1920, 1080),
    (2560, 1440),
];

pub fn screen_sized(w: u32, h: u32) -> bool {
    SCREENS
        .iter()
        .any(|&(a, b)| (w, h) == (a, b) || (w, h) == (b, a))
}

fn luma(img: &RgbImage) -> GrayImage {
    image::imageops::grayscale(img)
}

/// The region measured for sharpness and exposure: the face, or the centre
/// third when there is no single face.
fn region(w: u32, h: u32, face: Option<&Face>) -> (u32, u32, u32, u32) {
    match face {
        Some(f) => {
            let x0 = f.x.clamp(0.0, w as f32 - 1.0) as u32;
            let y0 = f.y.clamp(0.0, h as f32 - 1.0) as u32;
            let x1 = (f.x + f.w).clamp(x0 as f32 + 1.0, w as f32) as u32;
            let y1 = (f.y + f.h).clamp(y0 as f32 + 1.0, h as f32) as u32;
            (x0, y0, x1 - x0, y1 - y0)
        }
        None => (w / 3, h / 3, (w / 3).max(1), (h / 3).max(1)),
    }
}

/// Variance of the 4-neighbour Laplacian of `g`.
pub fn laplacian_variance(g: &GrayImage) -> f32 {
    let (w, h) = (g.width() as usize, g.height() as usize);
    if w < 3 || h < 3 {
        return 0.0;
    }
    let d = g.as_raw();
    // Integer sums are exact; the photo's size bounds them far below i64.
    let (mut sum, mut sum_sq) = (0i64, 0i64);
    for y in 1..h - 1 {
        let (up, row, down) = (
            &d[(y - 1) * w..y * w],
            &d[y * w..(y + 1) * w],
            &d[(y + 1) * w..(y + 2) * w],
        );
        for x in 1..w - 1 {
            let l = i64::from(row[x - 1])
                + i64::from(row[x + 1])
                + i64::from(up[x])
                + i64::from(down[x])
                - 4 * i64::from(row[x]);
            sum += l;
            sum_sq += l * l;
        }
    }
    let n = ((w - 2) * (h - 2)) as f64;
    let mean = sum as f64 / n;
    (sum_sq as f64 / n - mean * mean) as f32
}

/// Share of 8×8 blocks whose values span at most 2 levels.
pub fn flat_share(g: &GrayImage) -> f32 {
    let (w, h) = (g.width() as usize, g.height() as usize);
    let (bw, bh) = (w / 8, h / 8);
    if bw == 0 || bh == 0 {
        return 0.0;
    }
    let d = g.as_raw();
    let mut flat = 0u32;
    let (mut lo, mut hi) = (vec![255u8; bw], vec![0u8; bw]);
    for by in 0..bh {
        lo.fill(255);
        hi.fill(0);
        for y in by * 8..by * 8 + 8 {
            let row = &d[y * w..y * w + bw * 8];
            for (bx, block) in row.chunks_exact(8).enumerate() {
                for &v in block {
                    lo[bx] = lo[bx].min(v);
                    hi[bx] = hi[bx].max(v);
                }
            }
        }
        flat += lo.iter().zip(&hi).filter(|(l, h)| *h - *l <= 2).count() as u32;
    }
    flat as f32 / (bw * bh) as f32
}

/// Measures an upright photo. `small` is the photo scaled down (for speed,
/// about 1024 px on its long side), `full` its size, `faces` from the
/// detector in full-size pixels.
pub fn measure(
    small: &RgbImage,
    full: (u32, u32),
    faces: &[Face],
    camera_exif: bool,
) -> Measurements {
    let (w, h) = full;
    let k = small.width() as f32 / w as f32;
    let one = (faces.len() == 1).then(|| faces[0]);
    let scaled = one.map(|f| Face {
        x: f.x * k,
        y: f.y * k,
        w: f.w * k,
        h: f.h * k,
        score: f.score,
        roll: f.roll,
    });
    let gray = luma(small);
    let (rx, ry, rw, rh) = region(small.width(), small.height(), scaled.as_ref());
    let crop = image::imageops::crop_imm(&gray, rx, ry, rw, rh).to_image();
    let brightness = if crop.is_empty() {
        0.0
    } else {
        crop.pixels().map(|p| f32::from(p.0[0])).sum::<f32>() / crop.len() as f32
    };
    let work_h = (SHARPNESS_SIDE as f32 * rh as f32 / rw.max(1) as f32)
        .round()
        .max(3.0) as u32;
    let mut work = GrayImage::new(SHARPNESS_SIDE, work_h);
    let bilinear = fast_image_resize::ResizeOptions::new().resize_alg(
        fast_image_resize::ResizeAlg::Convolution(fast_image_resize::FilterType::Bilinear),
    );
    fast_image_resize::Resizer::new()
        .resize(&crop, &mut work, &bilinear)
        .expect("grey images of the same pixel type");
    Measurements {
        width: w,
        height: h,
        faces: faces.len(),
        face: one.map(|f| [f.x, f.y, f.w, f.h]),
        face_share: one.map(|f| f.h / h as f32),
        face_roll: one.map(|f| f.roll),
        sharpness: laplacian_variance(&work),
        brightness,
        flat_share: flat_share(&gray),
        camera_exif,
        screen_sized: screen_sized(w, h),
    }
}

/// Flat share above which a picture without camera data is a screenshot or
/// a graphic, whatever its size; above `SCREEN_FLAT` when it also has a
/// screen's exact size.
const FLAT_GRAPHIC: f32 = 0.5;
const SCREEN_FLAT: f32 = 0.2;
/// Eye lines steeper than this (degrees) mean a sideways photo or a tilted head.
const MAX_ROLL: f32 = 30.0;

/// The checks' verdicts on the measurements, each in plain words with how
/// to fix it.
pub fn failures(m: &Measurements, t: &PhotoLimits) -> Vec<CheckFailure> {
    let mut out = Vec::new();
    let mut fail = |check: &'static str, message: &str| {
        out.push(CheckFailure {
            check,
            message: message.into(),
            args: Vec::new(),
        })
    };
    let screenshot = !m.camera_exif
        && (m.flat_share >= FLAT_GRAPHIC || (m.screen_sized && m.flat_share >= SCREEN_FLAT));
    if screenshot {
        fail(
            "screenshot",
            "This looks like a screenshot or a graphic, not a photo. Take a photo with your phone's camera instead.",
        );
    }
    match m.faces {
        0 => fail(
            "no_face",
            "We could not find a face. Face the camera from about an arm's length away, with your whole face visible and in good light, and take the photo again.",
        ),
        1 => {}
        _ => fail(
            "several_faces",
            "We found more than one face. The photo should show only you: ask others to step out of the picture.",
        ),
    }
    if let (Some([x, y, w, h]), Some(share)) = (m.face, m.face_share) {
        let (pw, ph) = (m.width as f32, m.height as f32);
        if share < t.min_face_share {
            fail(
                "face_too_small",
                "Your face is too small in the picture. Move closer (about an arm's length) so your head and shoulders fill the frame.",
            );
        }
        // The whole head, with some room above and beside the face.
        let cut = x - 0.15 * w < 0.0 || x + 1.15 * w > pw || y - 0.4 * h < 0.0 || y + 1.1 * h > ph;
        if cut {
            fail(
                "face_cut_off",
                "Part of your head is cut off. Leave some space above your head and on both sides.",
            );
        }
        let (cx, cy) = ((x + w / 2.0) / pw, (y + h / 2.0) / ph);
        if !cut && (!(0.2..=0.8).contains(&cx) || !(0.1..=0.6).contains(&cy)) {
            fail(
                "face_off_centre",
                "Your face should be in the upper middle of the picture. Hold the camera straight in front of you at eye level.",
            );
        }
    }
    if m.face_roll.is_some_and(|r| r.abs() > MAX_ROLL) {
        fail(
            "tilted",
            "The photo is sideways or your head is tilted. Hold the phone upright and look straight at it.",
        );
    }
    if m.sharpness < t.min_sharpness {
        fail(
            "blurry",
            "The photo is blurry (or enlarged from a small picture). Hold the phone still, tap your face to focus, and send the original photo.",
        );
    }
    if m.brightness < t.min_brightness {
        fail(
            "too_dark",
            "The photo is too dark. Face a window or a lamp so your face is evenly lit.",
        );
    } else if m.brightness > t.max_brightness {
        fail(
            "too_bright",
            "The photo is too bright. Avoid direct sunlight or flash on your face; soft daylight works best.",
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use image::{Luma, Rgb};

    #[test]
    fn screens_are_recognised_both_ways() {
        assert!(screen_sized(1170, 2532) && screen_sized(2532, 1170));
        assert!(!screen_sized(3024, 4032), "a phone camera's photo");
    }

    #[test]
    fn sharp_edges_score_higher_than_blur() {
        let sharp = GrayImage::from_fn(64, 64, |x, _| Luma([if x % 8 < 4 { 0 } else { 255 }]));
        let blurred = image::imageops::blur(&sharp, 3.0);
        assert!(laplacian_variance(&sharp) > 10.0 * laplacian_variance(&blurred));
    }

    #[test]
    fn flat_graphics_are_flat_and_noise_is_not() {
        let flat = GrayImage::from_pixel(64, 64, Luma([200]));
        assert_eq!(flat_share(&flat), 1.0);
        let noisy = GrayImage::from_fn(64, 64, |x, y| {
            Luma([((x * 7919 + y * 104_729) % 251) as u8])
        });
        assert_eq!(flat_share(&noisy), 0.0);
    }

    fn good() -> Measurements {
        Measurements {
            width: 1200,
            height: 1600,
            faces: 1,
            face: Some([450.0, 350.0, 300.0, 320.0]),
            face_share: Some(0.2),
            face_roll: Some(3.0),
            sharpness: 40.0,
            brightness: 140.0,
            flat_share: 0.05,
            camera_exif: true,
            screen_sized: false,
        }
    }

    fn codes(m: &Measurements) -> Vec<&'static str> {
        failures(m, &PhotoLimits::default())
            .into_iter()
            .map(|f| f.check)
            .collect()
    }

    #[test]
    fn each_verdict_has_its_own_code() {
        assert!(codes(&good()).is_empty());
        let shot = Measurements {
            camera_exif: false,
            screen_sized: true,
            flat_share: 0.3,
            ..good()
        };
        assert_eq!(codes(&shot), ["screenshot"]);
        let graphic = Measurements {
            camera_exif: false,
            flat_share: 0.6,
            ..good()
        };
        assert_eq!(codes(&graphic), ["screenshot"]);
        let overexposed_camera = Measurements {
            flat_share: 0.6,
            ..good()
        };
        assert!(
            codes(&overexposed_camera).is_empty(),
            "camera photos are never screenshots"
        );
        let none = Measurements {
            faces: 0,
            face: None,
            face_share: None,
            ..good()
        };
        assert_eq!(codes(&none), ["no_face"]);
        let two = Measurements {
            faces: 2,
            face: None,
            face_share: None,
            ..good()
        };
        assert_eq!(codes(&two), ["several_faces"]);
        let small = Measurements {
            face: Some([550.0, 400.0, 100.0, 110.0]),
            face_share: Some(0.07),
            ..good()
        };
        assert_eq!(codes(&small), ["face_too_small"]);
        let cut = Measurements {
            face: Some([450.0, 20.0, 300.0, 320.0]),
            ..good()
        };
        assert_eq!(codes(&cut), ["face_cut_off"]);
        let low = Measurements {
            face: Some([450.0, 1000.0, 300.0, 320.0]),
            ..good()
        };
        assert_eq!(codes(&low), ["face_off_centre"]);
        let blurry = Measurements {
            sharpness: 5.0,
            ..good()
        };
        assert_eq!(codes(&blurry), ["blurry"]);
        assert_eq!(
            codes(&Measurements {
                face_roll: Some(-85.0),
                ..good()
            }),
            ["tilted"]
        );
        assert_eq!(
            codes(&Measurements {
                brightness: 40.0,
                ..good()
            }),
            ["too_dark"]
        );
        assert_eq!(
            codes(&Measurements {
                brightness: 240.0,
                ..good()
            }),
            ["too_bright"]
        );
    }

    #[test]
    fn a_face_is_measured_where_it_is() {
        // Dark picture, one bright square "face" in the upper middle.
        let small = RgbImage::from_fn(400, 300, |x, y| {
            if (150..250).contains(&x) && (50..150).contains(&y) {
                Rgb([220, 220, 220])
            } else {
                Rgb([20, 20, 20])
            }
        });
        let face = Face {
            x: 300.0,
            y: 100.0,
            w: 200.0,
            h: 200.0,
            score: 0.9,
            roll: 0.0,
        };
        let m = measure(&small, (800, 600), &[face], true);
        assert_eq!(m.faces, 1);
        assert!(
            m.brightness > 200.0,
            "measured on the face: {}",
            m.brightness
        );
        assert!((m.face_share.unwrap() - 200.0 / 600.0).abs() < 1e-6);
        let none = measure(&small, (800, 600), &[], true);
        assert!(none.face.is_none() && none.brightness < 200.0);
    }
}
