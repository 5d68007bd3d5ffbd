//! The instant photo checks through the API, on the real test photos and
//! variants made here: every pass case passes, every failure kind is caught
//! with its code and its plain-words message, and nothing is stored for a
//! refused photo.

use crate::helpers::*;
use image::{DynamicImage, ImageEncoder, RgbImage, imageops::FilterType};
use reqwest::StatusCode;

fn portrait() -> RgbImage {
    image::load_from_memory(&good_photo()).unwrap().to_rgb8()
}

fn png(img: &RgbImage) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(
            img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

fn jpeg(img: &RgbImage, quality: u8) -> Vec<u8> {
    let mut out = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, quality)
        .write_image(
            img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    out
}

/// Inserts an EXIF segment holding only `Orientation = o` after the JPEG's
/// start marker (what a phone writes when it stores the pixels sideways).
fn with_orientation(jpeg: &[u8], o: u16) -> Vec<u8> {
    let mut tiff = b"MM\0\x2a\0\0\0\x08\0\x01".to_vec(); // big-endian, IFD at 8, 1 entry
    tiff.extend_from_slice(&[0x01, 0x12, 0x00, 0x03, 0, 0, 0, 1]); // Orientation, SHORT, count 1
    tiff.extend_from_slice(&o.to_be_bytes());
    tiff.extend_from_slice(&[0, 0, 0, 0, 0, 0]); // padding, no next IFD
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = jpeg[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

/// Grain so that large plain areas are not mistaken for a graphic.
fn grainy(w: u32, h: u32) -> RgbImage {
    RgbImage::from_fn(w, h, |x, y| {
        let v = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 11) as u8 % 60;
        image::Rgb([90 + v, 110 + v, 100 + v])
    })
}

/// A running app with an admin, a team and one invited member: the
/// admin's token, the team, the headshot's id and the member's secret.
async fn invited() -> (TestApp, String, Team, String, String) {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap().to_string();
    let member = secret_of(h["member_url"].as_str().unwrap());
    (app, admin, team, id, member)
}

async fn codes(app: &TestApp, member: &str, data: Vec<u8>) -> (StatusCode, Vec<(String, String)>) {
    let r = app.upload(member, "/me/photo", "photo", data).await;
    let status = r.status();
    let body = json(r).await;
    let errors = body["errors"]
        .as_array()
        .map(|a| {
            a.iter()
                .map(|e| {
                    (
                        e["check"].as_str().unwrap_or_default().to_string(),
                        e["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default();
    (status, errors)
}

#[tokio::test]
async fn every_failure_kind_is_caught_in_plain_words() {
    let (app, _, _, _, member) = invited().await;
    let face = portrait();

    let two = {
        let mut canvas = grainy(2560, 1280);
        image::imageops::replace(&mut canvas, &face, 0, 0);
        image::imageops::replace(&mut canvas, &face, 1280, 0);
        canvas
    };
    let small_face = {
        let mut canvas = grainy(2400, 3200);
        // The face is about a tenth of the height: found, but too small.
        let shrunk = image::imageops::resize(&face, 1760, 1760, FilterType::Lanczos3);
        image::imageops::replace(&mut canvas, &shrunk, 320, 200);
        canvas
    };
    let screenshot = {
        // A phone screen (1284×2778) showing the portrait in an app.
        let mut screen = RgbImage::from_pixel(1284, 2778, image::Rgb([246, 246, 248]));
        let shown = image::imageops::resize(&face, 1284, 1284, FilterType::Lanczos3);
        image::imageops::replace(&mut screen, &shown, 0, 500);
        screen
    };
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        (
            "a landscape",
            landscape_photo(),
            "no_face",
            "could not find a face",
        ),
        (
            "two people",
            jpeg(&two, 95),
            "several_faces",
            "more than one face",
        ),
        (
            "a far-away face",
            jpeg(&small_face, 92),
            "face_too_small",
            "Move closer",
        ),
        (
            "a blurred photo",
            png(&image::imageops::blur(&face, 4.0)),
            "blurry",
            "blurry",
        ),
        (
            "an enlarged thumbnail",
            png(&image::imageops::resize(
                &image::load_from_memory(&photo("hopper.jpg"))
                    .unwrap()
                    .to_rgb8(),
                1280,
                1280,
                FilterType::Lanczos3,
            )),
            "blurry",
            "enlarged",
        ),
        (
            "a dark photo",
            png(&DynamicImage::ImageRgb8(face.clone())
                .brighten(-100)
                .to_rgb8()),
            "too_dark",
            "too dark",
        ),
        (
            "an overexposed photo",
            png(&DynamicImage::ImageRgb8(face.clone())
                .brighten(120)
                .to_rgb8()),
            "too_bright",
            "too bright",
        ),
        ("a screenshot", png(&screenshot), "screenshot", "screenshot"),
        (
            "a photo stored sideways without its orientation",
            png(&image::imageops::rotate90(&face)),
            "tilted",
            "sideways",
        ),
    ];
    for (what, data, code, words) in cases {
        assert!(
            data.len() > 600_000,
            "{what} must be large enough to reach the picture checks"
        );
        let (status, errors) = codes(&app, &member, data).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        let hit = errors.iter().find(|(c, _)| c == code);
        assert!(
            hit.is_some_and(|(_, m)| m.contains(words)),
            "{what}: expected {code} ({words}), got {errors:?}"
        );
    }
    let objects = std::fs::read_dir(app.dir.path().join("objects"))
        .map(|d| d.count())
        .unwrap_or(0);
    assert_eq!(objects, 0, "refused photos leave nothing behind");

    // The same portrait stored sideways *with* its EXIF orientation passes.
    let sideways = jpeg(&image::imageops::rotate270(&face), 98);
    let tagged = with_orientation(&sideways, 6);
    assert!(tagged.len() > 600_000, "{} bytes", tagged.len());
    let r = app.upload(&member, "/me/photo", "photo", tagged).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn webp_photos_are_accepted_and_served_to_staff_without_metadata() {
    let (app, admin, _, id, member) = invited().await;
    let face = portrait();
    let mut webp = Vec::new();
    image::codecs::webp::WebPEncoder::new_lossless(&mut webp)
        .encode(
            face.as_raw(),
            face.width(),
            face.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    assert!(webp.len() > 600_000, "{} bytes", webp.len());
    let r = app.upload(&member, "/me/photo", "photo", webp).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let original = app
        .get(&admin, &format!("/studio/headshots/{id}/photo"))
        .await;
    assert_eq!(original.headers()["content-type"], "image/webp");
    let bytes = original.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 1280);
    app.run_jobs().await;
    app.finish().await;
}

/// The EXIF (TIFF) block of a JPEG: camera make and model, GPS position.
pub(crate) fn exif_of(jpeg: &[u8]) -> Vec<u8> {
    let at = jpeg
        .windows(6)
        .position(|w| w == b"Exif\0\0")
        .expect("the photo has EXIF");
    let len = u16::from_be_bytes([jpeg[at - 2], jpeg[at - 1]]) as usize;
    jpeg[at + 6..at - 2 + len].to_vec()
}

/// An iPhone-style HEIC (512 px grid tiles, EXIF with a camera and a GPS
/// position) of the grainy portrait, made by `heifer`'s encoder.
fn heic(img: &RgbImage) -> Vec<u8> {
    let mut grain = img.clone();
    for (x, y, p) in grain.enumerate_pixels_mut() {
        let n = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 13) % 13;
        for c in &mut p.0 {
            *c = c.saturating_add(n as u8).saturating_sub(6);
        }
    }
    let rgba = grain
        .pixels()
        .flat_map(|p| [p[0], p[1], p[2], 255].map(u16::from))
        .collect();
    let image = heifer::Image {
        width: grain.width(),
        height: grain.height(),
        bit_depth: 8,
        has_alpha: false,
        data: rgba,
    };
    let metadata = heifer::Metadata {
        exif: Some(exif_of(&photo("sample1.jpg"))),
        ..Default::default()
    };
    let options = heifer::EncodeOptions {
        quality: 95,
        max_threads: 0,
    };
    heifer::encode_with_metadata(&image, &metadata, &options).unwrap()
}

#[tokio::test]
async fn heic_photos_are_checked_and_kept_as_jpeg_without_location() {
    let (app, admin, team, id, member) = invited().await;
    let face = portrait();
    let good = heic(&face);
    assert!(good.len() > 600_000, "{} bytes", good.len());
    assert!(
        good.windows(4).any(|w| w == b"grid"),
        "tiled like a phone's"
    );

    // Too small, and damaged: refused with their messages, nothing stored.
    let small = heic(&image::imageops::resize(
        &face,
        900,
        900,
        FilterType::Triangle,
    ));
    let (status, errors) = codes(&app, &member, small).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        errors
            .iter()
            .any(|(c, m)| c == "resolution_too_low" && m.contains("900×900")),
        "{errors:?}"
    );
    let (_, errors) = codes(&app, &member, good[..good.len() - 40_000].to_vec()).await;
    assert_eq!(
        errors.iter().map(|(c, _)| c.as_str()).collect::<Vec<_>>(),
        ["unreadable"]
    );
    let still = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(still["status"], "invited", "{still}");

    let r = app.upload(&member, "/me/photo", "photo", good).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );

    // Staff get a JPEG of the full photo, without the GPS position.
    let original = app
        .get(&admin, &format!("/studio/headshots/{id}/photo"))
        .await;
    assert_eq!(original.headers()["content-type"], "image/jpeg");
    let bytes = original.bytes().await.unwrap();
    let back = image::load_from_memory(&bytes).unwrap().to_rgb8();
    assert_eq!(back.dimensions(), (1280, 1280));
    assert!(!bytes.windows(4).any(|w| w == b"Exif"));
    let centre = (back.get_pixel(640, 500), face.get_pixel(640, 500));
    assert!(
        centre
            .0
            .0
            .iter()
            .zip(centre.1.0)
            .all(|(a, b)| a.abs_diff(b) < 20),
        "{centre:?}"
    );
    app.run_jobs().await;
    app.finish().await;
}
