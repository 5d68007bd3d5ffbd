//! Outgoing webhooks against a real HTTP receiver: the signature checked
//! with the recipe in API.md (HMAC-SHA256 with the endpoint's secret over
//! `<timestamp>.<raw body>`), retries keeping the event id, the delivery
//! log, and the events a headshot's life and a low balance send.

use crate::helpers::*;
use crate::studio::in_production;
use axum::http::{HeaderMap, StatusCode as AxumStatus};
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Sha256;
use std::sync::{Arc, Mutex};

#[derive(Clone, Debug)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: String,
}

/// A receiver on a real socket: records every request and answers with the
/// next status in `answers` (then 200).
pub struct Receiver {
    pub url: String,
    got: Arc<Mutex<Vec<Received>>>,
}

impl Receiver {
    pub async fn start(answers: Vec<u16>) -> Self {
        let got: Arc<Mutex<Vec<Received>>> = Arc::default();
        let answers = Arc::new(Mutex::new(answers));
        let record = got.clone();
        let app = axum::Router::new().route(
            "/hook",
            axum::routing::post(move |headers: HeaderMap, body: String| {
                let record = record.clone();
                let answers = answers.clone();
                async move {
                    record.lock().unwrap().push(Received { headers, body });
                    let mut a = answers.lock().unwrap();
                    let code = if a.is_empty() { 200 } else { a.remove(0) };
                    AxumStatus::from_u16(code).unwrap()
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/hook", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, got }
    }

    pub fn events(&self) -> Vec<Received> {
        self.got.lock().unwrap().clone()
    }
}

/// The documented check, written independently of the server's code.
fn verify(secret: &str, r: &Received) -> Value {
    let header = |n: &str| r.headers[n].to_str().unwrap().to_string();
    let timestamp = header("x-teamshot-timestamp");
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).unwrap();
    mac.update(format!("{timestamp}.{}", r.body).as_bytes());
    let expected = format!("v1={}", hex::encode(mac.finalize().into_bytes()));
    assert_eq!(header("x-teamshot-signature"), expected, "signature");
    let body: Value = serde_json::from_str(&r.body).unwrap();
    assert_eq!(header("x-teamshot-event"), body["type"]);
    assert_eq!(header("x-teamshot-delivery"), body["id"]);
    assert_eq!(r.headers["content-type"], "application/json");
    body
}

async fn allow_local() -> TestApp {
    TestApp::spawn_with(|s| s.webhook_allow_private = true).await
}

#[tokio::test]
async fn signed_events_follow_a_headshot_and_retries_keep_the_event_id() {
    let app = allow_local().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 10).await;
    let receiver = Receiver::start(vec![500]).await;
    let r = app
        .post_json(
            &team.token,
            "/webhooks",
            json!({"url": receiver.url, "events": ["headshot.status_changed", "headshot.delivered", "headshot.approved"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let hook = json(r).await;
    let secret = hook["secret"].as_str().unwrap().to_string();
    assert!(secret.len() >= 43, "256-bit secret");
    let hook_id = hook["id"].as_str().unwrap().to_string();

    // Upload, then a pass at QC: two moves.
    let id = in_production(&app, &team, &admin, true).await;
    app.run_jobs().await;
    let first = receiver.events();
    assert_eq!(first.len(), 2, "{first:?}");
    let failed = verify(&secret, &first[0]);
    assert_eq!(failed["type"], "headshot.status_changed");
    assert_eq!(failed["data"]["id"], id.as_str());
    assert_eq!(failed["data"]["previous_status"], "invited");
    assert_eq!(failed["data"]["status"], "in_quality_check");

    // The endpoint answered 500 to the first: it comes again after a
    // minute, with the same event id and a fresh signature.
    app.run_jobs().await;
    assert_eq!(receiver.events().len(), 2, "not before its time");
    app.clock.advance(jiff::SignedDuration::from_secs(61));
    app.run_jobs().await;
    let again = receiver.events()[2].clone();
    let again_body = verify(&secret, &again);
    assert_eq!(again_body["id"], failed["id"]);
    assert_eq!(again.body, first[0].body, "the same bytes");
    let passed = verify(&secret, &first[1]);
    assert_eq!(passed["data"]["status"], "in_retouching");

    let log = json(
        app.get(&team.token, &format!("/webhooks/{hook_id}/deliveries"))
            .await,
    )
    .await;
    let attempts: Vec<(i64, bool)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["event_id"] == failed["id"])
        .map(|d| (d["attempt"].as_i64().unwrap(), d["ok"].as_bool().unwrap()))
        .collect();
    assert_eq!(attempts, [(2, true), (1, false)], "{log}");

    // Delivered (once the files exist) and approved.
    app.upload(
        &admin,
        &format!("/studio/headshots/{id}/deliver"),
        "cutout",
        cutout_png(),
    )
    .await;
    app.run_jobs().await;
    app.run_jobs().await;
    app.post(&team.token, &format!("/headshots/{id}/approve"))
        .await;
    app.run_jobs().await;
    let types: Vec<String> = receiver.events()[3..]
        .iter()
        .map(|r| verify(&secret, r)["type"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        types,
        [
            "headshot.status_changed",
            "headshot.delivered",
            "headshot.status_changed",
            "headshot.approved"
        ]
    );

    // A deleted endpoint hears nothing more.
    let r = app
        .client
        .delete(app.api(&format!("/webhooks/{hook_id}")))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    in_production(&app, &team, &admin, false).await;
    app.run_jobs().await;
    assert_eq!(receiver.events().len(), 7);
    app.finish().await;
}

#[tokio::test]
async fn low_credits_are_announced_once_and_bad_endpoints_named() {
    let app = allow_local().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 4).await;
    let receiver = Receiver::start(vec![]).await;
    for (body, field) in [
        (
            json!({"url": "not a url", "events": ["credits.low"]}),
            "url",
        ),
        (
            json!({"url": receiver.url, "events": ["credits.gone"]}),
            "events",
        ),
        (json!({"url": receiver.url, "events": []}), "events"),
    ] {
        let r = app.post_json(&team.token, "/webhooks", body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem = json(r).await;
        assert_eq!(problem["errors"][0]["field"], field, "{problem}");
    }
    let hook = json(
        app.post_json(
            &team.token,
            "/webhooks",
            json!({"url": receiver.url, "events": ["credits.low"]}),
        )
        .await,
    )
    .await;
    // At most ten endpoints per team, and the eleventh says so.
    for n in 1..10 {
        let url = format!("https://hooks.example.com/{n}");
        let body = json!({"url": url, "events": ["headshot.approved"]});
        let r = app.post_json(&team.token, "/webhooks", body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let body = json!({"url": "https://hooks.example.com/11", "events": ["credits.low"]});
    let r = app.post_json(&team.token, "/webhooks", body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("at most 10 endpoints")
    );
    // 4 → 3 → 2 (below 3: announced) → 1 (already announced).
    for n in 0..3 {
        app.invite(&team, &format!("m{n}@acme.test")).await;
    }
    app.run_jobs().await;
    let got = receiver.events();
    assert_eq!(got.len(), 1, "{got:?}");
    let body = verify(hook["secret"].as_str().unwrap(), &got[0]);
    assert_eq!(body["type"], "credits.low");
    assert_eq!(body["data"]["credits_available"], 2);
    app.finish().await;
}

#[tokio::test]
async fn endpoints_on_private_addresses_are_refused_by_default() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let receiver = Receiver::start(vec![]).await;
    let hook = json(
        app.post_json(
            &team.token,
            "/webhooks",
            json!({"url": receiver.url, "events": ["headshot.status_changed"]}),
        )
        .await,
    )
    .await;
    in_production(&app, &team, &admin, false).await;
    app.run_jobs().await;
    assert!(receiver.events().is_empty());
    let log = json(
        app.get(
            &team.token,
            &format!("/webhooks/{}/deliveries", hook["id"].as_str().unwrap()),
        )
        .await,
    )
    .await;
    let error = log["items"][0]["error"].as_str().unwrap_or_default();
    assert!(error.contains("private address"), "{log}");
    // Retried on the schedule (1 min … 6 h), then given up after six tries.
    for _ in 0..6 {
        app.clock.advance(jiff::SignedDuration::from_hours(7));
        app.run_jobs().await;
    }
    let log = json(
        app.get(
            &team.token,
            &format!("/webhooks/{}/deliveries", hook["id"].as_str().unwrap()),
        )
        .await,
    )
    .await;
    assert_eq!(log["items"].as_array().unwrap().len(), 6, "{log}");
    assert!(receiver.events().is_empty());
    app.finish().await;
}

#[tokio::test]
async fn signed_in_leaders_manage_endpoints_on_a_page_and_link_holders_cannot() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let holder = browser();
    let r = holder
        .get(format!("{}/webhooks", team.share_url))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::FORBIDDEN,
        "secrets stay with accountable leaders"
    );

    let leader = signed_in_with_link(&team.login_url).await;
    let url = format!("{}/team/webhooks", app.base);
    let html = page(&leader, &url).await;
    assert!(html.contains("<label for=\"wh-url\">Address</label>"));
    let token = csrf(&html);
    let bad = leader
        .post(&url)
        .form(&[
            ("csrf", token.as_str()),
            ("url", "hooks.example.com"),
            ("events", "credits.low"),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        bad.contains("starting with https://"),
        "the field's problem is named"
    );
    assert!(
        bad.contains("value=\"hooks.example.com\""),
        "what was typed is kept"
    );
    let good = leader
        .post(&url)
        .form(&[
            ("csrf", token.as_str()),
            ("url", "https://hooks.example.com/teamshot"),
            ("events", "credits.low"),
            ("events", "headshot.approved"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(good.status(), StatusCode::SEE_OTHER);
    let good = page(&leader, &format!("{url}?added=1")).await;
    assert!(good.contains("Endpoint added"));
    let listed = json(app.get(&team.token, "/webhooks").await).await;
    let hook = &listed["items"][0];
    assert_eq!(hook["url"], "https://hooks.example.com/teamshot");
    assert_eq!(hook["events"], json!(["credits.low", "headshot.approved"]));
    assert!(
        good.contains(hook["secret"].as_str().unwrap()),
        "the secret is shown on the page"
    );
    let r = leader
        .post(format!("{url}/{}/delete", hook["id"].as_str().unwrap()))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        json(app.get(&team.token, "/webhooks").await).await["items"],
        json!([])
    );
    app.finish().await;
}
