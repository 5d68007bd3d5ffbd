//! Invoice numbers without gaps (a number only when an invoice is issued),
//! and the PDF of each invoice read back with poppler's `pdftotext`.

use crate::billing_stripe::{FakeStripe, WEBHOOK_SECRET, stripe_event};
use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The text of a PDF, as poppler's `pdftotext` reads it (installed by
/// `scripts/test`).
pub(crate) fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, bytes).unwrap();
    let out = std::process::Command::new("pdftotext")
        .arg("-layout")
        .arg(&path)
        .arg("-")
        .output()
        .expect("pdftotext (Debian's poppler-utils, installed by scripts/test)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

async fn pdf(app: &TestApp, token: &str, payment: &str) -> reqwest::Response {
    app.get(token, &format!("/payments/{payment}/invoice.pdf"))
        .await
}

async fn buy(app: &TestApp, token: &str, quantity: i64) -> Value {
    let r = app
        .post_json(token, "/credits/purchase", json!({"quantity": quantity}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    json(r).await["payment"].clone()
}

/// A paid Checkout Session of ten credits ($600.00).
async fn pay(app: &TestApp, event: &str, session: &str) {
    let object = json!({"id": session, "object": "checkout.session", "payment_status": "paid",
        "amount_total": 60000, "currency": "usd"});
    let now = app.svc.now().as_second();
    let r = stripe_event(
        app,
        event,
        "checkout.session.completed",
        object,
        WEBHOOK_SECRET,
        now,
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
}

async fn numbers(app: &TestApp, token: &str) -> Vec<Value> {
    let mut items = json(app.get(token, "/payments").await).await["items"]
        .as_array()
        .unwrap()
        .clone();
    items.sort_by_key(|p| p["created_at"].as_str().unwrap_or_default().to_string());
    items.iter().map(|p| p["invoice_number"].clone()).collect()
}

#[tokio::test]
async fn card_payments_take_a_number_when_paid_so_abandoned_checkouts_leave_no_gap() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let team = app.team().await;
    let other = app.team().await;
    let abandoned = buy(&app, &team.token, 10).await;
    assert_eq!(abandoned["invoice_number"], Value::Null, "{abandoned}");
    assert_eq!(
        pdf(&app, &team.token, abandoned["id"].as_str().unwrap())
            .await
            .status(),
        StatusCode::CONFLICT,
        "no invoice before the payment is confirmed"
    );
    let expired =
        json!({"id": "cs_test_1", "object": "checkout.session", "payment_status": "unpaid"});
    let now = app.svc.now().as_second();
    stripe_event(
        &app,
        "evt_x",
        "checkout.session.expired",
        expired,
        WEBHOOK_SECRET,
        now,
    )
    .await;
    buy(&app, &other.token, 10).await; // cs_test_2, paid second
    buy(&app, &team.token, 10).await; // cs_test_3, paid first
    pay(&app, "evt_1", "cs_test_3").await;
    pay(&app, "evt_2", "cs_test_2").await;
    // A replay numbers nothing again.
    pay(&app, "evt_1", "cs_test_3").await;
    assert_eq!(numbers(&app, &team.token).await, [Value::Null, json!(1001)]);
    assert_eq!(numbers(&app, &other.token).await, [json!(1002)]);
    let items = json(app.get(&team.token, "/payments").await).await["items"].clone();
    let paid = items
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["invoice_number"] == 1001)
        .unwrap();
    let r = pdf(&app, &team.token, paid["id"].as_str().unwrap()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"invoice-1001.pdf\""
    );
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(text.contains("Invoice #1001"), "{text}");
    assert!(
        text.contains("Paid on") && text.contains("by card"),
        "{text}"
    );
    app.finish().await;
}

#[tokio::test]
async fn the_invoice_pdf_holds_the_parties_the_tax_and_the_total() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let other = app.team().await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    settings["invoicing"] = json!({"legal_name": "Lumen Portraits GmbH", "address": "Hauptstr. 1\n10115 Berlin", "tax_id": "DE123456789", "tax_rate_basis_points": 1900});
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.patch_json(
        &team.token,
        "/team",
        json!({"billing_address": "Acme Corp\nVia Roma 5\n00100 Roma"}),
    )
    .await;
    let first = buy(&app, &team.token, 2).await;
    let second = buy(&app, &other.token, 1).await;
    assert_eq!(
        (&first["invoice_number"], &second["invoice_number"]),
        (&json!(1001), &json!(1002)),
        "invoices are numbered at once, one after the other"
    );
    let id = first["id"].as_str().unwrap();

    let r = pdf(&app, &team.token, id).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/pdf");
    assert_eq!(
        r.headers()["content-disposition"],
        "attachment; filename=\"invoice-1001.pdf\""
    );
    let text = pdf_text(&r.bytes().await.unwrap());
    for expected in [
        "Invoice #1001",
        "Lumen Portraits GmbH",
        "10115 Berlin",
        "Tax id: DE123456789",
        "Via Roma 5",
        "00100 Roma",
        "2 headshot credits",
        "Tax 19 % (included)",
        // $120.00 with 19 % included: $19.16 of tax, $100.84 net.
        "$19.16",
        "$100.84",
        "Total (USD)",
        "$120.00",
        "Payable by bank transfer.",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
    // Another team's invoice is not there for this team; the studio's
    // admins see every one.
    assert_eq!(
        pdf(&app, &other.token, id).await.status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(pdf(&app, &admin, id).await.status(), StatusCode::OK);
    let retoucher = app.staff("retoucher").await;
    assert_eq!(
        pdf(&app, &retoucher, id).await.status(),
        StatusCode::FORBIDDEN
    );

    // Marked paid, it keeps its title and says it was paid; the page and
    // the studio's list link the PDF.
    let r = app
        .post_json(
            &admin,
            &format!("/studio/payments/{id}/mark-paid"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page(&format!("/team/invoices/{id}")).await;
    assert!(
        html.contains("Invoice #1001") && html.contains("Paid on"),
        "{html}"
    );
    assert!(html.contains(&format!("/team/invoices/{id}/pdf")), "{html}");
    let r = leader
        .client
        .get(format!("{}/team/invoices/{id}/pdf", app.base))
        .send()
        .await
        .unwrap();
    let text = pdf_text(&r.bytes().await.unwrap());
    assert!(
        text.contains("Invoice #1001") && text.contains("Paid on"),
        "{text}"
    );
    let studio = PageClient::staff(&app, "admin").await;
    let list = studio.page("/studio/invoices").await;
    assert!(
        list.contains(&format!("/studio/invoices/{id}/pdf")),
        "{list}"
    );
    app.finish().await;
}
