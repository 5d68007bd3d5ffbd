//! Operational limits: who may read `/metrics`.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn metrics_can_need_a_token_or_live_on_their_own_address() {
    let token = "m".repeat(40);
    let t = token.clone();
    let app = TestApp::spawn_with(move |s| s.metrics_token = Some(t.into())).await;
    let url = format!("{}/metrics", app.base);
    let r = app.client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .get(&url)
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("teamshot_jobs_queue_up 1"));
    app.finish().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let app = TestApp::spawn_with(move |s| s.metrics_listen = Some(listen)).await;
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "not on the public listener"
    );
    let r = app
        .client
        .get(format!("http://{listen}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.finish().await;
}

/// Posts the password form; the answer's status and text.
async fn try_password(app: &TestApp, email: &str, password: &str) -> (StatusCode, String) {
    let c = browser();
    let html = page(&c, &format!("{}/login", app.base)).await;
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf(&html)),
            ("email", email.to_string()),
            ("password", password.to_string()),
        ])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn only_failures_count_and_a_locked_account_still_takes_its_link() {
    let app = TestApp::spawn().await;
    let (email, s) = app.staff_account("qc").await;
    for _ in 0..9 {
        assert_eq!(try_password(&app, &email, "wrong").await.0, StatusCode::OK);
    }
    // The right password is not a failure: one more wrong one is still only
    // the tenth failure, not a lock.
    assert_eq!(
        try_password(&app, &email, &s.password).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(try_password(&app, &email, "wrong").await.0, StatusCode::OK);
    let (status, text) = try_password(&app, &email, "wrong").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        text.contains("use the sign-in link"),
        "the way out is named"
    );
    // Locked, even with the right password; a sign-in link still works.
    assert_eq!(
        try_password(&app, &email, &s.password).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    let link = app.svc.create_login_link(&s.id).await.unwrap();
    signed_in_with_link(&link).await;
    app.finish().await;
}

#[tokio::test]
async fn one_address_cannot_try_many_accounts() {
    let app = TestApp::spawn().await;
    let limit = teamshot::services::sign_in_limits::ADDRESS_ATTEMPTS;
    for n in 0..limit {
        let email = format!("nobody{n}@example.test");
        assert_eq!(try_password(&app, &email, "guess").await.0, StatusCode::OK);
    }
    let (status, text) = try_password(&app, "another@example.test", "guess").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text.contains("from your network"), "{text}");
    app.finish().await;
}
