//! An Idempotency-Key whose request was cut off — by the client hanging up,
//! or by the server being killed — neither sticks nor doubles the payment.

use crate::helpers::*;
use crate::processes::{Backend, wait_for};
use axum::routing::post;
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// A Checkout Session API that takes `delay` to answer and, like Stripe,
/// answers a repeated Idempotency-Key with the same session.
#[derive(Clone, Default)]
struct SlowStripe {
    delay: Duration,
    calls: Arc<Mutex<usize>>,
    sessions: Arc<Mutex<HashMap<String, String>>>,
}

impl SlowStripe {
    async fn start(&self) -> String {
        let me = self.clone();
        let app = axum::Router::new().route(
            "/v1/checkout/sessions",
            post(move |headers: axum::http::HeaderMap| {
                let me = me.clone();
                async move {
                    *me.calls.lock().unwrap() += 1;
                    tokio::time::sleep(me.delay).await;
                    let key = headers["idempotency-key"].to_str().unwrap().to_string();
                    let mut s = me.sessions.lock().unwrap();
                    let n = s.len() + 1;
                    let id = s
                        .entry(key)
                        .or_insert_with(|| format!("cs_test_{n}"))
                        .clone();
                    axum::Json(
                        json!({"id": id, "url": format!("https://checkout.stripe.test/{id}")}),
                    )
                }
            }),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let addr = listener.local_addr().unwrap();
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        format!("http://{addr}/")
    }

    fn calls(&self) -> usize {
        *self.calls.lock().unwrap()
    }
}

#[tokio::test]
async fn a_client_that_hangs_up_mid_purchase_leaves_an_answer_not_a_stuck_key() {
    let stripe = SlowStripe {
        delay: Duration::from_millis(800),
        ..Default::default()
    };
    let base = stripe.start().await;
    let app = TestApp::spawn_with(|s| {
        s.billing.provider = teamshot::billing::ProviderKind::Stripe;
        s.billing.stripe_api_base = base.parse().unwrap();
        s.billing.stripe_secret_key = Some("sk_test_123".into());
        s.billing.stripe_webhook_secret = Some("whsec_test".into());
    })
    .await;
    let team = app.team().await;
    let buy = |timeout: Duration| {
        app.client
            .post(app.api("/credits/purchase"))
            .bearer_auth(&team.token)
            .header("Idempotency-Key", "order-7")
            .timeout(timeout)
            .json(&json!({"quantity": 10}))
            .send()
    };
    // The client gives up while Stripe is still answering.
    assert!(buy(Duration::from_millis(200)).await.is_err(), "hung up");
    // The work goes on and its answer is stored.
    let pool = app.svc.db.pool.clone();
    let mut stored = false;
    for _ in 0..100 {
        let status: Option<Option<i64>> =
            sqlx::query_scalar("SELECT status FROM idempotency WHERE key = 'order-7'")
                .fetch_optional(&pool)
                .await
                .unwrap();
        if matches!(status, Some(Some(_))) {
            stored = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(stored, "the answer was stored after the client left");
    // The retry replays it: one payment, one session.
    let r = buy(Duration::from_secs(10)).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = json(r).await;
    assert!(body["payment"]["checkout_url"].as_str().is_some(), "{body}");
    let payments = json(app.get(&team.token, "/payments").await).await;
    assert_eq!(payments["items"].as_array().unwrap().len(), 1);
    assert_eq!(stripe.calls(), 1);
    app.finish().await;
}

#[tokio::test]
async fn a_server_killed_mid_purchase_is_retried_once_without_a_second_payment() {
    let stripe = SlowStripe {
        delay: Duration::from_secs(3),
        ..Default::default()
    };
    let stripe_base = stripe.start().await;
    let backend = Backend::new();
    let team = backend.run(&[
        "team",
        "add",
        "--name",
        "Acme",
        "--leader-email",
        "lee@acme.test",
        "--leader-name",
        "Lee",
    ]);
    let token = team["api_token"].as_str().unwrap().to_string();
    let env = [
        ("TEAMSHOT_PAYMENT_PROVIDER", "stripe"),
        ("TEAMSHOT_STRIPE_API_BASE", stripe_base.as_str()),
        ("TEAMSHOT_STRIPE_SECRET_KEY", "sk_test_123"),
        ("TEAMSHOT_STRIPE_WEBHOOK_SECRET", "whsec_test"),
        // A claim with no answer is taken over after the lease.
        ("TEAMSHOT_JOB_LEASE_SECONDS", "15"),
    ];
    let (first, a) = backend.serve("a", 0, &env).await;
    let client = http_client();
    let buy = |base: String| {
        client
            .post(format!("{base}/api/v1/credits/purchase"))
            .bearer_auth(&token)
            .header("Idempotency-Key", "order-9")
            .timeout(Duration::from_secs(60))
            .json(&json!({"quantity": 10}))
            .send()
    };
    let cut = tokio::spawn(buy(a.clone()));
    // The payment is written and Stripe is being asked: kill the server.
    wait_for("the checkout to start", || stripe.calls() == 1).await;
    drop(first);
    assert!(
        cut.await.unwrap().is_err(),
        "the first request died with its server"
    );

    let (_second, b) = backend.serve("b", 0, &env).await;
    let r = buy(b.clone()).await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body: serde_json::Value = r.json().await.unwrap();
    let payments: serde_json::Value = client
        .get(format!("{b}/api/v1/payments"))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let items = payments["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "one payment: {payments}");
    assert_eq!(items[0]["id"], body["payment"]["id"]);
    assert_eq!(
        body["payment"]["checkout_url"], "https://checkout.stripe.test/cs_test_1",
        "the same Stripe session, opened again: {body}"
    );
    // A third request with the key replays the stored answer at once.
    let again: serde_json::Value = buy(b).await.unwrap().json().await.unwrap();
    assert_eq!(again["payment"]["id"], body["payment"]["id"]);
}
