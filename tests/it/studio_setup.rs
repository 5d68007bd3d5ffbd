//! The first run: `/setup` with the printed one-time code creates the first
//! admin and names the studio, once; then it is gone for good.

use crate::helpers::*;
use reqwest::StatusCode;

/// The setup form's fields with `code`, for an admin `email`.
fn form<'a>(csrf: &'a str, code: &'a str, email: &'a str) -> Vec<(&'a str, &'a str)> {
    vec![
        ("csrf", csrf),
        ("code", code),
        ("studio_name", "Lumen Portraits"),
        ("currency", "EUR"),
        ("timezone", "Europe/Berlin"),
        ("name", "Rosa Owner"),
        ("email", email),
        ("password", "correct horse battery"),
    ]
}

#[tokio::test]
async fn the_first_run_creates_the_admin_and_names_the_studio_once() {
    let app = TestApp::spawn().await;
    let setup = format!("{}/setup", app.base);
    let c = browser();
    // A fresh install sends visitors to the setup page.
    let r = c.get(format!("{}/", app.base)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/setup");
    let html = page(&c, &setup).await;
    assert!(html.contains("Setup code"), "{html}");
    let token = csrf(&html);
    // The code the server printed when it started (`serve` calls this).
    let code = app
        .svc
        .prepare_setup()
        .await
        .unwrap()
        .expect("setup is open");

    // A short password and a made-up zone: each explained, nothing created.
    let mut bad = form(&token, &code, "rosa@lumen.test");
    bad[4] = ("timezone", "Mars/Olympus");
    bad[7] = ("password", "short");
    let r = c.post(&setup).form(&bad).send().await.unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "the form again, with the errors"
    );
    let html = r.text().await.unwrap();
    assert!(html.contains("at least 10 characters"), "{html}");
    assert!(html.contains("Mars/Olympus"), "{html}");
    assert!(
        !html.contains("correct horse"),
        "the password is never echoed"
    );
    // A wrong code: said first, and nothing else looked at.
    bad[1] = ("code", "0000-0000-0000-0000-0000-0000-0000-0000");
    let r = c.post(&setup).form(&bad).send().await.unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("not the setup code"), "{html}");
    assert!(!html.contains("at least 10 characters"), "{html}");
    assert!(app.svc.setup_open().await.unwrap());

    // The right code, typed in capitals with spaces: the admin is signed in.
    let typed = code.to_uppercase().replace('-', " ");
    let r = c
        .post(&setup)
        .form(&form(&token, &typed, "rosa@lumen.test"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/studio/staff");
    let staff = page(&c, &format!("{}/studio/staff", app.base)).await;
    assert!(staff.contains("Rosa Owner"), "{staff}");
    let studio = app.svc.studio_settings().await.unwrap();
    assert_eq!(studio.branding.studio_name, "Lumen Portraits");
    assert_eq!(studio.currency.code(), "EUR");
    assert_eq!(studio.timezone.as_deref(), Some("Europe/Berlin"));
    assert_eq!(app.svc.studio_zone().iana_name(), Some("Europe/Berlin"));
    // The password works at the sign-in page too.
    signed_in_with_password(&app, "rosa@lumen.test", "correct horse battery".into()).await;

    // Gone for good: the page, the same form again, a new code.
    let r = c.get(&setup).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c
        .post(&setup)
        .form(&form(&token, &code, "mallory@lumen.test"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.svc.prepare_setup().await.unwrap(), None);
    let r = browser()
        .get(format!("{}/", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login");
    let audit: Vec<String> = sqlx::query_scalar("SELECT action FROM studio_events")
        .fetch_all(&app.svc.db.pool)
        .await
        .unwrap();
    assert!(
        audit.iter().any(|a| a == "completed the first-run setup"),
        "{audit:?}"
    );
    app.finish().await;
}

#[tokio::test]
async fn two_setups_sent_at_once_make_one_admin() {
    let app = TestApp::spawn().await;
    let setup = format!("{}/setup", app.base);
    let code = app.svc.prepare_setup().await.unwrap().unwrap();
    let (a, b) = (browser(), browser());
    let (ta, tb) = (csrf(&page(&a, &setup).await), csrf(&page(&b, &setup).await));
    let (ra, rb) = tokio::join!(
        a.post(&setup)
            .form(&form(&ta, &code, "one@lumen.test"))
            .send(),
        b.post(&setup)
            .form(&form(&tb, &code, "two@lumen.test"))
            .send(),
    );
    let mut statuses = [ra.unwrap().status(), rb.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::NOT_FOUND]);
    let admins: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE kind = 'staff' AND role = 'admin'")
            .fetch_one(&app.svc.db.pool)
            .await
            .unwrap();
    assert_eq!(admins, 1);
    app.finish().await;
}

#[tokio::test]
async fn an_admin_made_at_the_command_line_closes_the_setup() {
    let app = TestApp::spawn().await;
    let code = app.svc.prepare_setup().await.unwrap().unwrap();
    let setup = format!("{}/setup", app.base);
    let c = browser();
    let token = csrf(&page(&c, &setup).await);
    // A retoucher alone does not close it: the studio still has no admin.
    app.staff("retoucher").await;
    assert!(app.svc.setup_open().await.unwrap());
    app.staff("admin").await;
    let r = c.get(&setup).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c
        .post(&setup)
        .form(&form(&token, &code, "late@lumen.test"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.finish().await;
}
