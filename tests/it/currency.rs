//! The studio's currency is a setting: every price, invoice and Stripe
//! Checkout Session uses it, and a payment keeps the currency it was made in.

use crate::billing_stripe::{FakeStripe, WEBHOOK_SECRET, stripe_event};
use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

async fn set_currency(app: &TestApp, admin: &str, code: &str) {
    app.change_studio_settings(admin, |settings| {
        assert!(settings["currency"].is_string(), "{settings}");
        settings["currency"] = json!(code);
    })
    .await;
}

#[tokio::test]
async fn a_studio_in_euros_charges_euros_and_its_invoices_keep_them() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let admin = app.staff("admin").await;
    let settings = json(app.get(&admin, "/studio/settings").await).await;
    assert_eq!(settings["currency"], "USD", "the default");
    set_currency(&app, &admin, "EUR").await;
    // A currency nobody offers is refused by field.
    let mut bad = json(app.get(&admin, "/studio/settings").await).await;
    bad["currency"] = json!("XYZ");
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin)
        .json(&bad)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());

    let team = app.team().await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page("/team/credits?quantity=10").await;
    assert!(html.contains("€60.00"), "prices in euros: {html}");
    assert!(!html.contains('$'), "no dollar left on the page: {html}");

    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 10}))
        .await;
    let payment = json(r).await["payment"].clone();
    assert_eq!(payment["currency"], "EUR");
    assert_eq!(
        fake.form("cs_test_1", "line_items[0][price_data][currency]")
            .as_deref(),
        Some("eur"),
        "the Checkout Session is in euros"
    );
    let now = app.svc.now().as_second();
    let session = |currency: &str| {
        json!({"id": "cs_test_1", "object": "checkout.session", "payment_status": "paid",
            "amount_total": 60000, "currency": currency})
    };
    // Paid in dollars: refused, nothing granted.
    let r = stripe_event(
        &app,
        "evt_1",
        "checkout.session.completed",
        session("usd"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = stripe_event(
        &app,
        "evt_2",
        "checkout.session.completed",
        session("eur"),
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 10);

    // The studio moves to Swiss francs: new prices in francs, the invoice
    // already made stays in euros.
    set_currency(&app, &admin, "CHF").await;
    let id = payment["id"].as_str().unwrap();
    let invoice = leader.page(&format!("/team/invoices/{id}")).await;
    assert!(invoice.contains("€600.00"), "{invoice}");
    assert!(invoice.contains("Total (EUR)"), "{invoice}");
    let html = leader.page("/team/credits").await;
    assert!(html.contains("CHF\u{a0}60.00"), "{html}");
    let history = &html[html.find("Credit history").unwrap_or(0)..];
    assert!(
        history.contains("€600.00"),
        "the purchase keeps its euros in the credit history: {history}"
    );
    app.finish().await;
}
