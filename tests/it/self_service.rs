//! The Get started page: closed by default; refuses throwaway and blocked
//! domains and bad quantities with nothing made; makes nothing before the
//! emailed link is confirmed; makes one team and one payment however often
//! the confirmation is pressed; and limits how often one address may try.

use crate::billing_stripe::FakeStripe;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Opens the page (or changes its block-list) through the settings API.
pub(crate) async fn open_self_service(app: &TestApp, admin: &str, blocked: &[&str]) {
    app.change_studio_settings(admin, |settings| {
        settings["self_service"] = json!({"enabled": true, "blocked_domains": blocked});
    })
    .await;
}

/// Sends the form from a fresh browser; the answer's HTML.
pub(crate) async fn sign_up(app: &TestApp, c: &reqwest::Client, fields: &[(&str, &str)]) -> String {
    let url = format!("{}/get-started", app.base);
    let html = page(c, &url).await;
    let mut form = vec![("csrf", csrf(&html))];
    form.extend(fields.iter().map(|(k, v)| (*k, v.to_string())));
    let r = c.post(&url).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

fn form<'a>(company: &'a str, email: &'a str, quantity: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("name", company),
        ("leader_name", "Rita Moreno"),
        ("leader_email", email),
        ("quantity", quantity),
        ("timezone", "Europe/Rome"),
    ]
}

/// The confirmation link emailed to `to` (after the jobs ran).
pub(crate) async fn confirmation_link(app: &TestApp, to: &str) -> String {
    app.run_jobs().await;
    let mails = app.emails_to(to).await;
    let mail = mails.last().unwrap_or_else(|| panic!("no email to {to}"));
    link_in(&mail.text, &format!("{}/get-started/confirm/", app.base))
}

async fn teams(app: &TestApp, admin: &str) -> Vec<Value> {
    json(app.get(admin, "/studio/payments").await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn the_page_is_closed_until_the_studio_opens_it() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let c = browser();
    let r = c
        .get(format!("{}/get-started", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    open_self_service(&app, &admin, &[]).await;
    let html = page(&c, &format!("{}/get-started", app.base)).await;
    // The studio's tiers, in its currency.
    assert!(html.contains("$60.00"), "{html}");
    app.finish().await;
}

#[tokio::test]
async fn bad_sign_ups_are_refused_with_every_reason_and_nothing_made() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    open_self_service(&app, &admin, &["rival.example"]).await;
    let c = browser();
    let html = sign_up(&app, &c, &form("", "rita@mailinator.com", "0")).await;
    assert!(html.contains("team&#39;s name"), "{html}");
    assert!(html.contains("throwaway mail services"), "{html}");
    assert!(html.contains("Buy between 1 and"), "{html}");
    let html = sign_up(&app, &c, &form("Rival", "rita@eu.rival.example", "5")).await;
    assert!(
        html.contains("does not open accounts for this email domain"),
        "{html}"
    );
    // Above the last tier the studio makes an offer.
    let html = sign_up(&app, &c, &form("Big Co", "rita@big.example", "5000")).await;
    assert!(html.contains("contact the studio"), "{html}");
    // What was typed is kept for the correction.
    assert!(html.contains("value=\"Big Co\""), "{html}");
    app.run_jobs().await;
    assert!(
        app.emails().await.is_empty(),
        "no email for a refused sign-up"
    );
    assert!(teams(&app, &admin).await.is_empty());
    app.finish().await;
}

#[tokio::test]
async fn nothing_exists_before_the_confirmation_and_a_double_click_makes_one_team() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    open_self_service(&app, &admin, &[]).await;
    let c = browser();
    let html = sign_up(&app, &c, &form("Acme Italia", "rita@acme.example", "12")).await;
    assert!(html.contains("Check your email"), "{html}");
    assert!(html.contains("rita@acme.example"), "{html}");
    let link = confirmation_link(&app, "rita@acme.example").await;
    let mail = app.emails_to("rita@acme.example").await.remove(0);
    assert!(mail.subject.contains("Acme Italia"), "{}", mail.subject);
    assert!(mail.text.contains("Confirm my email"), "{}", mail.text);
    // Opening the link (a mail scanner does) makes nothing.
    let html = page(&c, &link).await;
    assert!(html.contains("Open Acme Italia"), "{html}");
    assert!(html.contains("$720.00"), "12 credits at $60.00: {html}");
    assert!(teams(&app, &admin).await.is_empty());

    // Two presses at the same moment.
    let token = csrf(&html);
    let press = || c.post(&link).form(&[("csrf", token.clone())]).send();
    let (a, b) = tokio::join!(press(), press());
    let (a, b) = (a.unwrap(), b.unwrap());
    let mut to: Vec<String> = [&a, &b]
        .iter()
        .map(|r| r.headers()["location"].to_str().unwrap().to_string())
        .collect();
    to.sort();
    // One signed the new leader in; the other finds the team made.
    assert_eq!(to, ["/login", "/team"], "{a:?} {b:?}");
    let payments = teams(&app, &admin).await;
    assert_eq!(payments.len(), 1, "{payments:?}");
    assert_eq!(payments[0]["team_name"], "Acme Italia");
    assert_eq!(payments[0]["amount_cents"], 72000);
    assert_eq!(
        payments[0]["status"], "pending",
        "an invoice the studio marks paid"
    );
    assert_eq!(payments[0]["invoice_number"], 1001);
    // The signed-in leader is on the team's dashboard; the welcome email
    // went out.
    let dash = page(&c, &format!("{}/team", app.base)).await;
    assert!(dash.contains("Acme Italia"), "{dash}");
    app.run_jobs().await;
    let mails = app.emails_to("rita@acme.example").await;
    assert_eq!(mails.len(), 2, "confirmation and welcome");
    // A third press, later: still one team, nobody signed in.
    let r = c
        .post(&link)
        .form(&[("csrf", token.clone())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login");
    assert_eq!(teams(&app, &admin).await.len(), 1);
    let html = page(&browser(), &link).await;
    assert!(html.contains("is ready"), "{html}");
    app.finish().await;
}

#[tokio::test]
async fn an_expired_link_makes_nothing_and_one_address_may_not_flood_the_page() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    open_self_service(&app, &admin, &[]).await;
    let c = browser();
    sign_up(&app, &c, &form("Late Co", "late@late.example", "3")).await;
    let link = confirmation_link(&app, "late@late.example").await;
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    let r = c.get(&link).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("expired"));
    assert!(teams(&app, &admin).await.is_empty());

    // Three a day for one email address; the fourth is told to wait.
    for _ in 0..3 {
        let html = sign_up(&app, &c, &form("Spam Co", "x@spam.example", "1")).await;
        assert!(html.contains("Check your email"), "{html}");
    }
    // A sign-in attempt 20 minutes later (which tidies the sign-in limits)
    // does not reset the sign-up limit.
    app.clock.advance(jiff::SignedDuration::from_mins(20));
    let login = page(&c, &format!("{}/login", app.base)).await;
    c.post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf(&login).as_str()),
            ("email", "x@spam.example"),
            ("password", "wrong"),
        ])
        .send()
        .await
        .unwrap();
    let html = sign_up(&app, &c, &form("Spam Co", "x@spam.example", "1")).await;
    assert!(html.contains("Too many requests"), "{html}");
    app.run_jobs().await;
    assert_eq!(app.emails_to("x@spam.example").await.len(), 3);
    app.finish().await;
}

#[tokio::test]
async fn with_stripe_the_new_leader_pays_by_card_and_the_credits_follow_the_payment() {
    let fake = FakeStripe::default();
    let app = fake.app().await;
    let admin = app.staff("admin").await;
    open_self_service(&app, &admin, &[]).await;
    let c = browser();
    sign_up(&app, &c, &form("Card Co", "cara@card.example", "10")).await;
    let link = confirmation_link(&app, "cara@card.example").await;
    let r = press_link(&c, &link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        r.headers()["location"],
        "https://checkout.stripe.test/c/pay/cs_test_1"
    );
    let payments = teams(&app, &admin).await;
    assert_eq!(payments[0]["status"], "pending");
    assert_eq!(payments[0]["invoice_number"], Value::Null);
    let object = json!({"id": "cs_test_1", "object": "checkout.session", "payment_status": "paid",
        "amount_total": 60000, "currency": "usd"});
    let now = app.svc.now().as_second();
    crate::billing_stripe::stripe_event(
        &app,
        "evt_1",
        "checkout.session.completed",
        object,
        crate::billing_stripe::WEBHOOK_SECRET,
        now,
    )
    .await;
    let payments = teams(&app, &admin).await;
    assert_eq!(payments[0]["status"], "paid");
    assert_eq!(payments[0]["invoice_number"], 1001);
    // The session cookie came with the redirect: the leader is signed in.
    let dash = page(&c, &format!("{}/team", app.base)).await;
    assert!(dash.contains("Card Co"), "{dash}");
    let credits: i64 =
        sqlx::query_scalar("SELECT credits_available FROM teams WHERE name = 'Card Co'")
            .fetch_one(&app.svc.db.pool)
            .await
            .unwrap();
    assert_eq!(credits, 10);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_confirmation_cut_off_before_its_payment_is_finished_by_pressing_again() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    open_self_service(&app, &admin, &[]).await;
    let c = browser();
    sign_up(&app, &c, &form("Half Co", "hal@half.example", "12")).await;
    let link = confirmation_link(&app, "hal@half.example").await;
    // The studio's tiers change before the press: 12 credits are now "by
    // quote", so the team is made but its payment is refused.
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    let tiers = settings["rules"]["tiers"].clone();
    settings["rules"]["tiers"] = json!([{"up_to": 10, "unit_price_cents": 6000}]);
    let put = |body: Value| {
        app.client
            .put(app.api("/studio/settings"))
            .bearer_auth(&admin)
            .json(&body)
            .send()
    };
    assert_eq!(
        put(settings.clone()).await.unwrap().status(),
        StatusCode::OK
    );
    let r = press_link(&c, &link).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("priced by quote"), "{html}");
    assert!(teams(&app, &admin).await.is_empty());
    let html = page(&c, &link).await;
    assert!(html.contains("Finish opening Half Co"), "{html}");
    // The tiers back, one press finishes: one payment, the team credited.
    settings["rules"]["tiers"] = tiers;
    assert_eq!(put(settings).await.unwrap().status(), StatusCode::OK);
    let r = press_link(&c, &link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&c, &link).await;
    assert!(html.contains("Half Co is ready"), "{html}");
    let payments = teams(&app, &admin).await;
    assert_eq!(payments.len(), 1, "{payments:?}");
    assert_eq!(payments[0]["amount_cents"], 72000);
    app.run_jobs().await;
    app.finish().await;
}
