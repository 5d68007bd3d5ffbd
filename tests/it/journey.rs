//! A headshot's journey through the API, one step per test.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::HeadshotStatus;

/// The headshot's API view.
async fn headshot(app: &TestApp, team: &Team, id: &str) -> Value {
    json(app.get(&team.token, &format!("/headshots/{id}")).await).await
}

#[tokio::test]
async fn an_invite_spends_a_credit_and_emails_the_personal_link() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let r = app.invite(&team, "ana@acme.test").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let h = json(r).await;
    assert_eq!(h["status"], "invited");
    assert_eq!(h["section"], "team_members");
    assert_eq!(app.run_jobs().await, 1);
    let mails = app.emails_to("ana@acme.test").await;
    assert_eq!(mails.len(), 1);
    assert!(mails[0].text.contains(h["member_url"].as_str().unwrap()));
    assert!(
        mails[0].text.contains("Mon 16 Mar"),
        "the due date, in words"
    );
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 1);
    assert_eq!(t["credits"]["used"], 1);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn an_upload_waits_for_quality_check_and_is_due_three_business_days_later() {
    let app = TestApp::spawn().await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    let m = app
        .headshot_at(&team, HeadshotStatus::TutorialStarted)
        .await;
    let r = app
        .upload(&m.secret, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let up = json(r).await;
    assert_eq!(up["status"], "in_quality_check");
    // Uploaded Monday 09:00 → due at the end of Thursday (3 business days).
    assert_eq!(up["retouch_due_at"], "2026-03-05T23:59:59Z");
    let queue = json(app.get(&qc, "/studio/queue?stage=quality_check").await).await;
    assert_eq!(queue["items"][0]["id"], m.id.as_str());
    assert_eq!(queue["items"][0]["team_id"], team.id.as_str());
    let original = app
        .get(&qc, &format!("/studio/headshots/{}/photo", m.id))
        .await;
    assert_eq!(original.status(), StatusCode::OK);
    assert!(original.bytes().await.unwrap().len() > 600_000);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_new_photo_request_tells_the_member_why() {
    let app = TestApp::spawn().await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    app.run_jobs().await;
    let decision = json!({"decision": "new_photo", "reasons": ["face_camera", "even_lighting"], "note": "Light from the front, please"});
    let path = format!("/studio/headshots/{}/quality-check", m.id);
    let r = app.post_json(&qc, &path, decision).await;
    assert_eq!(r.status(), StatusCode::OK);
    let h = json(r).await;
    assert_eq!(h["status"], "new_photo_requested");
    assert_eq!(h["section"], "new_photo_requested");
    assert_eq!(
        h["qc_reasons"][0],
        json!({"code": "face_camera", "label": "Face the camera"})
    );
    assert_eq!(app.run_jobs().await, 1);
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.contains("new photo"))
        .expect("the member is emailed");
    assert!(mail.text.contains("Face the camera") && mail.text.contains("Light from the front"));
    let r = app
        .upload(&m.secret, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(json(r).await["status"], "in_quality_check", "back to QC");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_delivery_is_announced_only_once_its_watermarked_preview_exists() {
    let app = TestApp::spawn().await;
    let retoucher = app.staff("retoucher").await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    app.run_jobs().await;
    let queue = json(app.get(&retoucher, "/studio/queue?stage=retouching").await).await;
    assert_eq!(queue["items"][0]["id"], m.id.as_str());
    let path = format!("/studio/headshots/{}/deliver", m.id);
    let r = app.upload(&retoucher, &path, "cutout", cutout_png()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["status"], "delivered");
    // (Not the team's welcome to its leader, sent at its creation.)
    let ready = |mails: Vec<teamshot::email::outbox::OutboxEntry>| {
        mails
            .iter()
            .any(|m| m.subject.contains("ready") && !m.text.contains("/login/link/"))
    };
    // Delivered means its files exist: the member can see them at once,
    // and the email goes out with the next job.
    assert!(!ready(app.emails().await), "the email is sent by a job");
    let files = json(app.get(&m.secret, "/me/files").await).await;
    assert_eq!(files.as_array().unwrap().len(), 1, "{files}");
    assert_eq!(app.run_jobs().await, 1, "the email");
    assert!(ready(app.emails().await));
    let files = json(app.get(&m.secret, "/me/files").await).await;
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["watermarked"], true);
    let url = files[0]["url"].as_str().unwrap();
    let preview = app.client.get(url).send().await.unwrap();
    assert_eq!(preview.status(), StatusCode::OK);
    assert_eq!(preview.headers()["content-type"], "image/jpeg");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn approval_unlocks_the_final_in_the_style_without_metadata() {
    let app = TestApp::spawn().await;
    let retoucher = app.staff("retoucher").await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let path = format!("/studio/headshots/{}/deliver", m.id);
    app.upload(&retoucher, &path, "cutout", cutout_png()).await;
    app.run_jobs().await;
    let h = json(app.post(&m.secret, "/me/approve").await).await;
    assert_eq!(h["status"], "approved");
    assert!(h["approved_at"].is_string());
    let files = app
        .get(&team.token, &format!("/headshots/{}/files", m.id))
        .await;
    let files = json(files).await;
    let final_file = files
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["watermarked"] == false)
        .expect("an unwatermarked final")
        .clone();
    assert_eq!(
        (final_file["width"].as_i64(), final_file["height"].as_i64()),
        (Some(1600), Some(1600)),
        "the largest standard size comes first"
    );
    assert_eq!(final_file["background_id"], "bg-white");
    let url = final_file["url"].as_str().unwrap();
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
    assert_eq!(img.dimensions(), (1600, 1600));
    assert!(
        img.get_pixel(10, 10).0.iter().all(|c| *c > 240),
        "around the cut-out: the style's white background"
    );
    let subject = img.get_pixel(800, 1200).0;
    assert!(
        subject[0] > 160 && subject[2] < 110,
        "the cut-out is framed in the middle: {subject:?}"
    );
    assert!(!bytes.windows(4).any(|w| w == b"Exif"));
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_audit_trail_names_every_step_and_the_ledger_sums_to_the_balance() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let m = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.upload(&m.secret, "/me/photo", "photo", good_photo())
        .await;
    let qc = format!("/studio/headshots/{}/quality-check", m.id);
    app.post_json(&admin, &qc, json!({"decision": "pass"}))
        .await;
    let deliver = format!("/studio/headshots/{}/deliver", m.id);
    app.upload(&admin, &deliver, "cutout", cutout_png()).await;
    app.run_jobs().await;
    app.post(&m.secret, "/me/approve").await;
    let detail = headshot(&app, &team, &m.id).await;
    let actions: Vec<&str> = detail["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        actions,
        [
            "invited",
            "uploaded a photo",
            "requested a new photo",
            "uploaded a photo",
            "passed the quality check",
            "delivered the headshot",
            "approved"
        ]
    );
    // One credit granted, one spent.
    let balance = teamshot::db::ledger::balance(&app.svc.db.pool, &team.id)
        .await
        .unwrap();
    assert_eq!(balance, 0);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_leader_can_move_forward_and_approve_for_the_member() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "noemail@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    // Upload on the member's behalf (a member without email).
    let r = app
        .upload(
            &team.token,
            &format!("/headshots/{id}/photo"),
            "photo",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Admin may do what QC and retouchers do.
    let r = app
        .post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "new_photo", "reasons": ["other"], "note": "Cropped chin"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post(&team.token, &format!("/headshots/{id}/move-forward"))
        .await;
    assert_eq!(json(r).await["status"], "in_retouching");
    let r = app
        .upload(
            &admin,
            &format!("/studio/headshots/{id}/deliver"),
            "image",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // Before approval, the team sees no final file either.
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    assert!(
        files
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["watermarked"] == true)
    );
    let r = app
        .post(&team.token, &format!("/headshots/{id}/approve"))
        .await;
    assert_eq!(json(r).await["status"], "approved");
    let detail = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    let events = detail["events"].as_array().unwrap();
    assert!(
        events
            .iter()
            .any(|e| e["action"] == "moved forward despite the quality check"
                && e["actor"] == "leader via API token")
    );
    app.run_jobs().await;
    app.finish().await;
}
