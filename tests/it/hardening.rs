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
