//! Two-factor sign-in with codes computed from the secret the page shows.

use crate::helpers::*;
use reqwest::{Client, StatusCode};
use serde_json::json;

/// The key shown on the set-up page, as raw bytes.
fn secret_on(html: &str) -> Vec<u8> {
    let start = html.find("Key: <code>").expect("the key is shown") + 11;
    let key: String = html[start..]
        .split("</code>")
        .next()
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    totp_rs::Secret::try_from_base32(&key).unwrap().to_vec()
}

/// The code an authenticator app shows at the test clock's time.
fn code(app: &TestApp, secret: &[u8]) -> String {
    let t = totp_rs::Builder::new()
        .with_secret(secret.to_vec())
        .build()
        .unwrap();
    t.generate(app.svc.now().as_second() as u64).to_string()
}

async fn post_code(c: &Client, url: &str, code: &str) -> reqwest::Response {
    let html = page(c, url).await;
    c.post(url)
        .form(&[("csrf", csrf(&html)), ("code", code.to_string())])
        .send()
        .await
        .unwrap()
}

/// Turns two factors on for the signed-in browser; the secret and the
/// recovery codes.
async fn enrol(app: &TestApp, c: &Client) -> (Vec<u8>, Vec<String>) {
    let url = format!("{}/account/two-factor", app.base);
    let html = page(c, &url).await;
    assert!(html.contains("<svg"), "a QR code drawn here");
    let secret = secret_on(&html);
    // A wrong code changes nothing.
    let r = c
        .post(format!("{url}/enable"))
        .form(&[("csrf", csrf(&html)), ("code", "000000".to_string())])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("does not match"));
    let r = c
        .post(format!("{url}/enable"))
        .form(&[("csrf", csrf(&html)), ("code", code(app, &secret))])
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("shown only this once"), "{html}");
    let codes: Vec<String> = html
        .split("<li><code>")
        .skip(1)
        .map(|s| s.split("</code>").next().unwrap().to_string())
        .collect();
    assert_eq!(codes.len(), 10);
    (secret, codes)
}

/// Follows a sign-in link; the browser and where it was sent.
async fn follow_link(link: &str) -> (Client, String) {
    let c = browser();
    let html = page(&c, link).await;
    let r = c
        .post(link)
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let to = r.headers()["location"].to_str().unwrap().to_string();
    (c, to)
}

#[tokio::test]
async fn a_leader_turns_on_two_factors_and_signs_in_with_a_code_or_a_recovery_code() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = signed_in_with_link(&team.login_url).await;
    let (secret, recovery) = enrol(&app, &leader).await;
    let leader_id = json(app.get(&team.token, "/leaders").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // A sign-in link now leads to the code, not into the team.
    let link = app.svc.create_login_link(&leader_id).await.unwrap();
    let (c, to) = follow_link(&link).await;
    assert_eq!(to, "/login/two-factor");
    let r = c.get(format!("{}/team", app.base)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login", "not signed in yet");
    let code_url = format!("{}/login/two-factor", app.base);
    let r = post_code(&c, &code_url, "123456").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("does not match"));
    // The code that turned it on was used: the same time step cannot be
    // replayed. Thirty seconds later, the next code works.
    let r = post_code(&c, &code_url, &code(&app, &secret)).await;
    assert_eq!(r.status(), StatusCode::OK, "a used code is refused");
    app.clock.advance(jiff::SignedDuration::from_secs(30));
    let r = post_code(&c, &code_url, &code(&app, &secret)).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    page(&c, &format!("{}/team", app.base)).await;

    // A recovery code works once.
    for (attempt, expected) in [(1, StatusCode::SEE_OTHER), (2, StatusCode::OK)] {
        let link = app.svc.create_login_link(&leader_id).await.unwrap();
        let (c, _) = follow_link(&link).await;
        let r = post_code(&c, &code_url, &recovery[0].to_uppercase()).await;
        assert_eq!(r.status(), expected, "recovery code, use {attempt}");
    }

    // Turning it off needs a code; then links sign in directly again.
    let off = format!("{}/account/two-factor/disable", app.base);
    let html = page(&leader, &format!("{}/account/two-factor", app.base)).await;
    let r = leader
        .post(&off)
        .form(&[("csrf", csrf(&html)), ("code", "999999".to_string())])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("does not match"));
    let r = leader
        .post(&off)
        .form(&[("csrf", csrf(&html)), ("code", recovery[1].clone())])
        .send()
        .await
        .unwrap();
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Two-factor sign-in is off")
    );
    let link = app.svc.create_login_link(&leader_id).await.unwrap();
    let (_, to) = follow_link(&link).await;
    assert_eq!(to, "/account/password");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_password_sign_in_asks_for_the_code_and_the_studio_can_require_it() {
    let app = TestApp::spawn().await;
    let (admin_email, admin) = app.staff_account("admin").await;
    let (qc_email, qc) = app.staff_account("qc").await;
    // The studio requires two factors of admins.
    let mut settings = json(app.get(&admin.api_token, "/studio/settings").await).await;
    settings["security"]["two_factor"] = json!("admins");
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin.api_token)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.clock.advance(jiff::SignedDuration::from_secs(10));

    // An admin without it is sent to set it up before anything else.
    let c = signed_in_with_password(&app, &admin_email, admin.password.clone()).await;
    let r = c.get(format!("{}/studio", app.base)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/account/two-factor");
    let (secret, _) = enrol(&app, &c).await;
    page(&c, &format!("{}/studio", app.base)).await;
    // It cannot be turned off while required.
    app.clock.advance(jiff::SignedDuration::from_secs(30));
    let html = page(&c, &format!("{}/account/two-factor", app.base)).await;
    assert!(html.contains("requires it for your role"));

    // A QC member is not required to.
    let q = signed_in_with_password(&app, &qc_email, qc.password).await;
    page(&q, &format!("{}/studio", app.base)).await;

    // The admin's password now leads to the code.
    let c = browser();
    let html = page(&c, &format!("{}/login", app.base)).await;
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf(&html)),
            ("email", admin_email.clone()),
            ("password", admin.password.clone()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login/two-factor");
    let r = post_code(
        &c,
        &format!("{}/login/two-factor", app.base),
        &code(&app, &secret),
    )
    .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/studio");
    let audit = json(app.get(&admin.api_token, "/studio/audit").await).await;
    let text = audit.to_string();
    assert!(text.contains("turned on two-factor sign-in"), "{text}");
    assert!(
        text.contains("completed sign-in with a second factor"),
        "{text}"
    );
    assert!(
        text.contains("security.two_factor"),
        "the setting change: {text}"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_right_password_and_code_are_not_failures_but_wrong_codes_are() {
    let app = TestApp::spawn().await;
    let (email, s) = app.staff_account("qc").await;
    let c = signed_in_with_password(&app, &email, s.password.clone()).await;
    let (secret, _) = enrol(&app, &c).await;
    let sign_in = |code: String| {
        let (app, email, password) = (&app, email.clone(), s.password.clone());
        async move {
            let c = browser();
            let html = page(&c, &format!("{}/login", app.base)).await;
            let r = c
                .post(format!("{}/login", app.base))
                .form(&[
                    ("csrf", csrf(&html)),
                    ("email", email),
                    ("password", password),
                ])
                .send()
                .await
                .unwrap();
            if r.status() != StatusCode::SEE_OTHER {
                return r.status();
            }
            assert_eq!(r.headers()["location"], "/login/two-factor");
            post_code(&c, &format!("{}/login/two-factor", app.base), &code)
                .await
                .status()
        }
    };
    // Twelve good sign-ins in a quarter of an hour: none is a failure.
    for _ in 0..12 {
        app.clock.advance(jiff::SignedDuration::from_secs(31));
        assert_eq!(sign_in(code(&app, &secret)).await, StatusCode::SEE_OTHER);
    }
    // Wrong codes are: after ten, the account is locked for a while (the
    // next sign-in is refused at the password).
    for n in 1..=10 {
        assert_eq!(
            sign_in("000000".into()).await,
            StatusCode::OK,
            "wrong code {n}"
        );
    }
    assert_eq!(
        sign_in("000000".into()).await,
        StatusCode::TOO_MANY_REQUESTS
    );
    app.finish().await;
}
