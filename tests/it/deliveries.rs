//! Hand-ins that race or come sideways.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn two_deliveries_at_once_one_wins_and_its_files_exist_when_it_reads_delivered() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let id = crate::studio::in_production(&app, &team, &admin, true).await;
    let path = format!("/studio/headshots/{id}/deliver");
    let (r1, r2) = tokio::join!(
        app.upload(&admin, &path, "cutout", cutout_png()),
        app.upload(&admin, &path, "cutout", cutout_png())
    );
    let mut codes = [r1.status(), r2.status()];
    codes.sort();
    assert_eq!(codes, [StatusCode::OK, StatusCode::CONFLICT]);
    // Delivered means the files exist: no job has run yet, and the loser
    // left neither rows nor objects behind.
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["status"], "delivered");
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let files = files.as_array().unwrap();
    assert!(!files.is_empty(), "the winner's files are there at once");
    let sets: Vec<i64> =
        sqlx::query_scalar("SELECT DISTINCT delivery FROM headshot_files WHERE headshot_id = $1")
            .bind(&id)
            .fetch_all(&app.svc.db.pool)
            .await
            .unwrap();
    assert_eq!(sets, [1], "one delivery's files, not two");
    let r = app
        .client
        .get(files[0]["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let dead: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE dead_at IS NOT NULL")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert_eq!(dead, 0, "no job failed for a missing object");
    // One "ready" email for the one delivery.
    app.run_jobs().await;
    assert_eq!(ready_emails(&app).await, 1);
    app.finish().await;
}

/// How many "your headshot is ready" emails were sent.
async fn ready_emails(app: &TestApp) -> usize {
    let mails = app.emails().await;
    mails
        .iter()
        .filter(|m| m.subject.contains("ready for review"))
        .count()
}

/// A finished JPEG whose pixels are stored sideways (red left, blue right)
/// with EXIF Orientation 6: upright, red is on top.
fn sideways_jpeg() -> Vec<u8> {
    use image::ImageEncoder;
    let (w, h) = (1500u32, 1200u32);
    let img = image::RgbImage::from_fn(w, h, |x, _| {
        if x < w / 2 {
            image::Rgb([220, 30, 30])
        } else {
            image::Rgb([30, 30, 220])
        }
    });
    let mut jpeg = Vec::new();
    image::codecs::jpeg::JpegEncoder::new_with_quality(&mut jpeg, 90)
        .write_image(&img, w, h, image::ExtendedColorType::Rgb8)
        .unwrap();
    // APP1 "Exif", a little-endian TIFF header and one IFD entry:
    // Orientation (0x0112), SHORT, count 1, value 6.
    let mut tiff = vec![b'I', b'I', 42, 0, 8, 0, 0, 0, 1, 0];
    tiff.extend_from_slice(&[0x12, 0x01, 3, 0, 1, 0, 0, 0, 6, 0, 0, 0, 0, 0, 0, 0]);
    let mut app1 = b"Exif\0\0".to_vec();
    app1.extend_from_slice(&tiff);
    let len = (app1.len() + 2) as u16;
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1];
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(&app1);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[tokio::test]
async fn a_sideways_jpeg_hand_in_is_delivered_upright() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let id = crate::studio::in_production(&app, &team, &admin, true).await;
    let r = app
        .upload(
            &admin,
            &format!("/studio/headshots/{id}/deliver"),
            "image",
            sideways_jpeg(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let url = files[0]["url"].as_str().unwrap();
    let bytes = app
        .client
        .get(url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap().to_rgb8();
    let band = |y0: u32, y1: u32| {
        let (mut r, mut b) = (0u64, 0u64);
        for y in y0..y1 {
            for x in 0..img.width() {
                let p = img.get_pixel(x, y);
                r += u64::from(p[0]);
                b += u64::from(p[2]);
            }
        }
        (r, b)
    };
    let h = img.height();
    let (top_r, top_b) = band(0, h / 5);
    let (bottom_r, bottom_b) = band(h - h / 5, h);
    assert!(top_r > top_b * 2, "red on top ({top_r} vs {top_b})");
    assert!(
        bottom_b > bottom_r * 2,
        "blue at the bottom ({bottom_b} vs {bottom_r})"
    );
    app.run_jobs().await;
    app.finish().await;
}

/// An earlier version moved a headshot to Delivered at the hand-in and
/// queued a render job for its files: after an upgrade that job still
/// makes them (once) and sends the email.
#[tokio::test]
async fn a_render_queued_by_an_earlier_version_is_finished() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let id = crate::studio::in_production(&app, &team, &admin, true).await;
    let path = format!("/studio/headshots/{id}/deliver");
    let r = app.upload(&admin, &path, "cutout", cutout_png()).await;
    assert_eq!(r.status(), StatusCode::OK);
    // What the earlier version left behind: no files, a render job, no email.
    let pool = &app.svc.db.pool;
    sqlx::query("DELETE FROM jobs").execute(pool).await.unwrap();
    sqlx::query("DELETE FROM headshot_files WHERE headshot_id = $1")
        .bind(&id)
        .execute(pool)
        .await
        .unwrap();
    let (key, kind): (String, String) =
        sqlx::query_as("SELECT retouched_key, retouched_kind FROM headshots WHERE id = $1")
            .bind(&id)
            .fetch_one(pool)
            .await
            .unwrap();
    let job = teamshot::queue::RenderJob {
        headshot_id: id.clone(),
        delivery: 1,
        source_key: key,
        handed: kind,
    };
    let mut tx = app.svc.db.begin().await.unwrap();
    teamshot::queue::enqueue(&mut tx, &job, app.svc.now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    assert_eq!(app.run_jobs().await, 2, "the render, then its email");
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    assert!(!files.as_array().unwrap().is_empty(), "{files}");
    assert_eq!(ready_emails(&app).await, 1);
    app.finish().await;
}
