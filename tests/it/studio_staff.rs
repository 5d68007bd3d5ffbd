//! Admins invite staff by email (page and API), change roles, and creating
//! a team emails its first leader in the team's language.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn an_invited_retoucher_signs_in_from_the_email_and_chooses_a_password() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let body = json!({"email": "Rita@Lumen.test", "name": "Rita Retouch", "role": "retoucher"});
    // Only admins invite.
    let r = app.post_json(&qc, "/studio/staff", body.clone()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_json(
            &admin,
            "/studio/staff",
            json!({"email": "x", "name": " ", "role": "boss"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["name", "email", "role"]);

    // The same invitation sent twice at once: one account, one email.
    let (a, b) = tokio::join!(
        app.post_json(&admin, "/studio/staff", body.clone()),
        app.post_json(&admin, "/studio/staff", body.clone()),
    );
    let mut statuses = [a.status(), b.status()];
    statuses.sort();
    assert_eq!(
        statuses,
        [StatusCode::CREATED, StatusCode::UNPROCESSABLE_ENTITY]
    );
    let staff = json(app.get(&admin, "/studio/staff").await).await;
    let rita = staff["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["email"] == "rita@lumen.test")
        .expect("invited")
        .clone();
    assert_eq!(rita["role"], "retoucher");
    assert_eq!(rita["active"], true);
    app.run_jobs().await;
    let mails: Vec<_> = app
        .emails()
        .await
        .into_iter()
        .filter(|m| m.to == "rita@lumen.test")
        .collect();
    assert_eq!(mails.len(), 1, "one invitation");
    assert!(
        mails[0].subject.contains("invited to join"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.contains("as retoucher"), "{}", mails[0].text);
    assert!(mails[0].text.contains("for 3 days"), "{}", mails[0].text);

    // Three days for the link, not a staff sign-in link's 30 minutes.
    app.clock.advance(jiff::SignedDuration::from_hours(47));
    let link = link_in(&mails[0].text, &format!("{}/login/link/", app.base));
    let rita_page = PageClient::with_link(&app.base, &link).await;
    let r = rita_page
        .post("/account/password", &[("password", "retouch all day")])
        .await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let queue = rita_page.page("/studio").await;
    assert!(queue.contains("Retouching"), "{queue}");
    signed_in_with_password(&app, "rita@lumen.test", "retouch all day".into()).await;
    app.finish().await;
}

#[tokio::test]
async fn admins_change_roles_and_the_studio_keeps_an_admin() {
    let app = TestApp::spawn().await;
    let (_, me) = app.staff_account("admin").await;
    let admin = me.api_token.clone();
    let (_, other) = app.staff_account("qc").await;
    let r = app.get(&other.api_token, "/studio/qc-reasons").await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .patch_json(
            &admin,
            &format!("/studio/staff/{}", other.id),
            json!({"role": "retoucher"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["role"], "retoucher");
    // From the next request on.
    let r = app.get(&other.api_token, "/studio/qc-reasons").await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .patch_json(
            &admin,
            &format!("/studio/staff/{}", other.id),
            json!({"role": "chief"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // Not oneself; not the last admin.
    let r = app
        .patch_json(
            &admin,
            &format!("/studio/staff/{}", me.id),
            json!({"role": "qc"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = app
        .patch_json(
            &admin,
            &format!("/studio/staff/{}", other.id),
            json!({"role": "admin"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .patch_json(
            &other.api_token,
            &format!("/studio/staff/{}", me.id),
            json!({"role": "success"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK, "two admins: one may step down");
    let r = app
        .patch_json(
            &admin,
            &format!("/studio/staff/{}", other.id),
            json!({"role": "qc"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "no longer an admin");
    let audit = json(app.get(&other.api_token, "/studio/audit").await).await;
    let text = audit.to_string();
    assert!(text.contains("role from qc to retoucher"), "{text}");
    app.finish().await;
}

#[tokio::test]
async fn the_staff_page_invites_and_changes_roles() {
    let app = TestApp::spawn().await;
    let admin = PageClient::staff(&app, "admin").await;
    let html = admin.page("/studio/staff").await;
    assert!(html.contains("Invite someone"), "{html}");
    let r = admin
        .post(
            "/studio/staff",
            &[("name", "Quinn"), ("email", "not-an-email"), ("role", "qc")],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("not-an-email"), "{html}");
    assert!(
        html.contains("value=\"Quinn\""),
        "the form keeps what was typed"
    );
    let r = admin
        .post(
            "/studio/staff",
            &[
                ("name", "Quinn"),
                ("email", "quinn@lumen.test"),
                ("role", "qc"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Quinn is invited as quality check"), "{html}");
    let quinn = app.svc.staff_by_email("quinn@lumen.test").await.unwrap();
    let r = admin
        .post(
            &format!("/studio/staff/{}/role", quinn.id),
            &[("role", "success")],
        )
        .await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Quinn is now customer success")
    );
    app.run_jobs().await;
    assert!(
        app.emails()
            .await
            .iter()
            .any(|m| m.to == "quinn@lumen.test")
    );
    app.finish().await;
}

#[tokio::test]
async fn a_new_team_s_leader_is_welcomed_by_email_in_the_team_s_language() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let body = json!({"name": "Globex", "leader_email": "hank@globex.test", "leader_name": "Hank", "timezone": "Europe/Berlin", "language": "de"});
    let r = app
        .post_json(&admin, "/studio/teams", json!({"name": "X", "leader_email": "x@x.test", "leader_name": "X", "language": "klingon"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app.post_json(&admin, "/studio/teams", body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let team = json(r).await;
    let settings = json(app.get(team["api_token"].as_str().unwrap(), "/team").await).await;
    assert_eq!(settings["language"], "de");
    app.run_jobs().await;
    let mails: Vec<_> = app
        .emails()
        .await
        .into_iter()
        .filter(|m| m.to == "hank@globex.test")
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(
        mails[0].subject.contains("Porträts von Globex"),
        "{}",
        mails[0].subject
    );
    assert!(mails[0].text.starts_with("Hallo Hank"), "{}", mails[0].text);
    let link = link_in(&mails[0].text, &format!("{}/login/link/", app.base));
    // The link printed for the admin still works after the email went out;
    // using it ends the emailed one.
    let printed = team["leader_login_url"].as_str().unwrap();
    let hank = PageClient::with_link(&app.base, printed).await;
    assert!(hank.page("/team").await.contains("Globex"));
    let r = press_link(&browser(), &link).await;
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "one link used ends the other"
    );
    app.finish().await;
}
