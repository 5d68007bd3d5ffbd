//! Illegal moves are refused with 409 and a reason; photos are checked.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn moves_out_of_order_are_refused_with_the_reason() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    let member = secret_of(h["member_url"].as_str().unwrap());

    let r = app.post(&member, "/me/approve").await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let p = json(r).await;
    assert_eq!(p["type"], "/problems/conflict");
    assert!(p["detail"].as_str().unwrap().contains("Invited"));
    let r = app
        .upload(
            &admin,
            &format!("/studio/headshots/{id}/deliver"),
            "image",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "deliver before QC");
    let r = app
        .post(&team.token, &format!("/headshots/{id}/move-forward"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = app
        .post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "pass"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "QC before upload");

    // Walk to approved, then try to upload again.
    app.upload(&member, "/me/photo", "photo", good_photo())
        .await;
    app.post_json(
        &admin,
        &format!("/studio/headshots/{id}/quality-check"),
        json!({"decision": "pass"}),
    )
    .await;
    app.upload(
        &admin,
        &format!("/studio/headshots/{id}/deliver"),
        "image",
        good_photo(),
    )
    .await;
    assert_eq!(
        app.post(&member, "/me/approve").await.status(),
        StatusCode::OK
    );
    let r = app.post(&member, "/me/approve").await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "approve twice");
    let r = app
        .upload(&member, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "upload after approval");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn bad_photos_are_refused_with_every_failed_check_and_nothing_stored() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let member = secret_of(h["member_url"].as_str().unwrap());

    let r = app
        .upload(&member, "/me/photo", "photo", photo("hopper.jpg"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let p = json(r).await;
    let checks: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["check"].as_str().unwrap())
        .collect();
    assert_eq!(checks, ["file_too_small", "resolution_too_low"]);

    let r = app
        .upload(&member, "/me/photo", "photo", vec![b'a'; 700_000])
        .await;
    assert_eq!(json(r).await["errors"][0]["check"], "unsupported_format");

    let mut truncated = good_photo();
    truncated.truncate(1_000);
    let r = app.upload(&member, "/me/photo", "photo", truncated).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = app
        .upload(&member, "/me/photo", "selfie", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("photo")
    );

    let me = json(app.get(&member, "/me").await).await;
    assert_eq!(me["headshot"]["status"], "invited");
    assert_eq!(me["requirements"]["min_shortest_side"], 1200);
    let objects = walk(&app.dir.path().join("objects"));
    assert!(
        objects.is_empty(),
        "rejected uploads leave no files: {objects:?}"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn uploads_over_the_byte_limit_are_refused() {
    let app = TestApp::spawn_with(|s| s.photo.max_upload_bytes = 2_000_000).await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let member = secret_of(h["member_url"].as_str().unwrap());
    let r = app
        .upload(&member, "/me/photo", "photo", landscape_photo())
        .await;
    assert_eq!(
        r.status(),
        StatusCode::PAYLOAD_TOO_LARGE,
        "4.9 MB over a 2 MB limit"
    );
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    // The message names the real limit (it once said "the 0 MB limit").
    let body = json(r).await;
    let detail = body["detail"].as_str().unwrap();
    assert!(detail.contains("larger than the 2 MB limit"), "{body}");
    app.run_jobs().await;
    app.finish().await;
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for e in rd.flatten() {
            if e.path().is_dir() {
                out.extend(walk(&e.path()));
            } else {
                out.push(e.path());
            }
        }
    }
    out
}

#[tokio::test]
async fn wrong_kinds_of_request_get_problem_documents() {
    let app = TestApp::spawn().await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    let r = app.get(&qc, "/studio/queue").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert!(json(r).await["detail"].as_str().unwrap().contains("stage"));
    let r = app
        .post_json(&team.token, "/headshots/x/photo", json!({"photo": "no"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .client
        .put(app.api("/team"))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    app.finish().await;
}
