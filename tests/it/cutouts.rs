//! The automatic cut-out: the job after an upload, the draft for the studio
//! (409 until it exists, then the PNG), delivering it in one call, and the
//! member's and leader's previews, a failed job, and the styles shown on a
//! member (the alpha's quality is measured in `imaging::matting`'s tests).

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use teamshot::domain::{HeadshotId, HeadshotStatus};
use teamshot::storage::StorageKey;

async fn spawn_with_cutouts() -> TestApp {
    TestApp::spawn_with(|s| s.cutouts = true).await
}

#[tokio::test]
async fn the_draft_is_a_conflict_until_the_job_has_made_it() {
    let app = spawn_with_cutouts().await;
    let team = app.team().await;
    let qc = app.staff("qc").await;
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let path = format!("/studio/headshots/{}/draft-cutout", m.id);
    let r = app.get(&qc, &path).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let problem = json(r).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("still being made"),
        "{problem}"
    );
    let me = json(app.get(&m.secret, "/me").await).await;
    assert!(me["preview_url"].is_null(), "no preview yet: {me}");
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    assert!(page.contains("A preview is being prepared"), "{page}");
    let of_team = format!("/headshots/{}", m.id);
    assert!(json(app.get(&team.token, &of_team).await).await["preview_url"].is_null());
    app.run_jobs().await;
    // The leader sees it too, from the dashboard's headshot page and the API.
    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    assert!(page.contains("A first look, made automatically"), "{page}");
    let h = json(app.get(&team.token, &of_team).await).await;
    assert!(h["preview_url"].as_str().is_some(), "{h}");
    // The member's preview: the team's style, watermarked, at preview size.
    let me = json(app.get(&m.secret, "/me").await).await;
    let url = me["preview_url"]
        .as_str()
        .expect("a preview once the draft exists");
    let r = app.client.get(url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let preview = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((preview.width(), preview.height()), (800, 800));
    let forged = url.replace("sig=", "sig=0");
    assert_eq!(
        app.client.get(&forged).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let r = app.get(&qc, &path).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/png");
    let png = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert!(png.color().has_alpha());
    let png = png.to_rgba8();
    assert_eq!(png.dimensions(), (1280, 1280), "the photo's full size");
    assert_eq!(png.get_pixel(20, 20)[3], 0, "the corner is background");
    assert_eq!(png.get_pixel(640, 500)[3], 255, "the face is the person");
    // A team's token does not reach studio resources.
    assert_eq!(
        app.get(&team.token, &path).await.status(),
        StatusCode::NOT_FOUND
    );
    app.finish().await;
}

#[tokio::test]
async fn the_retoucher_delivers_the_draft_in_one_call() {
    let app = spawn_with_cutouts().await;
    let team = app.team().await;
    let retoucher = app.staff("retoucher").await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let path = format!("/studio/headshots/{}/deliver", m.id);
    let r = app
        .post_json(&retoucher, &path, json!({"use_draft": true}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "not made yet");
    app.run_jobs().await;
    let r = app
        .post_json(&retoucher, &path, json!({"use_draft": false}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_json(&retoucher, &path, json!({"use_draft": true}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["status"], "delivered");
    // Twice: the second finds the headshot delivered already.
    let r = app
        .post_json(&retoucher, &path, json!({"use_draft": true}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    app.run_jobs().await;
    let files = json(app.get(&m.secret, "/me/files").await).await;
    assert_eq!(
        files.as_array().unwrap().len(),
        1,
        "the watermarked preview"
    );
    app.finish().await;
}

/// Before choosing a default, the team sees one member in each of its
/// styles, made from that member's draft.
#[tokio::test]
async fn a_team_sees_a_member_in_each_of_its_styles() {
    let app = spawn_with_cutouts().await;
    let team = app.team().await;
    let other = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let mut styles = Vec::new();
    for (name, bg, shape) in [
        ("Site", "bg-white", "square"),
        ("Deck", "bg-office", "circle"),
    ] {
        let body = json!({"name": name, "background_id": bg, "shape": shape});
        let r = app.post_json(&team.token, "/styles", body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        styles.push(json(r).await["id"].as_str().unwrap().to_string());
    }
    let sample = |style: &str| format!("/styles/{style}/sample?headshot={}", m.id);
    let r = app.get(&team.token, &sample(&styles[0])).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "no draft yet");
    app.run_jobs().await;

    let mut pictures = Vec::new();
    for style in &styles {
        let r = app.get(&team.token, &sample(style)).await;
        assert_eq!(r.status(), StatusCode::OK);
        assert_eq!(r.headers()["content-type"], "image/jpeg");
        let img = image::load_from_memory(&r.bytes().await.unwrap())
            .unwrap()
            .to_rgb8();
        assert_eq!(img.dimensions(), (360, 360));
        pictures.push(img);
    }
    // The circle style leaves its corners white; the square one is the
    // white background there too, but the office backdrop is not white
    // inside the circle beside the head.
    let corner = |i: &image::RgbImage| i.get_pixel(2, 2).0;
    assert!(
        corner(&pictures[1]).iter().all(|c| *c > 240),
        "circle corner"
    );
    let beside = |i: &image::RgbImage| i.get_pixel(60, 120).0;
    assert_ne!(
        beside(&pictures[0]),
        beside(&pictures[1]),
        "two different styles"
    );
    // Another team learns nothing of this team's styles or members.
    let r = app.get(&other.token, &sample(&styles[0])).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The style page shows them on the member, by name.
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let page = leader.page("/team/style").await;
    assert!(page.contains("See your styles on"), "{page}");
    assert!(page.contains(&format!(
        "/team/style/{}/sample?headshot={}",
        styles[1], m.id
    )));
    app.finish().await;
}

#[tokio::test]
async fn without_automatic_cut_outs_the_manual_path_is_unchanged() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let retoucher = app.staff("retoucher").await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let cutouts: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'cutout'")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert_eq!(cutouts, 0, "no cut-out job");
    let r = app
        .get(
            &retoucher,
            &format!("/studio/headshots/{}/draft-cutout", m.id),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("off on this server")
    );
    let path = format!("/studio/headshots/{}/deliver", m.id);
    let r = app.upload(&retoucher, &path, "cutout", cutout_png()).await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    app.finish().await;
}

/// The cut-out job fails on every try (the stored photo no longer
/// decodes): after its last try the studio card says to cut out by hand,
/// the member's page stops promising a preview, the failure is listed for
/// admins, and the retoucher delivers by hand as without drafts.
#[tokio::test]
async fn a_cut_out_that_keeps_failing_leaves_the_manual_path() {
    let app = spawn_with_cutouts().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    let retoucher = app.staff("retoucher").await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let id = HeadshotId::of(&m.id);
    let h = teamshot::db::headshots::get(&app.svc.db.pool, &id)
        .await
        .unwrap()
        .unwrap();
    let original = StorageKey::Original {
        team_id: h.team_id.clone(),
        headshot_id: id.clone(),
        photo_id: h.photo_id.clone().unwrap(),
    };
    app.svc
        .storage
        .put(
            &original,
            bytes::Bytes::from_static(b"not a photo any more"),
        )
        .await
        .unwrap();
    let draft = format!("/studio/headshots/{}/draft-cutout", m.id);
    let tries = teamshot::queue::JobKind::Cutout.retry().max_attempts();
    for n in 1..=tries {
        app.run_jobs().await;
        let r = app.get(&retoucher, &draft).await;
        assert_eq!(r.status(), StatusCode::CONFLICT);
        let detail = json(r).await["detail"].as_str().unwrap().to_string();
        if n < tries {
            assert!(detail.contains("still being made"), "try {n}: {detail}");
            // The next try is minutes later.
            app.clock.advance(jiff::SignedDuration::from_mins(11));
        } else {
            assert!(
                detail.contains("the automatic cut-out failed. Cut out by hand."),
                "{detail}"
            );
        }
    }
    let me = json(app.get(&m.secret, "/me").await).await;
    assert!(me["preview_url"].is_null(), "{me}");
    let page = crate::helpers::page(&browser(), &format!("{}/m/{}", app.base, m.secret)).await;
    assert!(!page.contains("being prepared"), "no promise of a preview");
    let dead = json(app.get(&admin, "/studio/jobs/dead").await).await;
    assert_eq!(dead["items"][0]["kind"], "cutout", "{dead}");

    let path = format!("/studio/headshots/{}/deliver", m.id);
    let r = app.upload(&retoucher, &path, "cutout", cutout_png()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["status"], "delivered");
    app.run_jobs().await;
    app.finish().await;
}
