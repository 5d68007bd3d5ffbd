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
mod tests {
    use super::*;
    use image::{Rgb, Rgba};

    /// A 1200×1600 cut-out: a skin-coloured head and dark shoulders on transparency.
    fn cutout() -> RgbaImage {
        RgbaImage::from_fn(1200, 1600, |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            let head = ((fx - 600.0) / 180.0).powi(2) + ((fy - 500.0) / 230.0).powi(2) <= 1.0;
            let shoulders = fy > 800.0 && (fx - 600.0).abs() < 450.0;
            if head {
                Rgba([220, 170, 140, 255])
            } else if shoulders {
                Rgba([30, 40, 60, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        })
    }

    fn look(shape: Shape) -> Look {
        Look {
            shape,
            background_color: [255, 255, 255],
            outline_color: [200, 0, 0],
            outline_width: 32,
        }
    }

    fn draw(shape: Shape, fill: Fill, face: Option<FaceBox>) -> RgbaImage {
        draw_in(
            &cutout(),
            shape,
            fill,
            face,
            Framing::HeadAndShoulders,
            (800, 800),
        )
    }

    fn draw_in(
        c: &RgbaImage,
        shape: Shape,
        fill: Fill,
        face: Option<FaceBox>,
        framing: Framing,
        (w, h): (u32, u32),
    ) -> RgbaImage {
        let crop = frame(c, face, framing, w as f32 / h as f32);
        let scaled = scale_cutout(c, crop, w, h);
        let cov = match &fill {
            Fill::Image(i) => Some(cover(i, w, h)),
            _ => None,
        };
        render(&scaled, &fill, cov.as_ref(), &look(shape), (w, h))
    }

    /// Rows of the centre column showing the face colour.
    fn face_rows(img: &RgbaImage) -> usize {
        let x = img.width() / 2;
        (0..img.height())
            .filter(|y| img.get_pixel(x, *y).0 == [220, 170, 140, 255])
            .count()
    }

    #[test]
    fn portrait_pictures_keep_the_head_and_chest_up_shows_more() {
        let c = cutout();
        let white = || Fill::Colors(vec![[255, 255, 255]]);
        let hs = Framing::HeadAndShoulders;
        let square = draw_in(&c, Shape::Square, white(), None, hs, (800, 800));
        let portrait = draw_in(&c, Shape::Square, white(), None, hs, (640, 800));
        assert_eq!(portrait.dimensions(), (640, 800));
        assert_eq!(
            face_rows(&portrait),
            face_rows(&square),
            "same head, narrower"
        );
        let chest = draw_in(
            &c,
            Shape::Square,
            white(),
            None,
            Framing::ChestUp,
            (800, 800),
        );
        let (a, b) = (face_rows(&chest) as f32, face_rows(&square) as f32);
        assert!(
            (a / b - 1.0 / 1.3).abs() < 0.02,
            "{a} vs {b}: zoomed out by 1.3"
        );
        // A rounded portrait keeps its rounded corners on the new rectangle.
        let rounded = draw_in(&c, Shape::Rounded, white(), None, hs, (600, 800));
        assert_eq!(rounded.get_pixel(1, 1).0[3], 0);
        assert_eq!(rounded.get_pixel(598, 798).0[3], 0);
        assert_eq!(rounded.get_pixel(300, 1).0[3], 255);
    }

    #[test]
    fn chest_up_never_shows_where_the_photo_cut_the_person() {
        // Shoulders cut by both sides of the photo.
        let c = RgbaImage::from_fn(1200, 1600, |x, y| {
            let (fx, fy) = (x as f32, y as f32);
            let head = ((fx - 600.0) / 180.0).powi(2) + ((fy - 500.0) / 230.0).powi(2) <= 1.0;
            if head {
                Rgba([220, 170, 140, 255])
            } else if fy > 800.0 {
                Rgba([30, 40, 60, 255])
            } else {
                Rgba([0, 0, 0, 0])
            }
        });
        let green = || Fill::Colors(vec![[0, 255, 0]]);
        let hs = Framing::HeadAndShoulders;
        let square_hs = draw_in(&c, Shape::Square, green(), None, hs, (800, 800));
        let square_cu = draw_in(
            &c,
            Shape::Square,
            green(),
            None,
            Framing::ChestUp,
            (800, 800),
        );
        assert_eq!(
            face_rows(&square_cu),
            face_rows(&square_hs),
            "no room to zoom out"
        );
        let tall = draw_in(
            &c,
            Shape::Square,
            green(),
            None,
            Framing::ChestUp,
            (640, 800),
        );
        assert!(
            face_rows(&tall) < face_rows(&square_hs),
            "the portrait has room"
        );
        for x in [20, 619] {
            assert_eq!(
                tall.get_pixel(x, 700).0,
                [30, 40, 60, 255],
                "shoulder at the edge"
            );
        }
    }

    #[test]
    fn a_circle_has_transparent_corners_and_an_outline_of_its_colour() {
        let img = draw(Shape::Circle, Fill::Colors(vec![[10, 80, 160]]), None);
        for (x, y) in [(0, 0), (799, 0), (0, 799), (799, 799), (60, 60)] {
            assert_eq!(img.get_pixel(x, y).0[3], 0, "corner ({x},{y}) transparent");
        }
        // Just inside the edge at the top centre: the outline (16 px at 800).
        assert_eq!(img.get_pixel(400, 6).0, [200, 0, 0, 255]);
        // Inside, away from subject and outline: the chosen background.
        assert_eq!(img.get_pixel(120, 400).0, [10, 80, 160, 255]);
    }

    #[test]
    fn rounded_and_square_shapes() {
        let rounded = draw(
            Shape::Rounded,
            Fill::Colors(vec![[0, 0, 0], [0, 0, 255]]),
            None,
        );
        assert_eq!(rounded.get_pixel(1, 1).0[3], 0, "rounded corner cut");
        assert_eq!(rounded.get_pixel(400, 1).0[3], 255, "straight edge kept");
        let square = draw(
            Shape::Square,
            Fill::Colors(vec![[0, 0, 0], [0, 0, 255]]),
            None,
        );
        assert_eq!(square.get_pixel(0, 0).0[3], 255);
        // A gradient: darker at the top than at the bottom (left side, clear of the subject).
        let top = square.get_pixel(40, 40).0[2];
        let bottom = square.get_pixel(40, 760).0[2];
        assert!(top < bottom, "{top} < {bottom}");
    }

    #[test]
    fn an_image_background_shows_behind_the_subject() {
        let photo = RgbImage::from_pixel(2000, 1500, Rgb([90, 200, 90]));
        let img = draw(Shape::Square, Fill::Image(photo), None);
        assert_eq!(img.get_pixel(40, 400).0, [90, 200, 90, 255]);
    }

    #[test]
    fn the_face_sits_where_the_framing_puts_it() {
        // The head of the cut-out spans y 270..730 and x 420..780.
        let face = FaceBox {
            x: 420.0,
            y: 270.0,
            w: 360.0,
            h: 460.0,
        };
        let img = draw(
            Shape::Square,
            Fill::Colors(vec![[255, 255, 255]]),
            Some(face),
        );
        // The face's top is at 20 % and the face is 34 % of the height; it is centred.
        let top = (0.20 * 800.0) as u32;
        let bottom = ((0.20 + 0.34) * 800.0) as u32;
        assert_eq!(
            img.get_pixel(400, top + 8).0,
            [220, 170, 140, 255],
            "face just below its top"
        );
        assert_eq!(
            img.get_pixel(400, top - 8).0,
            [255, 255, 255, 255],
            "background just above"
        );
        assert_eq!(img.get_pixel(400, bottom - 8).0, [220, 170, 140, 255]);
        // Without a face box the opaque area frames it: the head starts near the top.
        let auto = draw(Shape::Square, Fill::Colors(vec![[255, 255, 255]]), None);
        let first_opaque = (20..800)
            .find(|y| auto.get_pixel(400, *y).0 != [255, 255, 255, 255])
            .unwrap(); // below the 16 px outline
        assert!(
            (40..140).contains(&first_opaque),
            "head top at {first_opaque}"
        );
    }
}
