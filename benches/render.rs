//! Rendering one delivery for docs/BENCHMARKS.md (`cargo bench --bench render`):
//! a 3000×4000 cut-out → 3 backgrounds × 3 sizes, plus watermarked previews,
//! with the circle shape and an outline; with and without encoding the files.

use image::{ImageEncoder, Rgb, RgbImage, Rgba, RgbaImage};
use std::time::{Duration, Instant};
use teamshot::imaging::compose::{Fill, Look, Shape, cover, frame, render, scale_cutout};

const SIZES: [u32; 3] = [1600, 800, 400];

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

fn deliver(c: &RgbaImage, fills: &[Fill], look: &Look, encode: bool) -> usize {
    let framing = frame(c, None);
    let mut bytes = 0;
    for size in SIZES {
        let scaled = scale_cutout(c, framing, size);
        for fill in fills {
            let cov = match fill {
                Fill::Image(i) => Some(cover(i, size)),
                Fill::Colors(_) => None,
            };
            let mut img = render(&scaled, fill, cov.as_ref(), look, size);
            if size == 800 {
                // The watermarked preview of this background.
                let mut preview = teamshot::imaging::compose::flatten(&img, [255, 255, 255]);
                teamshot::imaging::watermark::apply(&mut preview);
                if encode {
                    let mut out = Vec::new();
                    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 82)
                        .write_image(&preview, size, size, image::ExtendedColorType::Rgb8)
                        .unwrap();
                    bytes += out.len();
                }
            }
            if encode {
                let mut out = Vec::new();
                image::codecs::png::PngEncoder::new_with_quality(
                    &mut out,
                    image::codecs::png::CompressionType::Fast,
                    image::codecs::png::FilterType::Sub,
                )
                .write_image(&img, size, size, image::ExtendedColorType::Rgba8)
                .unwrap();
                bytes += out.len();
            }
            img.fill(0);
        }
    }
    bytes
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
    let office = RgbImage::from_fn(3000, 2000, |x, y| Rgb([(x / 12) as u8, (y / 8) as u8, 120]));
    let fills = vec![
        Fill::Colors(vec![[255, 255, 255]]),
        Fill::Colors(vec![[51, 80, 122], [16, 28, 48]]),
        Fill::Image(office),
    ];
    let look = Look {
        shape: Shape::Circle,
        background_color: [255, 255, 255],
        outline_color: [31, 42, 68],
        outline_width: 12,
    };
    for (name, encode) in [
        ("one delivery: 9 renders + 3 previews (pixels only)", false),
        ("one delivery: 9 PNG + 3 JPEG previews (encoded)", true),
    ] {
        let mut samples = Vec::new();
        for _ in 0..7 {
            let start = Instant::now();
            std::hint::black_box(deliver(&c, &fills, &look, encode));
            samples.push(start.elapsed());
        }
        report(name, samples);
    }
}
