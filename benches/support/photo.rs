//! The benches' photo: camera-like, with one real face.

use image::{ImageEncoder, RgbImage, imageops::FilterType};

/// A `w`×`h` JPEG: grain everywhere, the real astronaut portrait enlarged to
/// the shorter side, centred across and standing on the bottom edge (so in
/// a landscape photo the face is in the upper middle).
pub fn photo(w: u32, h: u32) -> Vec<u8> {
    let path = format!("{}/tests/photos/astronaut.png", env!("CARGO_MANIFEST_DIR"));
    let face = image::open(path).unwrap().to_rgb8();
    let mut canvas = RgbImage::from_fn(w, h, |x, y| {
        let v = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 11) as u8 % 40;
        image::Rgb([120 + v, 125 + v, 130 + v])
    });
    let side = w.min(h);
    let big = image::imageops::resize(&face, side, side, FilterType::Triangle);
    image::imageops::replace(
        &mut canvas,
        &big,
        i64::from((w - side) / 2),
        i64::from(h - side),
    );
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, 92)
        .write_image(&canvas, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}
