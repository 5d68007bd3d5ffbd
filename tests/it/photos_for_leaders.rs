//! Leaders (and members) see the uploaded photo at a useful size: upright,
//! at most 1024 px, re-encoded without the camera's metadata, behind its own
//! signed link — never the original.

use crate::helpers::*;
use image::ImageEncoder;
use reqwest::StatusCode;
use teamshot::domain::{HeadshotId, TeamId};
use teamshot::storage::StorageKey;

/// The portrait as a camera JPEG: grain (so it passes the size check) and
/// the EXIF block of a real camera photo, with its GPS position.
pub(crate) fn camera_jpeg_with_location() -> Vec<u8> {
    let mut img = image::load_from_memory(&good_photo()).unwrap().to_rgb8();
    for (x, y, p) in img.enumerate_pixels_mut() {
        let n = ((x.wrapping_mul(2_654_435_761) ^ y.wrapping_mul(40_503)) >> 13) % 13;
        for c in &mut p.0 {
            *c = c.saturating_add(n as u8).saturating_sub(6);
        }
    }
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 98)
        .write_image(
            &img,
            img.width(),
            img.height(),
            image::ExtendedColorType::Rgb8,
        )
        .unwrap();
    let tiff = crate::photo_checks::exif_of(&photo("sample1.jpg"));
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&((app1.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    assert!(out.len() > 600_000, "{} bytes", out.len());
    out
}

#[tokio::test]
async fn leaders_see_the_photo_and_its_checks_without_its_location() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let id = h["id"].as_str().unwrap().to_string();
    assert!(h["photo_url"].is_null(), "no photo yet: {h}");
    let member = secret_of(h["member_url"].as_str().unwrap());
    let original = camera_jpeg_with_location();
    assert!(original.windows(4).any(|w| w == b"Exif"));
    let r = app.upload(&member, "/me/photo", "photo", original).await;
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );

    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["photo"]["width"], 1280, "{h}");
    assert_eq!(h["photo"]["checks"]["faces"], 1, "{h}");
    let url = h["photo_url"].as_str().expect("a photo link").to_string();
    let shown = |url: String| {
        let c = app.client.clone();
        async move {
            let r = c.get(&url).send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{url}");
            assert_eq!(r.headers()["content-type"], "image/jpeg");
            r.bytes().await.unwrap()
        }
    };
    let bytes = shown(url.clone()).await;
    assert!(
        !bytes.windows(4).any(|w| w == b"Exif"),
        "no metadata, no GPS"
    );
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (1024, 1024));
    // The member sees the same picture of their own photo.
    let me = json(app.get(&member, "/me").await).await;
    assert!(me["headshot"]["photo_url"].as_str().is_some(), "{me}");

    // The link is signed for this picture: tampered, or a thumbnail's
    // signature on the photo's path, it shows nothing.
    let tampered = format!("{}0", url.trim_end_matches(|c: char| c != '='));
    assert_eq!(
        app.client.get(&tampered).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let thumb = h["thumbnail_url"]
        .as_str()
        .unwrap()
        .replace("/thumbs/", "/photos/");
    assert_eq!(
        app.client.get(&thumb).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // A photo stored before display copies existed gets one on first view.
    let row: (String, String) =
        sqlx::query_as("SELECT team_id, photo_id FROM headshots WHERE id = $1")
            .bind(&id)
            .fetch_one(&app.svc.db.pool)
            .await
            .unwrap();
    let key = StorageKey::Display {
        team_id: TeamId::of(&row.0),
        headshot_id: HeadshotId::of(&id),
        photo_id: row.1,
    };
    app.svc.storage.delete(&key).await;
    assert!(app.svc.storage.get_opt(&key).await.unwrap().is_none());
    let again = shown(url.clone()).await;
    assert!(!again.windows(4).any(|w| w == b"Exif"));
    assert_eq!(image::load_from_memory(&again).unwrap().width(), 1024);
    assert!(
        app.svc.storage.get_opt(&key).await.unwrap().is_some(),
        "kept"
    );

    // The leader's page shows the photo large, with what the checks measured.
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let page = leader.page(&format!("/team/headshots/{id}")).await;
    let path = url
        .split("/photos/")
        .nth(1)
        .unwrap()
        .split('?')
        .next()
        .unwrap();
    assert!(page.contains(&format!("/photos/{path}")), "{page}");
    assert!(page.contains("class=\"photo-large\""), "{page}");
    assert!(page.contains("Instant checks"), "{page}");
    // The dashboard's thumbnail leads to it.
    let dashboard = leader.page("/team").await;
    assert!(
        dashboard.contains(&format!("/team/headshots/{id}#photo")),
        "{dashboard}"
    );
    app.run_jobs().await;
    app.finish().await;
}

/// A new photo was requested: the leader decides on *Move forward* with the
/// photo and the reasons in front of them; once delivered, the photo and the
/// retouched result sit side by side.
#[tokio::test]
async fn move_forward_is_decided_looking_at_the_photo_and_results_sit_beside_it() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app
        .headshot_at(&team, teamshot::domain::HeadshotStatus::NewPhotoRequested)
        .await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    let photo = page
        .find("class=\"photo-large\"")
        .expect("the photo is shown");
    let reasons = page.find("asked for a new photo").expect("the reasons");
    let button = page
        .find("Move forward with this photo")
        .expect("the button");
    assert!(
        photo < reasons && reasons < button,
        "photo, reasons, then the decision"
    );

    let m = app
        .headshot_at(&team, teamshot::domain::HeadshotStatus::Delivered)
        .await;
    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    let compare = &page[page.find("class=\"compare\"").expect("side by side")..];
    let compare = &compare[..compare.find("</div>").unwrap()];
    assert!(compare.contains("Original photo"), "{compare}");
    assert!(
        compare.contains("Retouched (watermarked until approved)"),
        "{compare}"
    );
    app.run_jobs().await;
    app.finish().await;
}
