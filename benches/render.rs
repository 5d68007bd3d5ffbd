//! Rendering one delivery for docs/BENCHMARKS.md (`cargo bench --bench render`):
//! a 3000×4000 cut-out → 3 backgrounds (colour, gradient, the blurred
//! office) × the 3 standard sizes, plus a watermarked preview per
//! background, circle shape with an outline — through the same
//! `render_cutout` the delivery job calls, encoding included.

use image::{Rgba, RgbaImage};
use std::time::{Duration, Instant};
use teamshot::domain::studio_settings::DEFAULT_SIZES;
use teamshot::imaging::compose::{Fill, Look, Shape};
use teamshot::imaging::render::{Backdrop, Recipe, render_cutout};

fn cutout() -> RgbaImage {
    RgbaImage::from_fn(3000, 4000, |x, y| {
        let (fx, fy) = (x as f32, y as f32);
        let head = ((fx - 1500.0) / 450.0).powi(2) + ((fy - 1300.0) / 580.0).powi(2) <= 1.0;
        if head {
            Rgba([220, 170, 140, 255])
        } else if fy > 2000.0 && (fx - 1500.0).abs() < 1150.0 {
            Rgba([30, 40, 60, 255])
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
}
