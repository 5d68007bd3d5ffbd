//! Express teams: a draft whose photo passed the quality check is delivered
//! without a retoucher, then follows the normal path; what needs people
//! (re-edits, photos moved forward past the quality check, headshots a
//! retoucher claimed, teams without Express) stays with people.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::{HeadshotId, HeadshotStatus};
use teamshot::services::express::Express;

async fn express_app() -> (TestApp, Team, String) {
    let app = TestApp::spawn_with(|s| s.cutouts = true).await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    (app, team, admin)
}

async fn set_express(app: &TestApp, admin: &str, team: &Team, on: bool) -> Value {
    let path = format!("/studio/teams/{}/express", team.id);
    let r = app
        .client
        .put(app.api(&path))
        .bearer_auth(admin)
        .json(&json!({"enabled": on}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    json(r).await
}

async fn headshot(app: &TestApp, team: &Team, id: &str) -> Value {
    json(app.get(&team.token, &format!("/headshots/{id}")).await).await
}

#[tokio::test]
async fn an_express_team_gets_its_draft_delivered_when_the_photo_passes_and_re_edits_go_to_people()
{
    let (app, team, admin) = express_app().await;
    assert_eq!(
        set_express(&app, &admin, &team, true).await["express_drafts"],
        true
    );
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    // The pass comes before the draft exists: the delivery waits for it.
    let qc = format!("/studio/headshots/{}/quality-check", m.id);
    let r = app
        .post_json(&admin, &qc, json!({"decision": "pass"}))
        .await;
    assert_eq!(json(r).await["status"], "in_retouching");
    app.run_jobs().await;

    let h = headshot(&app, &team, &m.id).await;
    assert_eq!(h["status"], "delivered", "{h}");
    let delivered = h["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "delivered the headshot")
        .expect("a delivery in the history");
    assert_eq!(delivered["actor"], "Express (automatic cut-out)");
    let mails = app.emails().await;
    assert!(
        mails.iter().any(|e| e.subject.contains("ready for review")),
        "the member is told, as for any delivery"
    );
    let files = json(app.get(&m.secret, "/me/files").await).await;
    assert_eq!(
        files.as_array().unwrap().len(),
        1,
        "the watermarked preview"
    );
    assert_eq!(files[0]["watermarked"], true);

    // The normal path from here: a re-edit, then a person delivers it.
    let r = app
        .post_json(
            &m.secret,
            "/me/re-edit",
            json!({"notes": "Warmer light, please."}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(
        headshot(&app, &team, &m.id).await["status"],
        "re_edit_requested",
        "re-edits are never delivered automatically"
    );
    assert_eq!(
        app.svc
            .express_deliver(&HeadshotId::of(&m.id))
            .await
            .unwrap(),
        Express::NotNow("not waiting for retouching")
    );
    let retoucher = app.staff("retoucher").await;
    let r = app
        .post_json(
            &retoucher,
            &format!("/studio/headshots/{}/deliver", m.id),
            json!({"use_draft": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(
        app.post(&m.secret, "/me/approve").await.status(),
        StatusCode::OK
    );
    app.finish().await;
}

#[tokio::test]
async fn express_leaves_flagged_claimed_and_ordinary_headshots_to_retouchers() {
    let (app, team, admin) = express_app().await;
    let m = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.run_jobs().await; // the draft of the flagged photo
    set_express(&app, &admin, &team, true).await;
    // The leader goes ahead with the photo the quality check flagged.
    let r = app
        .post(&team.token, &format!("/headshots/{}/move-forward", m.id))
        .await;
    assert_eq!(json(r).await["status"], "in_retouching");
    app.run_jobs().await;
    assert_eq!(
        headshot(&app, &team, &m.id).await["status"],
        "in_retouching"
    );
    let id = HeadshotId::of(&m.id);
    assert_eq!(
        app.svc.express_deliver(&id).await.unwrap(),
        Express::NotNow("a leader moved it forward past the quality check")
    );
    let retoucher = app.staff("retoucher").await;
    let r = app
        .post(&retoucher, &format!("/studio/headshots/{}/claim", m.id))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        app.svc.express_deliver(&id).await.unwrap(),
        Express::NotNow("a retoucher claimed it")
    );
    set_express(&app, &admin, &team, false).await;
    assert_eq!(
        app.svc.express_deliver(&id).await.unwrap(),
        Express::NotNow("the team is not an Express team")
    );
    assert_eq!(
        headshot(&app, &team, &m.id).await["status"],
        "in_retouching"
    );
    // Only studio admins choose it.
    let path = format!("/studio/teams/{}/express", team.id);
    for token in [&retoucher, &team.token] {
        let r = app
            .client
            .put(app.api(&path))
            .bearer_auth(token)
            .json(&json!({"enabled": true}))
            .send()
            .await
            .unwrap();
        assert!(
            matches!(r.status(), StatusCode::FORBIDDEN | StatusCode::NOT_FOUND),
            "{}",
            r.status()
        );
    }
    let audit = json(app.get(&admin, "/studio/audit").await).await;
    let said = audit.to_string();
    assert!(said.contains("turned on Express for"), "{said}");
    assert!(said.contains("turned off Express for"), "{said}");
    app.finish().await;
}
