//! Inviting: credits, validation, concurrency, listing.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn without_credit_the_invite_is_refused_and_nothing_is_created() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app.invite(&team, "ana@acme.test").await;
    assert_eq!(r.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let p = json(r).await;
    assert!(p["detail"].as_str().unwrap().contains("/team/credits"));
    let list = json(app.get(&team.token, "/headshots").await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    assert_eq!(
        app.pending_jobs().await,
        0,
        "no welcome email for a refused invite"
    );
    app.finish().await;
}

#[tokio::test]
async fn invalid_fields_are_all_reported_and_no_credit_is_taken() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    // Today is 2026-03-02 in Paris: 2026-03-06 is only four days away.
    let r = app
        .post_json(&team.token, "/headshots", json!({"first_name": " ", "last_name": "Silva", "email": "ana@", "due_date": "2026-03-06"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let p = json(r).await;
    let fields: Vec<&str> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert_eq!(fields, ["first_name", "email", "due_date"]);
    assert!(
        p["errors"][2]["message"]
            .as_str()
            .unwrap()
            .contains("2026-03-07")
    );
    let r = app
        .post_json(&team.token, "/headshots", json!({"first_name": "A", "last_name": "B", "email": "a@b.co", "due_date": "03/20/2026"}))
        .await;
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("YYYY-MM-DD")
    );
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 1);
    app.finish().await;
}

#[tokio::test]
async fn malformed_bodies_get_problem_documents() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app
        .client
        .post(app.api("/headshots"))
        .bearer_auth(&team.token)
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .post_json(&team.token, "/headshots", json!({"first_name": "Ana"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("last_name")
    );
    let r = app
        .client
        .post(app.api("/headshots"))
        .bearer_auth(&team.token)
        .body("x")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = app.get(&team.token, "/headshots?section=everything").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.finish().await;
}

#[tokio::test]
async fn one_email_may_hold_several_headshots_and_lists_filter() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    for _ in 0..2 {
        assert_eq!(
            app.invite(&team, "lee@acme.test").await.status(),
            StatusCode::CREATED
        );
    }
    let r = app
        .post_json(&team.token, "/headshots", json!({"first_name": "Bo", "last_name": "Chen", "email": "bo@acme.test", "due_date": "2026-03-20"}))
        .await;
    let bo = json(r).await;
    app.upload(
        &team.token,
        &format!("/headshots/{}/photo", bo["id"].as_str().unwrap()),
        "photo",
        good_photo(),
    )
    .await;
    let all = json(app.get(&team.token, "/headshots").await).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    let found = json(app.get(&team.token, "/headshots?q=CHEN").await).await;
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let waiting = json(
        app.get(&team.token, "/headshots?section=team_members")
            .await,
    )
    .await;
    assert_eq!(waiting["items"].as_array().unwrap().len(), 2);
    let qc = json(
        app.get(&team.token, "/headshots?status=in_quality_check")
            .await,
    )
    .await;
    assert_eq!(qc["items"][0]["member"]["first_name"], "Bo");
    let none = json(app.get(&team.token, "/headshots?q=%25").await).await;
    assert_eq!(
        none["items"].as_array().unwrap().len(),
        0,
        "LIKE wildcards are matched literally"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn deleting_before_upload_returns_the_credit_and_after_upload_is_refused() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let a = json(app.invite(&team, "a@acme.test").await).await;
    let b = json(app.invite(&team, "b@acme.test").await).await;
    let (a, b) = (a["id"].as_str().unwrap(), b["id"].as_str().unwrap());
    app.upload(
        &team.token,
        &format!("/headshots/{b}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    let r = app
        .client
        .delete(app.api(&format!("/headshots/{a}")))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = app
        .client
        .delete(app.api(&format!("/headshots/{b}")))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("support")
    );
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 1);
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let kinds: Vec<&str> = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["grant", "invite", "invite", "refund"]);
    // The deleted member gets no welcome email.
    assert_eq!(app.run_jobs().await, 2);
    let to_members = app
        .emails()
        .await
        .into_iter()
        .filter(|m| m.to == "a@acme.test" || m.to == "b@acme.test")
        .count();
    assert_eq!(to_members, 1);
    app.finish().await;
}

#[tokio::test]
async fn due_dates_can_change_but_stay_five_days_out() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());
    let r = app
        .client
        .patch(app.api(&path))
        .bearer_auth(&team.token)
        .json(&json!({"due_date": "2026-03-03"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .client
        .patch(app.api(&path))
        .bearer_auth(&team.token)
        .json(&json!({"due_date": "2026-04-01"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(r).await["due_date"], "2026-04-01");
    // After the due date without an upload, the headshot is overdue.
    app.clock.set("2026-04-02T12:00:00Z".parse().unwrap());
    assert_eq!(
        json(app.get(&team.token, &path).await).await["overdue"],
        true
    );
    app.run_jobs().await;
    app.finish().await;
}
