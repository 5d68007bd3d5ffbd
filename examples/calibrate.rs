//! Prints the photo measurements of test-photo variants (for choosing thresholds).
use image::{DynamicImage, RgbImage, imageops::FilterType};
use teamshot::imaging::{analysis, faces};

fn load(name: &str) -> RgbImage {
    image::open(format!("tests/photos/{name}"))
        .unwrap()
        .to_rgb8()
}

fn show(label: &str, img: &RgbImage) {
    let (w, h) = img.dimensions();
    let t = std::time::Instant::now();
    let f = faces::detector().unwrap().detect(img).unwrap();
    let det = t.elapsed();
    let k = 1024.0 / w.max(h) as f32;
    let small = image::imageops::resize(
        img,
        (w as f32 * k) as u32,
        (h as f32 * k) as u32,
        FilterType::Triangle,
    );
    let m = analysis::measure(&small, (w, h), &f, false);
    println!(
        "{label:<34} {w}x{h} faces={} share={:?} sharp={:.1} bright={:.0} flat={:.2} det={:?}",
        m.faces,
        m.face_share.map(|s| (s * 100.0).round()),
        m.sharpness,
        m.brightness,
        m.flat_share,
        det
    );
}

fn main() {
    let astro = load("astronaut.png");
    for k in [2.0f32, 2.5, 3.0, 4.0] {
        let s = (512.0 * k) as u32;
        let up = image::imageops::resize(&astro, s, s, FilterType::Lanczos3);
        show(&format!("astronaut x{k}"), &up);
        for sigma in [2.0f32, 4.0, 8.0] {
            let b = image::imageops::blur(&up, sigma * k / 2.5);
            show(&format!("  blurred sigma {sigma}"), &b);
        }
    }
    let up = image::imageops::resize(&astro, 1280, 1280, FilterType::Lanczos3);
    let mut canvas = RgbImage::from_fn(2400, 3200, |x, y| {
        let v = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 11) as u8 % 60;
        image::Rgb([90 + v, 110 + v, 100 + v])
    });
    image::imageops::replace(
        &mut canvas,
        &image::imageops::resize(&up, 1760, 1760, FilterType::Lanczos3),
        320,
        200,
    );
    let f = faces::detector()
        .unwrap()
        .detect(&image::imageops::resize(
            &canvas,
            768,
            1024,
            FilterType::Triangle,
        ))
        .unwrap();
    println!("far faces at 768x1024: {f:?}");
    show("far", &canvas);
    let dark = DynamicImage::ImageRgb8(up.clone()).brighten(-90).to_rgb8();
    show("dark", &dark);
    let bright = DynamicImage::ImageRgb8(up.clone()).brighten(110).to_rgb8();
    show("bright", &bright);
    show("fujifilm", &load("fujifilm_frame0.jpg"));
    let hop = image::imageops::resize(&load("hopper.jpg"), 1280, 1280, FilterType::Lanczos3);
    show("hopper x10", &hop);
    let mut shot = RgbImage::from_pixel(1170, 2532, image::Rgb([245, 245, 247]));
    image::imageops::replace(
        &mut shot,
        &image::imageops::resize(&astro, 1170, 1170, FilterType::Lanczos3),
        0,
        400,
    );
    show("screenshot", &shot);
}
