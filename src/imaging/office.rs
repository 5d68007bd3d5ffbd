//! The library's "softly blurred office": a deterministic office scene
//! (window light, shelves, a desk, a plant, ceiling lights) drawn small and
//! blurred, then scaled up. Drawn on demand, so a fresh install needs no
//! image files and every process renders the same pixels.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{Rgb, RgbImage};

/// The scene is drawn at this size; after the blur nothing finer survives,
/// so scaling up loses nothing.
const BASE: u32 = 320;

pub fn office(width: u32, height: u32) -> RgbImage {
    let mut img = RgbImage::from_fn(BASE, BASE, |_, y| {
        // Warm wall, lighter towards the ceiling.
        let t = y as f32 / BASE as f32;
        Rgb([
            (226.0 - 30.0 * t) as u8,
            (220.0 - 32.0 * t) as u8,
            (208.0 - 34.0 * t) as u8,
        ])
    });
    let rect = |img: &mut RgbImage, x0: u32, y0: u32, x1: u32, y1: u32, c: [u8; 3]| {
        for y in y0..y1.min(BASE) {
            for x in x0..x1.min(BASE) {
                img.put_pixel(x, y, Rgb(c));
            }
        }
    };
    let disc = |img: &mut RgbImage, cx: f32, cy: f32, r: f32, c: [u8; 3]| {
        for y in 0..BASE {
            for x in 0..BASE {
                let d = ((x as f32 - cx).powi(2) + (y as f32 - cy).powi(2)).sqrt();
                if d <= r {
                    img.put_pixel(x, y, Rgb(c));
                }
            }
        }
    };
    // A tall window on the left with daylight and its frame.
    rect(&mut img, 18, 40, 118, 230, [236, 243, 250]);
    rect(&mut img, 66, 40, 70, 230, [150, 150, 146]);
    rect(&mut img, 18, 132, 118, 136, [150, 150, 146]);
    // A bookshelf on the right with rows of books.
    rect(&mut img, 210, 60, 300, 250, [120, 92, 70]);
    let books = [
        [60, 90, 130],
        [170, 70, 60],
        [200, 180, 120],
        [80, 120, 90],
        [220, 220, 210],
    ];
    for (row, y) in [70u32, 118, 166, 214].into_iter().enumerate() {
        let mut x = 216;
        let mut i = row;
        while x < 294 {
            let w = 6 + (i as u32 * 7) % 9;
            rect(
                &mut img,
                x,
                y,
                (x + w).min(294),
                y + 34,
                books[i % books.len()],
            );
            x += w + 2;
            i += 1;
        }
    }
    // A desk across the bottom and a plant by the window.
    rect(&mut img, 0, 250, BASE, BASE, [150, 122, 96]);
    rect(&mut img, 120, 196, 140, 250, [110, 90, 80]);
    disc(&mut img, 130.0, 180.0, 26.0, [84, 128, 76]);
    disc(&mut img, 116.0, 166.0, 16.0, [100, 146, 88]);
    // Ceiling lights, which the blur turns into soft bokeh.
    for cx in [60.0, 160.0, 260.0] {
        disc(&mut img, cx, 12.0, 9.0, [255, 250, 235]);
    }
    for _ in 0..3 {
        box_blur(&mut img, 7);
    }
    let mut out = RgbImage::new(width.max(1), height.max(1));
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&img, &mut out, &opts)
        .expect("RGB to RGB resizes");
    out
}

/// A separable box blur of radius `r` (three passes approximate a Gaussian).
fn box_blur(img: &mut RgbImage, r: i64) {
    let (w, h) = (img.width() as i64, img.height() as i64);
    for horizontal in [true, false] {
        let src = img.clone();
        let (outer, inner) = if horizontal { (h, w) } else { (w, h) };
        for o in 0..outer {
            let at = |i: i64| {
                let i = i.clamp(0, inner - 1) as u32;
                if horizontal {
                    src.get_pixel(i, o as u32).0
                } else {
                    src.get_pixel(o as u32, i).0
                }
            };
            let mut sum = [0i64; 3];
            for i in -r..=r {
                let p = at(i);
                for c in 0..3 {
                    sum[c] += i64::from(p[c]);
                }
            }
            let n = 2 * r + 1;
            for i in 0..inner {
                let px = Rgb([(sum[0] / n) as u8, (sum[1] / n) as u8, (sum[2] / n) as u8]);
                if horizontal {
                    img.put_pixel(i as u32, o as u32, px);
                } else {
                    img.put_pixel(o as u32, i as u32, px);
                }
                let (add, sub) = (at(i + r + 1), at(i - r));
                for c in 0..3 {
                    sum[c] += i64::from(add[c]) - i64::from(sub[c]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_office_is_soft_and_the_same_every_time() {
        let a = super::office(600, 600);
        assert_eq!(a.dimensions(), (600, 600));
        assert_eq!(a, super::office(600, 600));
        // Soft: neighbouring pixels never jump by much.
        let mut max_step = 0i32;
        for y in 0..600 {
            for x in 1..600 {
                let (p, q) = (a.get_pixel(x - 1, y).0, a.get_pixel(x, y).0);
                max_step = max_step.max((i32::from(p[1]) - i32::from(q[1])).abs());
            }
        }
        assert!(max_step < 12, "largest step between neighbours {max_step}");
        // Not flat: the window is brighter than the desk.
        assert!(a.get_pixel(110, 200).0[2] > a.get_pixel(300, 580).0[2] + 40);
    }
}
