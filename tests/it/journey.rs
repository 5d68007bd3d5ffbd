//! One headshot's whole journey through the API.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_headshot_travels_from_invite_to_approved_download() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let retoucher = app.staff("retoucher").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;

    // Invite → one credit used, the welcome email carries the personal link.
    let r = app.invite(&team, "ana@acme.test").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let h = json(r).await;
    let id = h["id"].as_str().unwrap().to_string();
    assert_eq!(h["status"], "invited");
    assert_eq!(h["section"], "team_members");
    let member = secret_of(h["member_url"].as_str().unwrap());
    assert_eq!(app.run_jobs().await, 1);
    let mails = app.emails().await;
    assert_eq!(mails.len(), 1);
    assert_eq!(mails[0].to, "ana@acme.test");
    assert!(mails[0].text.contains(h["member_url"].as_str().unwrap()));
    assert!(mails[0].text.contains("2026-03-16"));
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 1);
    assert_eq!(t["credits"]["used"], 1);

    // The member uploads; QC asks for a new photo; the member is emailed why.
    let r = app
        .upload(&member, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let up = json(r).await;
    assert_eq!(up["status"], "in_quality_check");
    // Uploaded Monday 09:00 → due at the end of Thursday (3 business days).
    assert_eq!(up["retouch_due_at"], "2026-03-05T23:59:59Z");
    let queue = json(app.get(&qc, "/studio/queue?stage=quality_check").await).await;
    assert_eq!(queue["items"][0]["id"], id.as_str());
    assert_eq!(queue["items"][0]["team_id"], team.id.as_str());
    let original = app.get(&qc, &format!("/studio/headshots/{id}/photo")).await;
    assert_eq!(original.status(), StatusCode::OK);
    assert!(original.bytes().await.unwrap().len() > 600_000);
    let r = app
        .post_json(&qc, &format!("/studio/headshots/{id}/quality-check"), json!({"decision": "new_photo", "reasons": ["face_camera", "even_lighting"], "note": "Light from the front, please"}))
        .await;
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
        .unwrap();
    assert!(mail.text.contains("Face the camera") && mail.text.contains("Light from the front"));

    // A new upload goes back to QC, which passes it.
    let r = app
        .upload(&member, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(json(r).await["status"], "in_quality_check");
    let r = app
        .post_json(
            &qc,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "pass"}),
        )
        .await;
    assert_eq!(json(r).await["status"], "in_retouching");

    // The retoucher delivers a cut-out; the member sees only a watermarked preview.
    let queue = json(app.get(&retoucher, "/studio/queue?stage=retouching").await).await;
    assert_eq!(queue["items"][0]["id"], id.as_str());
    let r = app
        .upload(
            &retoucher,
            &format!("/studio/headshots/{id}/deliver"),
            "cutout",
            cutout_png(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["status"], "delivered");
    assert!(
        app.emails()
            .await
            .iter()
            .all(|m| !m.subject.contains("ready")),
        "no email before the files exist"
    );
    assert_eq!(app.run_jobs().await, 2, "the render job, then its email");
    let files = json(app.get(&member, "/me/files").await).await;
    let files = files.as_array().unwrap();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0]["watermarked"], true);
    let preview = app
        .client
        .get(files[0]["url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(preview.status(), StatusCode::OK);
    assert_eq!(preview.headers()["content-type"], "image/jpeg");

    // Approve → the unwatermarked final downloads, re-encoded (no metadata).
    let r = app.post(&member, "/me/approve").await;
    let h = json(r).await;
    assert_eq!(h["status"], "approved");
    assert!(h["approved_at"].is_string());
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let final_file = files
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["watermarked"] == false)
        .unwrap()
        .clone();
    assert_eq!(
        (final_file["width"].as_i64(), final_file["height"].as_i64()),
        (Some(1600), Some(1600)),
        "the largest standard size comes first"
    );
    assert_eq!(final_file["background_id"], "bg-white");
    let bytes = app
        .client
        .get(final_file["url"].as_str().unwrap())
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

    // The audit trail names every actor.
    let detail = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
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

    // The ledger's sum is the balance.
    let balance = teamshot::db::ledger::balance(&app.svc.db.pool, &team.id)
        .await
        .unwrap();
    assert_eq!(balance, 1);
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
