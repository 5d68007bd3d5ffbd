//! Re-edits and the 30-Day Happiness Guarantee, with the test clock: free on
//! days 29 and 30 after delivery, paid on day 31 and after approval.

use crate::helpers::*;
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// A delivered headshot: (id, the member's secret).
pub(crate) async fn delivered(
    app: &TestApp,
    team: &Team,
    admin: &str,
    email: &str,
) -> (String, String) {
    let h = json(app.invite(team, email).await).await;
    let id = h["id"].as_str().unwrap().to_string();
    let member = secret_of(h["member_url"].as_str().unwrap());
    app.upload(
        &team.token,
        &format!("/headshots/{id}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    app.post_json(
        admin,
        &format!("/studio/headshots/{id}/quality-check"),
        json!({"decision": "pass"}),
    )
    .await;
    app.upload(
        admin,
        &format!("/studio/headshots/{id}/deliver"),
        "cutout",
        cutout_png(),
    )
    .await;
    (id, member)
}

pub(crate) async fn re_edit(app: &TestApp, member: &str) -> (StatusCode, Value) {
    let r = app
        .post_json(
            member,
            "/me/re-edit",
            json!({"notes": "Soften the shadow on the left"}),
        )
        .await;
    (r.status(), json(r).await)
}

#[tokio::test]
async fn re_edits_are_free_for_30_days_before_approval_then_paid() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    // This team lets members pay themselves (`spending.rs` tests the
    // leader's approval, the default).
    let r = app
        .patch_json(&team.token, "/team", json!({"members_may_spend": true}))
        .await;
    assert_eq!(json(r).await["members_may_spend"], true);
    app.grant(&team, &admin, 4).await;
    let (_, day29) = delivered(&app, &team, &admin, "a@acme.test").await;
    let (_, day30) = delivered(&app, &team, &admin, "b@acme.test").await;
    let (late_id, day31) = delivered(&app, &team, &admin, "c@acme.test").await;
    let (_, approved) = delivered(&app, &team, &admin, "d@acme.test").await;
    app.run_jobs().await;
    assert_eq!(
        app.post(&approved, "/me/approve").await.status(),
        StatusCode::OK
    );

    // Notes are needed.
    let r = app
        .post_json(&day29, "/me/re-edit", json!({"notes": "  "}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    app.clock.advance(SignedDuration::from_hours(24 * 29));
    let (status, body) = re_edit(&app, &day29).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["payment"], Value::Null, "day 29: free");
    assert_eq!(body["headshot"]["status"], "re_edit_requested");
    assert_eq!(
        body["headshot"]["re_edit_notes"],
        "Soften the shadow on the left"
    );
    let (status, body) = re_edit(&app, &approved).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["payment"]["amount_cents"], 2000, "approved: paid");

    app.clock.advance(SignedDuration::from_hours(24));
    let (_, body) = re_edit(&app, &day30).await;
    assert_eq!(body["payment"], Value::Null, "day 30: free");

    app.clock.advance(SignedDuration::from_hours(24));
    let (_, body) = re_edit(&app, &day31).await;
    assert_eq!(body["payment"]["amount_cents"], 2000, "day 31: paid");
    assert_eq!(
        body["headshot"]["status"], "re_edit_requested",
        "an invoice grants at once"
    );
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let fees: Vec<&Value> = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "fee_re_edit")
        .collect();
    assert_eq!(fees.len(), 2);
    assert!(fees.iter().any(|e| e["headshot_id"] == late_id.as_str()));

    // The retoucher sees the notes with the job, due on the re-edit turnaround.
    let queue = json(app.get(&admin, "/studio/queue?stage=retouching").await).await;
    let job = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == late_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(job["re_edit_notes"], "Soften the shadow on the left");
    assert!(job["retouch_due_at"].as_str().unwrap() > "2026-04-02");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn re_dos_take_a_checked_photo_free_within_30_days_then_paid() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let (free_id, free) = delivered(&app, &team, &admin, "a@acme.test").await;
    let (paid_id, _) = delivered(&app, &team, &admin, "b@acme.test").await;
    app.run_jobs().await;

    // A new photo is checked like any upload; a refused one changes nothing.
    let r = app
        .upload(&free, "/me/redo", "photo", landscape_photo())
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(r).await["errors"][0]["check"], "no_face");

    app.clock.advance(SignedDuration::from_hours(24 * 30));
    let r = app.upload(&free, "/me/redo", "photo", good_photo()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body = json(r).await;
    assert_eq!(body["payment"], Value::Null, "day 30: free");
    assert_eq!(body["headshot"]["status"], "in_quality_check");

    app.clock.advance(SignedDuration::from_hours(24));
    let r = app
        .upload(
            &team.token,
            &format!("/headshots/{paid_id}/redo"),
            "photo",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body = json(r).await;
    assert_eq!(body["payment"]["amount_cents"], 6000, "day 31: $60");
    assert_eq!(
        body["headshot"]["status"], "in_quality_check",
        "granted at once (invoice)"
    );
    let queue = json(app.get(&admin, "/studio/queue?stage=quality_check").await).await;
    let ids: Vec<&str> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&free_id.as_str()) && ids.contains(&paid_id.as_str()));
    app.run_jobs().await;
    app.finish().await;
}
