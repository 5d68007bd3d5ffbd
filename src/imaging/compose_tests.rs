//! Tests of the style engine: shapes, outlines, backgrounds, framing and
//! portrait crops.

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
