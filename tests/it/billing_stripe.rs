//! Stripe Checkout against a local stand-in of its documented API: grants
//! only on a verified webhook, once, for what was paid in full; nothing when
//! Stripe cannot be reached; one unpaid payment per headshot.

use crate::helpers::*;
use axum::extract::State;
use axum::routing::post;
use reqwest::StatusCode;
use serde_json::json;
use std::sync::{Arc, Mutex};

/// A local stand-in for Stripe's Checkout Session API that can complete a
/// session by posting a signed webhook, as Stripe does. Tests only.
#[derive(Clone, Default)]
pub(crate) struct FakeStripe {
    sessions: Arc<Mutex<Vec<(String, Form)>>>,
}

/// A form-encoded request body, as pairs.
type Form = Vec<(String, String)>;

pub(crate) const WEBHOOK_SECRET: &str = "whsec_test_secret";

async fn create_session(
    State(fake): State<FakeStripe>,
    headers: axum::http::HeaderMap,
    body: String,
) -> axum::response::Response {
    use axum::response::IntoResponse;
    if headers.get("authorization").and_then(|v| v.to_str().ok()) != Some("Bearer sk_test_123") {
        return (
            StatusCode::UNAUTHORIZED,
            axum::Json(json!({"error": {"message": "Invalid API Key"}})),
        )
            .into_response();
    }
    let form: Vec<(String, String)> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let mut s = fake.sessions.lock().unwrap();
    let id = format!("cs_test_{}", s.len() + 1);
    s.push((id.clone(), form));
    axum::Json(json!({"id": id, "object": "checkout.session", "url": format!("https://checkout.stripe.test/c/pay/{id}")})).into_response()
}

impl FakeStripe {
    async fn start(&self) -> String {
        let app = axum::Router::new()
            .route("/v1/checkout/sessions", post(create_session))
            .with_state(self.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/")
    }

    /// A server whose payments go through this stand-in.
    pub(crate) async fn app(&self) -> TestApp {
        let base = self.start().await;
        TestApp::spawn_with(|s| {
            s.billing.provider = teamshot::billing::ProviderKind::Stripe;
            s.billing.stripe_api_base = base.parse().unwrap();
            s.billing.stripe_secret_key = Some("sk_test_123".into());
            s.billing.stripe_webhook_secret = Some(WEBHOOK_SECRET.into());
        })
        .await
    }

    pub(crate) fn form(&self, session: &str, key: &str) -> Option<String> {
        let s = self.sessions.lock().unwrap();
        let (_, form) = s.iter().find(|(id, _)| id == session)?;
        form.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }
}

/// Posts a paid `checkout.session.completed` for `session` (600.00 USD, ten
/// credits), signed at `t`.
async fn webhook(
    app: &TestApp,
    event_id: &str,
    session: &str,
    secret: &str,
    t: i64,
) -> reqwest::Response {
    let object = json!({"id": session, "object": "checkout.session", "payment_status": "paid",
        "amount_total": 60000, "currency": "usd"});
    stripe_event(
        app,
        event_id,
        "checkout.session.completed",
        object,
        secret,
        t,
    )
    .await
}

/// Posts any Checkout Session event, signed at `t`.
pub(crate) async fn stripe_event(
    app: &TestApp,
    event_id: &str,
    kind: &str,
    object: serde_json::Value,
    secret: &str,
    t: i64,
) -> reqwest::Response {
    let body = json!({"id": event_id, "type": kind, "data": {"object": object}}).to_string();
    let sig = teamshot::billing::stripe::sign(body.as_bytes(), secret, t);
    app.client
        .post(app.api("/stripe/webhook"))
        .header("Stripe-Signature", sig)
        .header("content-type", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn stripe_grants_credits_only_on_a_verified_webhook_and_only_once() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let team = app.team().await;
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 10}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = json(r).await;
    assert_eq!(
        body["credits"]["available"], 0,
        "nothing granted before payment"
    );
    let payment = body["payment"].clone();
    assert_eq!(payment["provider"], "stripe");
    assert_eq!(payment["status"], "pending");
    assert_eq!(
        payment["checkout_url"],
        "https://checkout.stripe.test/c/pay/cs_test_1"
    );
    assert_eq!(
        fake.form("cs_test_1", "line_items[0][price_data][unit_amount]")
            .as_deref(),
        Some("60000")
    );
    assert_eq!(
        fake.form("cs_test_1", "client_reference_id"),
        payment["id"].as_str().map(String::from)
    );

    let now = app.svc.now().as_second();
    // A bad signature, a stale one and an unsigned call change nothing.
    assert_eq!(
        webhook(&app, "evt_1", "cs_test_1", "whsec_wrong", now)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        webhook(&app, "evt_1", "cs_test_1", WEBHOOK_SECRET, now - 301)
            .await
            .status(),
        StatusCode::BAD_REQUEST
    );
    let r = app
        .client
        .post(app.api("/stripe/webhook"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        0
    );

    // The verified event grants; its replay and a duplicate event do not.
    assert_eq!(
        webhook(&app, "evt_1", "cs_test_1", WEBHOOK_SECRET, now)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        webhook(&app, "evt_1", "cs_test_1", WEBHOOK_SECRET, now)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        webhook(&app, "evt_2", "cs_test_1", WEBHOOK_SECRET, now)
            .await
            .status(),
        StatusCode::OK
    );
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 10);
    let payments = json(app.get(&team.token, "/payments").await).await;
    assert_eq!(payments["items"][0]["status"], "paid");
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(ledger["items"].as_array().unwrap().len(), 1);
    // An unknown session is acknowledged and ignored.
    assert_eq!(
        webhook(&app, "evt_3", "cs_unknown", WEBHOOK_SECRET, now)
            .await
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        10
    );
    app.finish().await;
}

#[tokio::test]
async fn when_stripe_is_unreachable_nothing_is_charged_or_granted() {
    let app = TestApp::spawn_with(|s| {
        s.billing.provider = teamshot::billing::ProviderKind::Stripe;
        s.billing.stripe_api_base = "http://127.0.0.1:9/".parse().unwrap();
        s.billing.stripe_secret_key = Some("sk_test_123".into());
        s.billing.stripe_webhook_secret = Some(WEBHOOK_SECRET.into());
    })
    .await;
    let team = app.team().await;
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 1}))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_GATEWAY);
    let payments = json(app.get(&team.token, "/payments").await).await;
    assert_eq!(payments["items"][0]["status"], "failed");
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        0
    );
    app.finish().await;
}

#[tokio::test]
async fn stripe_grants_only_what_was_paid_in_full() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let team = app.team().await;
    let buy = |n: i64| app.post_json(&team.token, "/credits/purchase", json!({"quantity": n}));
    let payment_of = |r: serde_json::Value| r["payment"]["id"].as_str().unwrap().to_string();
    let first = payment_of(json(buy(10).await).await);
    let now = app.svc.now().as_second();
    let session = |id: &str, status: &str, amount: i64, currency: &str| {
        json!({"id": id, "object": "checkout.session", "payment_status": status,
            "amount_total": amount, "currency": currency})
    };
    let available = || async {
        json(app.get(&team.token, "/team").await).await["credits"]["available"]
            .as_i64()
            .unwrap()
    };
    let status_of = |id: String| {
        let (app, team) = (&app, &team);
        async move {
            let all = json(app.get(&team.token, "/payments").await).await;
            all["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["id"] == id.as_str())
                .unwrap()["status"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };

    // A bank debit: the session completes unpaid; only the async success grants.
    let r = stripe_event(
        &app,
        "evt_a",
        "checkout.session.completed",
        session("cs_test_1", "unpaid", 60000, "usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        available().await,
        0,
        "completed but not paid: nothing granted"
    );
    assert_eq!(status_of(first.clone()).await, "pending");
    let r = stripe_event(
        &app,
        "evt_b",
        "checkout.session.async_payment_succeeded",
        session("cs_test_1", "paid", 60000, "usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(available().await, 10);
    assert_eq!(status_of(first).await, "paid");

    // A failed debit and an expired session mark their payments failed.
    let second = payment_of(json(buy(10).await).await);
    let r = stripe_event(
        &app,
        "evt_c",
        "checkout.session.async_payment_failed",
        session("cs_test_2", "unpaid", 60000, "usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(status_of(second).await, "failed");
    let third = payment_of(json(buy(10).await).await);
    let r = stripe_event(
        &app,
        "evt_d",
        "checkout.session.expired",
        session("cs_test_3", "unpaid", 60000, "usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(status_of(third).await, "failed");
    assert_eq!(available().await, 10);

    // A paid session whose amount or currency differs from the payment is
    // refused loudly (Stripe retries) and grants nothing.
    let fourth = payment_of(json(buy(10).await).await);
    for (evt, amount, currency) in [("evt_e", 100, "usd"), ("evt_f", 60000, "eur")] {
        let r = stripe_event(
            &app,
            evt,
            "checkout.session.completed",
            session("cs_test_4", "paid", amount, currency),
            WEBHOOK_SECRET,
            now,
        )
        .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{evt}");
        assert!(
            json(r).await["detail"]
                .as_str()
                .unwrap()
                .contains("does not match")
        );
    }
    assert_eq!(available().await, 10);
    assert_eq!(status_of(fourth.clone()).await, "pending");
    // The refused event was not recorded: its corrected retry is applied.
    let r = stripe_event(
        &app,
        "evt_e",
        "checkout.session.completed",
        session("cs_test_4", "paid", 60000, "usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(available().await, 20);
    app.finish().await;
}

#[tokio::test]
async fn a_second_expedite_while_one_is_unpaid_returns_the_same_payment() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let a = json(app.invite(&team, "a@acme.test").await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = json(app.invite(&team, "b@acme.test").await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/headshots/{a}/expedite");
    // Two clicks at the same moment, then a third later: one payment.
    let (r1, r2) = tokio::join!(app.post(&team.token, &path), app.post(&team.token, &path));
    let (p1, p2) = (json(r1).await, json(r2).await);
    assert_eq!(p1["payment"]["id"], p2["payment"]["id"], "{p1} {p2}");
    let p3 = json(app.post(&team.token, &path).await).await;
    assert_eq!(p3["payment"]["id"], p1["payment"]["id"]);
    // A bulk expedite naming b twice and a again charges b once, and not a.
    let r = app
        .post_json(
            &team.token,
            "/headshots/bulk",
            json!({"action": "expedite", "ids": [b, b, a]}),
        )
        .await;
    let results = json(r).await;
    assert_eq!(results["results"].as_array().unwrap().len(), 2, "{results}");
    let payments = json(app.get(&team.token, "/payments").await).await;
    let expedites: Vec<_> = payments["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["description"].as_str().unwrap().starts_with("Expedited"))
        .collect();
    assert_eq!(expedites.len(), 2, "a's payment, then b's: {payments}");
    let fee = expedites[1]["amount_cents"].as_i64().unwrap();
    assert_eq!(
        expedites[0]["amount_cents"].as_i64().unwrap(),
        fee,
        "one fee each: {payments}"
    );
    assert_eq!(fake.sessions.lock().unwrap().len(), 2);
    app.run_jobs().await;
    app.finish().await;
}
