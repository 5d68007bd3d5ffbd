//! Rendering one delivery for docs/BENCHMARKS.md (`cargo bench --bench render`):
//! a 3000×4000 cut-out → 3 backgrounds (colour, gradient, the blurred
//! office) × the 3 standard sizes, plus a watermarked preview per
//! background, circle shape with an outline — through the same
//! `render_cutout` the delivery job calls, encoding included.

use image::{ImageEncoder, Rgba, RgbaImage};
use std::time::{Duration, Instant};
use teamshot::domain::studio_settings::DEFAULT_SIZES;
use teamshot::domain::style::Ratio;
use teamshot::imaging::compose::{Fill, Framing, Look, Shape};
use teamshot::imaging::render::{Backdrop, Handed, Recipe, read_handin, render_cutout};

/// A head and shoulders on transparency, with photo-like grain so the PNG
/// is as large (and as slow to read) as a real retoucher's cut-out.
fn cutout() -> RgbaImage {
    RgbaImage::from_fn(3000, 4000, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let grain = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 13) as u8 % 24;
        let head = ((fx - 1500.0) / 450.0).powi(2) + ((fy - 1300.0) / 580.0).powi(2) <= 1.0;
        if head {
            Rgba([208 + grain / 2, 160 + grain, 130 + grain, 255])
        } else if fy > 2000.0 && (fx - 1500.0).abs() < 1150.0 {
            Rgba([24 + grain, 34 + grain, 54 + grain, 255])
        } else {
            Rgba([0, 0, 0, 0])
        }
    })
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    println!(
        "{name:<58} median {:>7.1} ms   min {:>7.1} ms   ({} runs)",
        samples[samples.len() / 2].as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
        samples.len()
    );
}

fn main() {
    let c = cutout();
    let start = Instant::now();
    let office = teamshot::imaging::office::office(1600, 1600);
    let office_ms = start.elapsed();
    let backdrop = |id: &str, fill| Backdrop {
        background_id: id.into(),
        fill,
    };
    for shape in [Shape::Circle, Shape::Square] {
        let recipe = Recipe {
            look: Look {
                shape,
                background_color: [255, 255, 255],
                outline_color: [31, 42, 68],
                outline_width: 12,
            },
            backdrops: vec![
                backdrop("bg-white", Fill::Colors(vec![[255, 255, 255]])),
                backdrop("bg-navy", Fill::Colors(vec![[51, 80, 122], [16, 28, 48]])),
                backdrop("bg-office", Fill::Image(office.clone())),
            ],
            sizes: DEFAULT_SIZES.to_vec(),
            framing: Framing::HeadAndShoulders,
            ratios: vec![Ratio::Square],
        };
        let mut samples = Vec::new();
        let mut files = 0;
        for _ in 0..7 {
            let start = Instant::now();
            files = std::hint::black_box(render_cutout(&c, &recipe)).len();
            samples.push(start.elapsed());
        }
        report(
            &format!("one delivery, {} ({files} files, encoded)", shape.as_str()),
            samples,
        );
    }
    println!(
        "the blurred office at 1600 px (once per delivery)        {:>7.1} ms",
        office_ms.as_secs_f64() * 1e3
    );
    // The job first reads the hand-in: a 3000×4000 PNG with transparency.
    let mut png = Vec::new();
    image::codecs::png::PngEncoder::new_with_quality(
        &mut png,
        image::codecs::png::CompressionType::Fast,
        image::codecs::png::FilterType::Sub,
    )
    .write_image(&c, 3000, 4000, image::ExtendedColorType::Rgba8)
    .unwrap();
    let mut samples = Vec::new();
    for _ in 0..5 {
        let start = Instant::now();
        std::hint::black_box(read_handin(&png, Handed::Cutout, 100_000_000).unwrap());
        samples.push(start.elapsed());
    }
    report(
        &format!(
            "reading the hand-in ({:.1} MB PNG, 3000×4000)",
            png.len() as f64 / 1e6
        ),
        samples,
    );
}
