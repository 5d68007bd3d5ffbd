//! The style render engine: a retouched cut-out placed on a background, framed
//! head-and-shoulders, cut to the style's shape (transparent outside it) with
//! its outline. Pure pixels in, pixels out; callers run it off the async
//! threads.

use fast_image_resize::{FilterType, ResizeAlg, ResizeOptions, Resizer};
use image::{RgbImage, RgbaImage};

pub use crate::domain::style::{Framing, Shape};

/// What is behind the subject.
#[derive(Debug, Clone)]
pub enum Fill {
    /// One colour, or a top-to-bottom gradient through several.
    Colors(Vec<[u8; 3]>),
    Image(RgbImage),
}

#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub shape: Shape,
    /// Under the background (seen where a background image is transparent).
    pub background_color: [u8; 3],
    pub outline_color: [u8; 3],
    /// At the reference size of 1600 px; scaled with the output.
    pub outline_width: u32,
}

/// A face in the cut-out's pixel coordinates (from face detection).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FaceBox {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

/// The rectangle of the cut-out that becomes the picture (may reach
/// outside it), with the picture's aspect.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Crop {
    pub left: f32,
    pub top: f32,
    pub width: f32,
    pub height: f32,
}

/// Where the face's top sits in the frame, and how tall the face is.
const FACE_TOP: f32 = 0.20;
const FACE_HEIGHT: f32 = 0.34;
/// Without a face box: the margin above the head, as a share of the frame.
const HEAD_MARGIN: f32 = 0.08;
/// Chest up shows this much more of the person than head and shoulders,
/// as far as the photo holds them.
const CHEST_UP_ZOOM: f32 = 1.3;
const REFERENCE_SIZE: f32 = 1600.0;

/// The picture's crop of the cut-out: head and shoulders (or chest up) in
/// a frame of `aspect` (width ÷ height, 1 for square, 0.8 for 4:5).
///
/// The square head-and-shoulders frame comes from the face box when there
/// is one, otherwise from the opaque area (head at the top, shoulders
/// filling the width). A portrait frame has the same height and the head
/// at the same place. Chest up widens the frame around the head's top, but
/// never past an edge of the photo where the person is cut off (that edge
/// would show as a straight line through the shoulders).
pub fn frame(cutout: &RgbaImage, face: Option<FaceBox>, framing: Framing, aspect: f32) -> Crop {
    let (w, h) = cutout.dimensions();
    let Some(opaque) = opaque_box(cutout) else {
        let side = w.min(h) as f32;
        return Crop {
            left: (w as f32 - side * aspect) / 2.0,
            top: 0.0,
            width: side * aspect,
            height: side,
        };
    };
    let (x0, y0, x1, y1) = opaque;
    // The square head-and-shoulders frame: its side, centre, and where the
    // top of the head is (with the share of the frame above it).
    let (side, centre, head_top, margin) = match face {
        Some(f) => (f.h / FACE_HEIGHT, f.x + f.w / 2.0, f.y, FACE_TOP),
        None => {
            let bw = (x1 - x0 + 1) as f32;
            let side = (bw * 1.05).max((y1 - y0 + 1) as f32 * 0.5);
            (side, (x0 + x1) as f32 / 2.0, y0 as f32, HEAD_MARGIN)
        }
    };
    let cut_at_side = x0 == 0 || x1 + 1 >= w;
    let cut_at_bottom = y1 + 1 >= h;
    let zoom = match framing {
        Framing::HeadAndShoulders => 1.0,
        Framing::ChestUp => {
            let mut zoom = CHEST_UP_ZOOM;
            if cut_at_side {
                zoom = zoom.min(w as f32 / (aspect * side));
            }
            if cut_at_bottom {
                zoom = zoom.min((h as f32 - head_top) / ((1.0 - margin) * side));
            }
            zoom.max(1.0)
        }
    };
    let (width, height) = (side * zoom * aspect, side * zoom);
    let mut left = centre - width / 2.0;
    if cut_at_side && width <= w as f32 {
        left = left.clamp(0.0, w as f32 - width);
    }
    Crop {
        left,
        top: head_top - margin * height,
        width,
        height,
    }
}

/// The bounding box of the visible pixels, if any.
fn opaque_box(cutout: &RgbaImage) -> Option<(u32, u32, u32, u32)> {
    let (w, h) = cutout.dimensions();
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for (x, y, p) in cutout.enumerate_pixels() {
        if p.0[3] > 16 {
            x0 = x0.min(x);
            y0 = y0.min(y);
            x1 = x1.max(x);
            y1 = y1.max(y);
        }
    }
    (x1 > x0 && y1 > y0).then_some((x0, y0, x1, y1))
}

/// The cut-out scaled so that `crop` fills `width`×`height` pixels, and the
/// offset at which to draw it.
pub fn scale_cutout(
    cutout: &RgbaImage,
    crop: Crop,
    width: u32,
    height: u32,
) -> (RgbaImage, i64, i64) {
    let s = (height as f32 / crop.height).min(width as f32 / crop.width.max(1.0));
    let w = ((cutout.width() as f32 * s).round() as u32).max(1);
    let h = ((cutout.height() as f32 * s).round() as u32).max(1);
    let mut dst = RgbaImage::new(w, h);
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::CatmullRom));
    Resizer::new()
        .resize(cutout, &mut dst, &opts)
        .expect("RGBA to RGBA resizes");
    (
        dst,
        (-crop.left * s).round() as i64,
        (-crop.top * s).round() as i64,
    )
}

/// A background image covering `width`×`height` (centred crop).
pub fn cover(img: &RgbImage, width: u32, height: u32) -> RgbImage {
    let (w, h) = img.dimensions();
    // The largest centred part with the output's aspect.
    let (cw, ch) = if u64::from(w) * u64::from(height) > u64::from(h) * u64::from(width) {
        (
            (u64::from(h) * u64::from(width) / u64::from(height)) as u32,
            h,
        )
    } else {
        (
            w,
            (u64::from(w) * u64::from(height) / u64::from(width)) as u32,
        )
    };
    let (cw, ch) = (cw.max(1), ch.max(1));
    let view = image::imageops::crop_imm(img, (w - cw) / 2, (h - ch) / 2, cw, ch).to_image();
    let mut dst = RgbImage::new(width, height);
    let opts = ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Bilinear));
    Resizer::new()
        .resize(&view, &mut dst, &opts)
        .expect("RGB to RGB resizes");
    dst
}

fn lerp(a: u8, b: u8, t: f32) -> u8 {
    (a as f32 + (b as f32 - a as f32) * t).round() as u8
}

fn fill_row<'a>(
    fill: &Fill,
    cover_img: Option<&'a RgbImage>,
    y: u32,
    height: u32,
) -> impl Fn(u32) -> [u8; 3] + 'a {
    let t = if height > 1 {
        y as f32 / (height - 1) as f32
    } else {
        0.0
    };
    let row_color = match fill {
        Fill::Colors(c) if c.is_empty() => [255, 255, 255],
        Fill::Colors(c) if c.len() == 1 => c[0],
        Fill::Colors(c) => {
            let pos = t * (c.len() - 1) as f32;
            let i = (pos.floor() as usize).min(c.len() - 2);
            let f = pos - i as f32;
            [
                lerp(c[i][0], c[i + 1][0], f),
                lerp(c[i][1], c[i + 1][1], f),
                lerp(c[i][2], c[i + 1][2], f),
            ]
        }
        Fill::Image(_) => [0, 0, 0],
    };
    move |x| match cover_img {
        Some(img) => img.get_pixel(x, y).0,
        None => row_color,
    }
}

/// Signed distance (pixels) from the edge of the shape filling a
/// `width`×`height` picture; negative inside. A circle is the largest one
/// that fits.
fn edge_distance(shape: Shape, x: f32, y: f32, width: f32, height: f32) -> f32 {
    let (hw, hh) = (width / 2.0, height / 2.0);
    let (px, py) = (x - hw, y - hh);
    match shape {
        Shape::Circle => (px * px + py * py).sqrt() - hw.min(hh),
        Shape::Square | Shape::Rounded => {
            let r = if shape == Shape::Rounded {
                width.min(height) * 0.12
            } else {
                0.0
            };
            let qx = px.abs() - (hw - r);
            let qy = py.abs() - (hh - r);
            let outside = (qx.max(0.0).powi(2) + qy.max(0.0).powi(2)).sqrt();
            outside + qx.max(qy).min(0.0) - r
        }
    }
}

/// `src` over `dst` with an alpha of 0–255, in integers (the hot path).
fn mix(dst: [u8; 3], src: [u8; 3], a: u16) -> [u8; 3] {
    let m = |d: u8, s: u8| ((u16::from(d) * (255 - a) + u16::from(s) * a + 127) / 255) as u8;
    [m(dst[0], src[0]), m(dst[1], src[1]), m(dst[2], src[2])]
}

fn blend(dst: [u8; 3], src: [u8; 3], a: f32) -> [u8; 3] {
    [
        lerp(dst[0], src[0], a),
        lerp(dst[1], src[1], a),
        lerp(dst[2], src[2], a),
    ]
}

/// One rendered picture: `width`×`height`, transparent outside the shape.
/// `scaled` is the output of [`scale_cutout`] for this size; `cover_img` the
/// output of [`cover`] when the fill is an image.
pub fn render(
    scaled: &(RgbaImage, i64, i64),
    fill: &Fill,
    cover_img: Option<&RgbImage>,
    look: &Look,
    (width, height): (u32, u32),
) -> RgbaImage {
    let (subject, ox, oy) = scaled;
    let outline = if look.outline_width == 0 {
        0.0
    } else {
        (look.outline_width as f32 * width.max(height) as f32 / REFERENCE_SIZE).max(1.0)
    };
    let mut out = RgbaImage::new(width, height);
    let (sw, sh) = (i64::from(subject.width()), i64::from(subject.height()));
    let raw = subject.as_raw();
    let row_bytes = width as usize * 4;
    let (fw, fh) = (width as f32, height as f32);
    for (y, row) in out.chunks_exact_mut(row_bytes).enumerate() {
        let y = y as u32;
        let bg_at = fill_row(fill, cover_img, y, height);
        let sy = i64::from(y) - oy;
        // The subject's row, when this output row crosses it.
        let subject_row = (0..sh)
            .contains(&sy)
            .then(|| &raw[(sy * sw * 4) as usize..((sy + 1) * sw * 4) as usize]);
        for (x, px) in row.chunks_exact_mut(4).enumerate() {
            let d = edge_distance(look.shape, x as f32 + 0.5, y as f32 + 0.5, fw, fh);
            let coverage = (0.5 - d).clamp(0.0, 1.0);
            if coverage <= 0.0 {
                continue; // outside the shape: stays transparent
            }
            let mut c = bg_at(x as u32);
            let sx = x as i64 - ox;
            if let Some(srow) = subject_row.filter(|_| (0..sw).contains(&sx)) {
                let p = &srow[sx as usize * 4..sx as usize * 4 + 4];
                match p[3] {
                    0 => {}
                    255 => c = [p[0], p[1], p[2]],
                    a => c = mix(c, [p[0], p[1], p[2]], u16::from(a)),
                }
            }
            if outline > 0.0 && d > -outline - 0.5 {
                let a = (d + outline + 0.5).clamp(0.0, 1.0);
                c = blend(c, look.outline_color, a);
            }
            px.copy_from_slice(&[c[0], c[1], c[2], (coverage * 255.0).round() as u8]);
        }
    }
    out
}

/// For formats without transparency (JPEG): the picture on `matte`.
pub fn flatten(img: &RgbaImage, matte: [u8; 3]) -> RgbImage {
    let mut out = Vec::with_capacity(img.as_raw().len() / 4 * 3);
    for p in img.as_raw().chunks_exact(4) {
        let c = match p[3] {
            255 => [p[0], p[1], p[2]],
            0 => matte,
            a => mix(matte, [p[0], p[1], p[2]], u16::from(a)),
        };
        out.extend_from_slice(&c);
    }
    RgbImage::from_raw(img.width(), img.height(), out).expect("three bytes per pixel")
}

#[cfg(test)]
#[path = "compose_tests.rs"]
mod tests;
