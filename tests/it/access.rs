//! Tokens act only within their scope: 401 without one, 404 outside it.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn tokens_stay_in_their_scope() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let success = app.staff("success").await;
    let a = app.team().await;
    let b = app.team().await;
    app.grant(&a, &admin, 2).await;
    let h1 = json(app.invite(&a, "one@acme.test").await).await;
    let h2 = json(app.invite(&a, "two@acme.test").await).await;
    let id1 = h1["id"].as_str().unwrap();
    let m2 = secret_of(h2["member_url"].as_str().unwrap());

    assert_eq!(
        app.client
            .get(app.api("/team"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        app.get("not-a-token", "/team").await.status(),
        StatusCode::UNAUTHORIZED
    );
    // Another team's token: the headshot does not exist for it.
    assert_eq!(
        app.get(&b.token, &format!("/headshots/{id1}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.post(&b.token, &format!("/headshots/{id1}/approve"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Another member's link: same.
    assert_eq!(
        app.get(&m2, &format!("/headshots/{id1}")).await.status(),
        StatusCode::NOT_FOUND
    );
    // A member cannot act as the studio, nor staff as a team.
    assert_eq!(
        app.get(&m2, "/studio/queue?stage=quality_check")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(app.get(&qc, "/team").await.status(), StatusCode::NOT_FOUND);
    // Staff roles.
    assert_eq!(
        app.get(&success, "/studio/queue?stage=quality_check")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.get(&qc, "/studio/queue?stage=retouching")
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .post_json(
            &qc,
            &format!("/studio/teams/{}/credits", a.id),
            json!({"quantity": 5}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_json(
            &admin,
            "/studio/teams/no-such-team/credits",
            json!({"quantity": 5}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_json(
            &admin,
            &format!("/studio/teams/{}/credits", a.id),
            json!({"quantity": 0}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn studio_admins_create_teams_through_the_api() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let body = json!({"name": "Globex", "leader_email": "hank@globex.test", "leader_name": "Hank", "timezone": "America/Chicago"});
    let r = app.post_json(&admin, "/studio/teams", body.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let t = json(r).await;
    for k in ["team_id", "api_token", "leader_login_url", "share_url"] {
        assert!(t[k].is_string(), "{k}");
    }
    let team = json(app.get(t["api_token"].as_str().unwrap(), "/team").await).await;
    assert_eq!(team["timezone"], "America/Chicago");
    assert_eq!(team["unit_price_cents"], 6000);
    // The same leader and name again: a form sent twice, refused.
    let r = app.post_json(&admin, "/studio/teams", body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["name"]);
    let r = app
        .post_json(
            &admin,
            "/studio/teams",
            json!({"name": "", "leader_email": "x", "leader_name": "", "timezone": "Nowhere/City"}),
        )
        .await;
    assert_eq!(json(r).await["errors"].as_array().unwrap().len(), 4);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn file_links_are_signed_and_expire() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    app.upload(
        &team.token,
        &format!("/headshots/{id}/photo"),
        "photo",
        good_photo(),
    )
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
    app.run_jobs().await;
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let url = files[0]["url"].as_str().unwrap().to_string();
    assert_eq!(
        app.client.get(&url).send().await.unwrap().status(),
        StatusCode::OK
    );
    let tampered = url.replace("sig=", "sig=x");
    assert_eq!(
        app.client.get(&tampered).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    app.clock.advance(jiff::SignedDuration::from_hours(2));
    assert_eq!(
        app.client.get(&url).send().await.unwrap().status(),
        StatusCode::FORBIDDEN
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn health_and_openapi_are_served() {
    let app = TestApp::spawn().await;
    let r = app
        .client
        .get(format!("{}/healthz", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc = json(
        app.client
            .get(format!("{}/api/openapi.json", app.base))
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/api/v1/headshots",
        "/api/v1/me/photo",
        "/api/v1/studio/headshots/{id}/deliver",
        "/api/v1/studio/teams/{id}/credits",
    ] {
        assert!(
            doc["paths"][path].is_object(),
            "{path} missing from the OpenAPI document"
        );
    }
    assert!(doc["components"]["schemas"]["Headshot"].is_object());
    let r = app
        .client
        .get(app.api("/no/such/thing"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    app.finish().await;
}

#[tokio::test]
async fn unsigned_file_links_get_a_problem_document() {
    let app = TestApp::spawn().await;
    for path in [
        "/files/x",
        "/thumbs/a/b/c",
        "/photos/a/b/c",
        "/photos/a/b/c?exp=1&sig=nope",
        "/files/x?exp=1&sig=nope",
    ] {
        let r = app
            .client
            .get(format!("{}{path}", app.base))
            .send()
            .await
            .unwrap();
        assert!(r.status().is_client_error(), "{path}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{path}"
        );
    }
    app.finish().await;
}
