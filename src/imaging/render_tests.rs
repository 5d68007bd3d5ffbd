//! Tests of `render.rs`: every file of a delivery, sizes, shapes, hand-ins.

use super::*;
use image::{ImageEncoder, Rgba};

fn cutout_png() -> Vec<u8> {
    let mut cut = RgbaImage::from_pixel(1200, 1600, Rgba([0, 0, 0, 0]));
    for y in 300..1600 {
        for x in 300..900 {
            cut.put_pixel(x, y, Rgba([200, 40, 40, 255]));
        }
    }
    png(&cut).0
}

fn recipe(shape: Shape) -> Recipe {
    Recipe {
        look: Look {
            shape,
            background_color: [255, 255, 255],
            outline_color: [0, 0, 0],
            outline_width: 0,
        },
        backdrops: vec![
            Backdrop {
                background_id: "bg-navy".into(),
                fill: Fill::Colors(vec![[20, 30, 60]]),
            },
            Backdrop {
                background_id: "bg-white".into(),
                fill: Fill::Colors(vec![[255, 255, 255]]),
            },
        ],
        sizes: vec![1600, 400],
        framing: Framing::HeadAndShoulders,
        ratios: vec![Ratio::Square],
    }
}

#[test]
fn every_background_at_every_size_plus_one_preview_each() {
    let files = render_delivery(
        &cutout_png(),
        Handed::Cutout,
        &recipe(Shape::Circle),
        1 << 30,
    )
    .unwrap();
    let finals: Vec<_> = files.iter().filter(|f| !f.watermarked).collect();
    let previews: Vec<_> = files.iter().filter(|f| f.watermarked).collect();
    assert_eq!(finals.len(), 4);
    assert_eq!(previews.len(), 2);
    assert!(finals.iter().all(|f| f.format == "png"), "circle → PNG");
    assert!(
        previews
            .iter()
            .all(|f| f.format == "jpeg" && f.width == 800)
    );
    let navy_big = finals
        .iter()
        .find(|f| f.width == 1600 && f.background_id.as_deref() == Some("bg-navy"))
        .unwrap();
    let img = image::load_from_memory(&navy_big.data).unwrap().to_rgba8();
    assert_eq!(img.get_pixel(2, 2).0[3], 0, "corner outside the circle");
    let inside = img.get_pixel(800, 40).0;
    assert_eq!(&inside[..3], &[20, 30, 60], "the chosen background");
}

#[test]
fn portrait_ratios_add_a_picture_per_size_except_for_circles() {
    let mut r = recipe(Shape::Rounded);
    r.ratios = vec![Ratio::Square, Ratio::FourByFive, Ratio::ThreeByFour];
    let files = render_delivery(&cutout_png(), Handed::Cutout, &r, 1 << 30).unwrap();
    let finals: Vec<(u32, u32)> = files
        .iter()
        .filter(|f| !f.watermarked && f.background_id.as_deref() == Some("bg-navy"))
        .map(|f| (f.width, f.height))
        .collect();
    assert_eq!(
        finals,
        [
            (1600, 1600),
            (1280, 1600),
            (1200, 1600),
            (400, 400),
            (320, 400),
            (300, 400)
        ]
    );
    for f in files.iter().filter(|f| !f.watermarked) {
        let img = image::load_from_memory(&f.data).unwrap();
        assert_eq!((img.width(), img.height()), (f.width, f.height));
    }
    let mut circle = recipe(Shape::Circle);
    circle.ratios = r.ratios.clone();
    let files = render_delivery(&cutout_png(), Handed::Cutout, &circle, 1 << 30).unwrap();
    assert!(
        files.iter().all(|f| f.width == f.height),
        "circles stay square"
    );
}

#[test]
fn square_finals_are_jpeg() {
    let files = render_delivery(
        &cutout_png(),
        Handed::Cutout,
        &recipe(Shape::Square),
        1 << 30,
    )
    .unwrap();
    assert!(files.iter().all(|f| f.format == "jpeg"));
}

#[test]
fn finished_images_are_resized_not_enlarged() {
    let img = RgbImage::from_pixel(1000, 1250, image::Rgb([9, 9, 9]));
    let files = render_finished(&img, &[1600, 800, 400]);
    let sizes: Vec<_> = files
        .iter()
        .filter(|f| !f.watermarked)
        .map(|f| (f.width, f.height))
        .collect();
    assert_eq!(sizes, [(1000, 1250), (640, 800), (320, 400)]);
    assert!(files.iter().any(|f| f.watermarked && f.height == 800));
}

#[test]
fn a_resize_has_the_asked_size_and_format() {
    let f = render_size(
        &cutout_png(),
        Handed::Cutout,
        &recipe(Shape::Square),
        600,
        900,
        "png",
        1 << 30,
    )
    .unwrap();
    let img = image::load_from_memory(&f.data).unwrap();
    assert_eq!((img.width(), img.height()), (600, 900));
    assert_eq!(f.format, "png");
    assert_eq!(f.background_id.as_deref(), Some("bg-navy"));
    let photo = RgbImage::from_pixel(1000, 1000, image::Rgb([9, 200, 9]));
    let f = render_size(
        &jpeg(&photo, 90).0,
        Handed::Image,
        &recipe(Shape::Square),
        300,
        100,
        "jpeg",
        1 << 30,
    )
    .unwrap();
    let img = image::load_from_memory(&f.data).unwrap();
    assert_eq!((img.width(), img.height()), (300, 100));
}

#[test]
fn cutout_without_alpha_is_refused() {
    let opaque = RgbImage::from_pixel(100, 100, image::Rgb([1, 2, 3]));
    let data = jpeg(&opaque, 90).0;
    assert_eq!(
        read_handin(&data, Handed::Cutout, 100_000_000).err(),
        Some(RenderError::CutoutWithoutAlpha)
    );
    let mut flat_png = Vec::new();
    image::codecs::png::PngEncoder::new(&mut flat_png)
        .write_image(&opaque, 100, 100, image::ExtendedColorType::Rgb8)
        .unwrap();
    assert_eq!(
        read_handin(&flat_png, Handed::Cutout, 100_000_000).err(),
        Some(RenderError::CutoutWithoutAlpha)
    );
    assert!(read_handin(&flat_png, Handed::Image, 100_000_000).is_ok());
    assert_eq!(
        read_handin(b"nope", Handed::Image, 1000).err(),
        Some(RenderError::NotAnImage)
    );
}
