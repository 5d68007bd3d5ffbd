//! Access that can be taken back: the share link manages no access, leaders
//! can be removed, staff deactivated, tokens named and revoked, passwords
//! changed with the old one, sign-in links short-lived and single.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

/// The team's leader id (the first leader).
async fn first_leader(app: &TestApp, team: &Team) -> String {
    json(app.get(&team.token, "/leaders").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn the_share_link_manages_no_access() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let c = browser();
    let html = page(&c, &format!("{}/leaders", team.share_url)).await;
    assert!(!html.contains("Invite another leader"), "no invite form");
    assert!(html.contains("sign in as a leader"));
    // Even a hand-made form is refused: no leader account that would
    // survive revoking the link.
    let dash = page(&c, &team.share_url).await;
    let r = c
        .post(format!("{}/leaders", team.share_url))
        .form(&[
            ("csrf", csrf(&dash)),
            ("name", "Mallory".to_string()),
            ("email", "mallory@evil.test".to_string()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("sign in as a leader"));
    let leaders = json(app.get(&team.token, "/leaders").await).await;
    assert_eq!(leaders["items"].as_array().unwrap().len(), 1);
    // Nor tokens, nor the leaders' removal, nor webhooks, nor the link itself.
    for path in ["/tokens", "/webhooks"] {
        let r = c
            .get(format!("{}{path}", team.share_url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    let leader = first_leader(&app, &team).await;
    for path in [
        format!("/leaders/{leader}/remove"),
        "/tokens".to_string(),
        "/share/rotate".to_string(),
    ] {
        let r = c
            .post(format!("{}{path}", team.share_url))
            .form(&[("csrf", csrf(&dash)), ("name", "x".to_string())])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
    assert_eq!(
        json(app.get(&team.token, "/team/tokens").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        1,
        "no token was made"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_removed_leader_is_signed_out_at_once_and_the_last_one_stays() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let other = app.team().await;
    let first = first_leader(&app, &team).await;
    let r = app
        .post_json(
            &team.token,
            "/leaders",
            json!({"name": "Bea Boss", "email": "bea@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let bea = json(r).await["id"].as_str().unwrap().to_string();
    let link = app.svc.create_login_link(&bea).await.unwrap();
    let bea_browser = signed_in_with_link(&link).await;
    page(&bea_browser, &format!("{}/team", app.base)).await;

    // Another team's token cannot see, let alone remove, this team's leaders.
    let r = app
        .client
        .delete(app.api(&format!("/leaders/{bea}")))
        .bearer_auth(&other.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // The first leader removes Bea on the page: her session ends at once.
    let lee = signed_in_with_link(&team.login_url).await;
    let html = page(&lee, &format!("{}/team/leaders", app.base)).await;
    let r = lee
        .post(format!("{}/team/leaders/{bea}/remove", app.base))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("no longer leads the team"));
    let r = bea_browser
        .get(format!("{}/team", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed out");
    assert_eq!(r.headers()["location"], "/login");

    // The last leader cannot be removed, by the API or the page.
    let r = app
        .client
        .delete(app.api(&format!("/leaders/{first}")))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("at least one leader")
    );
    let audit = json(app.get(&team.token, "/audit").await).await;
    assert!(audit.to_string().contains("removed Bea Boss as a leader"));
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn team_tokens_are_named_listed_without_secrets_and_revocable() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app
        .post_json(&team.token, "/team/tokens", json!({"name": "  "}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_json(&team.token, "/team/tokens", json!({"name": "HR system"}))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let created = json(r).await;
    let secret = created["token"].as_str().unwrap().to_string();
    assert!(secret.len() >= 43, "256 random bits");
    assert!(secret.starts_with(created["prefix"].as_str().unwrap()));

    assert_eq!(app.get(&secret, "/team").await.status(), StatusCode::OK);
    let list = json(app.get(&team.token, "/team/tokens").await).await;
    let items = list["items"].as_array().unwrap();
    assert_eq!(items.len(), 2, "the team's first token and the new one");
    assert!(
        !list.to_string().contains(&secret),
        "never the secret again"
    );
    let hr = items.iter().find(|t| t["name"] == "HR system").unwrap();
    assert_eq!(hr["prefix"], created["prefix"]);
    assert_eq!(hr["last_used_at"], "2026-03-02T09:00:00Z", "its one use");

    // Another team cannot revoke it; this team can, and it stops at once.
    let other = app.team().await;
    let id = created["id"].as_str().unwrap();
    let del = |token: &str| {
        app.client
            .delete(app.api(&format!("/team/tokens/{id}")))
            .bearer_auth(token.to_string())
            .send()
    };
    assert_eq!(
        del(&other.token).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        del(&team.token).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    let r = app.get(&secret, "/team").await;
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        del(&team.token).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );

    // The page: a signed-in leader sees the secret once, then only its prefix.
    let lee = signed_in_with_link(&team.login_url).await;
    let html = page(&lee, &format!("{}/team/tokens", app.base)).await;
    let html = lee
        .post(format!("{}/team/tokens", app.base))
        .form(&[("csrf", csrf(&html)), ("name", "Zapier".to_string())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("shown only this once"));
    let again = page(&lee, &format!("{}/team/tokens", app.base)).await;
    assert!(again.contains("Zapier") && !again.contains("shown only this once"));
    app.finish().await;
}

#[tokio::test]
async fn a_deactivated_staff_member_loses_sessions_and_tokens_at_once() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.staff_account("admin").await;
    let (qc_email, qc) = app.staff_account("qc").await;
    let qc_browser = signed_in_with_password(&app, &qc_email, qc.password.clone()).await;
    page(&qc_browser, &format!("{}/studio", app.base)).await;
    let r = app
        .post_json(
            &qc.api_token,
            "/studio/tokens",
            json!({"name": "Laptop script"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let second = json(r).await["token"].as_str().unwrap().to_string();
    assert_eq!(
        app.get(&second, "/studio/qc-reasons").await.status(),
        StatusCode::OK
    );
    // Only admins see the staff list and may deactivate.
    assert_eq!(
        app.get(&qc.api_token, "/studio/staff").await.status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .post(
            &admin.api_token,
            &format!("/studio/staff/{}/deactivate", qc.id),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["active"], false);

    for token in [&qc.api_token, &second] {
        assert_eq!(
            app.get(token, "/studio/qc-reasons").await.status(),
            StatusCode::UNAUTHORIZED
        );
    }
    let r = qc_browser
        .get(format!("{}/studio", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login", "signed out");
    // Neither the password nor a sign-in link opens a session.
    let c = browser();
    let html = page(&c, &format!("{}/login", app.base)).await;
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf(&html)),
            ("email", qc_email.clone()),
            ("password", qc.password.clone()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "the form again, with an error");
    let link = app.svc.create_login_link(&qc.id).await.unwrap();
    let r = press_link(&c, &link).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Never oneself, never the last admin.
    let r = app
        .post(
            &admin.api_token,
            &format!("/studio/staff/{}/deactivate", admin.id),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let e = app
        .svc
        .deactivate_staff(teamshot::services::StudioActor::Operator, &admin.id)
        .await
        .unwrap_err();
    assert!(e.to_string().contains("last active admin"), "{e}");

    // Reactivated: a fresh sign-in works; the old tokens stay revoked.
    let r = app
        .post(
            &admin.api_token,
            &format!("/studio/staff/{}/reactivate", qc.id),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        app.get(&qc.api_token, "/studio/qc-reasons").await.status(),
        StatusCode::UNAUTHORIZED
    );
    signed_in_with_password(&app, &qc_email, qc.password).await;

    let audit = json(app.get(&admin.api_token, "/studio/audit").await).await;
    let text = audit.to_string();
    assert!(
        text.contains("deactivated") && text.contains("reactivated"),
        "{text}"
    );
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["address"] == "127.0.0.1"),
        "from where: {text}"
    );
    assert_eq!(
        app.get(&qc.api_token, "/studio/audit").await.status(),
        StatusCode::UNAUTHORIZED
    );
    app.finish().await;
}

#[tokio::test]
async fn staff_tokens_are_their_own_and_admins_see_all() {
    let app = TestApp::spawn().await;
    let (_, admin) = app.staff_account("admin").await;
    let (_, a) = app.staff_account("retoucher").await;
    let (_, b) = app.staff_account("qc").await;
    let mine = json(app.get(&a.api_token, "/studio/tokens").await).await;
    assert_eq!(mine["items"].as_array().unwrap().len(), 1, "only their own");
    let all = json(app.get(&admin.api_token, "/studio/tokens").await).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 3);
    let b_token = json(app.get(&b.api_token, "/studio/tokens").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    // A cannot revoke B's token; an admin can.
    let del = |token: &str| {
        app.client
            .delete(app.api(&format!("/studio/tokens/{b_token}")))
            .bearer_auth(token.to_string())
            .send()
    };
    assert_eq!(
        del(&a.api_token).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        del(&admin.api_token).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.get(&b.api_token, "/studio/queue?stage=quality_check")
            .await
            .status(),
        StatusCode::UNAUTHORIZED
    );
    // A non-admin cannot mint a token for someone else.
    let r = app
        .post_json(
            &a.api_token,
            "/studio/tokens",
            json!({"name": "x", "user_id": b.id}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    app.finish().await;
}

#[tokio::test]
async fn changing_a_password_needs_the_old_one_and_signs_out_elsewhere() {
    let app = TestApp::spawn().await;
    let (email, s) = app.staff_account("retoucher").await;
    let here = signed_in_with_password(&app, &email, s.password.clone()).await;
    let elsewhere = signed_in_with_password(&app, &email, s.password.clone()).await;
    let url = format!("{}/account/password", app.base);
    let html = page(&here, &url).await;
    assert!(html.contains("Current password"));
    let post = |current: &str, new: &str, token: String| {
        here.post(&url)
            .form(&[
                ("csrf", token),
                ("current_password", current.to_string()),
                ("password", new.to_string()),
            ])
            .send()
    };
    let r = post("wrong password", "a brand new secret", csrf(&html))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("not your current password")
    );
    let r = post(&s.password, "a brand new secret", csrf(&html))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    // This browser stays signed in; the other session is over.
    page(&here, &format!("{}/studio", app.base)).await;
    let r = elsewhere
        .get(format!("{}/studio", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["location"], "/login");
    signed_in_with_password(&app, &email, "a brand new secret".into()).await;

    // A fresh sign-in link stands in for a forgotten password, for 30 minutes.
    let link = app.svc.create_login_link(&s.id).await.unwrap();
    let by_link = signed_in_with_link(&link).await;
    let html = page(&by_link, &url).await;
    assert!(!html.contains("Current password"));
    app.clock.advance(jiff::SignedDuration::from_mins(31));
    let html = page(&by_link, &url).await;
    assert!(html.contains("Current password"), "no longer fresh");
    app.finish().await;
}

#[tokio::test]
async fn staff_sign_in_links_last_thirty_minutes_and_a_newer_one_voids_older() {
    let app = TestApp::spawn().await;
    let (_, s) = app.staff_account("qc").await;
    let team = app.team().await;
    let older = app.svc.create_login_link(&s.id).await.unwrap();
    let newer = app.svc.create_login_link(&s.id).await.unwrap();
    let use_link = |link: String| async move {
        let c = browser();
        let html = page(&c, &link).await;
        c.post(&link)
            .form(&[("csrf", csrf(&html))])
            .send()
            .await
            .unwrap()
            .status()
    };
    assert_eq!(use_link(older).await, StatusCode::BAD_REQUEST, "voided");
    app.clock.advance(jiff::SignedDuration::from_mins(31));
    assert_eq!(use_link(newer).await, StatusCode::BAD_REQUEST, "expired");
    let fresh = app.svc.create_login_link(&s.id).await.unwrap();
    assert_eq!(use_link(fresh).await, StatusCode::SEE_OTHER);
    // A leader's link still lasts days (it arrives with an invitation).
    app.clock.advance(jiff::SignedDuration::from_hours(48));
    assert_eq!(use_link(team.login_url).await, StatusCode::SEE_OTHER);
    app.finish().await;
}

#[tokio::test]
async fn only_admins_among_staff_see_a_members_personal_link() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    crate::studio::in_production(&app, &team, &admin, false).await;
    let path = "/studio/queue?stage=quality_check";
    let seen_by_qc = json(app.get(&qc, path).await).await;
    assert_eq!(seen_by_qc["items"][0]["member_url"], "", "{seen_by_qc}");
    let seen_by_admin = json(app.get(&admin, path).await).await;
    assert!(
        seen_by_admin["items"][0]["member_url"]
            .as_str()
            .unwrap()
            .contains("/m/")
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_operator_mints_tokens_and_deactivates_staff_from_the_command_line() {
    let backend = crate::processes::Backend::new();
    let admin = backend.run(&[
        "staff",
        "add",
        "--email",
        "ada@studio.test",
        "--name",
        "Ada",
        "--role",
        "admin",
    ]);
    backend.run(&[
        "staff",
        "add",
        "--email",
        "rex@studio.test",
        "--name",
        "Rex",
        "--role",
        "retoucher",
    ]);
    let minted = backend.run(&[
        "staff",
        "token",
        "--email",
        "rex@studio.test",
        "--name",
        "Batch script",
    ]);
    let token = minted["token"].as_str().unwrap().to_string();
    assert_eq!(minted["name"], "Batch script");
    let (_server, base) = backend.serve("s", 0, &[]).await;
    let client = http_client();
    let queue = |t: String| {
        client
            .get(format!("{base}/api/v1/studio/queue?stage=retouching"))
            .bearer_auth(t)
            .send()
    };
    assert_eq!(queue(token.clone()).await.unwrap().status(), StatusCode::OK);
    let out = backend.run(&["staff", "disable", "--email", "rex@studio.test"]);
    assert_eq!(out["active"], false);
    assert_eq!(
        queue(token).await.unwrap().status(),
        StatusCode::UNAUTHORIZED
    );
    // Nothing is dead; retrying is harmless and says so.
    assert_eq!(backend.run(&["jobs", "retry", "--dead"])["revived"], 0);
    assert_eq!(
        backend.run(&["account", "reset-two-factor", "--email", "ada@studio.test"])["reset"],
        true
    );
    let audit: serde_json::Value = client
        .get(format!("{base}/api/v1/studio/audit"))
        .bearer_auth(admin["api_token"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let text = audit.to_string();
    assert!(
        text.contains("operator (command line)") && text.contains("deactivated"),
        "{text}"
    );
}
