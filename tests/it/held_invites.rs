//! Invitations held back: the headshots are made (credits taken) but the
//! welcome emails wait for a leader to send them — one, the chosen ones, or
//! all — after a look at the email.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn held(email: &str) -> Value {
    json!({"first_name": "Ana", "last_name": "Silva", "email": email,
           "due_date": "2026-03-16", "send_invite": false})
}

#[tokio::test]
async fn a_held_invite_is_sent_once_when_a_leader_sends_it() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 2).await;

    let r = app
        .post_json(&team.token, "/headshots", held("ana@acme.test"))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let h = json(r).await;
    assert_eq!(h["invite_held"], true);
    let id = h["id"].as_str().unwrap().to_string();
    assert_eq!(app.available(&team).await, 1, "the credit is taken now");
    app.run_jobs().await;
    assert!(app.emails_to("ana@acme.test").await.is_empty());

    // No reminder for an invitation never sent.
    let r = app
        .post_json(&team.token, &format!("/headshots/{id}/remind"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // A correction while held keeps it held and sends nothing.
    let r = app
        .patch_json(
            &team.token,
            &format!("/headshots/{id}"),
            json!({"email": "ana.silva@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert!(app.emails_to("ana.silva@acme.test").await.is_empty());

    // Sent twice at once: one email, to the corrected address.
    let path = format!("/headshots/{id}/send-invite");
    let (a, b) = tokio::join!(
        app.post_json(&team.token, &path, json!({})),
        app.post_json(&team.token, &path, json!({})),
    );
    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::OK);
    assert_eq!(json(a).await["invite_held"], false);
    app.run_jobs().await;
    assert_eq!(app.emails_to("ana.silva@acme.test").await.len(), 1);
    assert!(app.emails_to("ana@acme.test").await.is_empty());
    // Once more later: nothing more.
    let r = app.post_json(&team.token, &path, json!({})).await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(app.emails_to("ana.silva@acme.test").await.len(), 1);
    let events = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    let sent = events["events"]
        .as_array()
        .map(|e| {
            e.iter()
                .filter(|e| e["action"] == "sent the invitation")
                .count()
        })
        .unwrap_or(0);
    assert_eq!(sent, 1, "{events}");
    app.finish().await;
}

#[tokio::test]
async fn an_import_held_back_is_sent_all_at_once_or_by_choice() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 3).await;
    let csv = "first_name,last_name,email\n\
               Ana,Silva,ana@acme.test\n\
               Bo,Chen,bo@acme.test\n\
               Cy,Young,cy@acme.test\n";
    let r = app
        .client
        .post(app.api("/headshots/import?send_invites=false"))
        .bearer_auth(&team.token)
        .body(csv)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = json(r).await;
    assert_eq!(body["created"], 3);
    let ids: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            assert_eq!(h["invite_held"], true);
            h["id"].as_str().unwrap().to_string()
        })
        .collect();
    app.run_jobs().await;
    for to in ["ana@acme.test", "bo@acme.test", "cy@acme.test"] {
        assert!(app.emails_to(to).await.is_empty(), "{to}");
    }

    // On the dashboard: the count, the flag, the preview.
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page("/team").await;
    assert!(html.contains("3 invitations not sent yet"), "{html}");
    assert!(html.contains("Invite not sent"), "{html}");
    let listed = leader.page("/team?status=not_sent").await;
    assert!(listed.contains("cy@acme.test"), "{listed}");
    let csv = app.get(&team.token, "/headshots/export.csv").await;
    let csv = csv.text().await.unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with(",invite_not_sent,email_bounced"),
        "{csv}"
    );
    assert!(csv.lines().nth(1).unwrap().ends_with(",yes,no"), "{csv}");
    let preview = leader.page("/team/invites/preview").await;
    assert!(preview.contains("srcdoc="), "{preview}");
    assert!(preview.contains("ana@acme.test"), "{preview}");
    assert!(!preview.contains("/o/"), "no open pixel: {preview}");
    let member_link = json(
        app.get(&team.token, &format!("/headshots/{}", ids[0]))
            .await,
    )
    .await["member_url"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        !preview.contains(&member_link),
        "no member's key in a preview"
    );
    assert!(preview.contains("/m/personal-link"), "{preview}");
    let h = json(
        app.get(&team.token, &format!("/headshots/{}", ids[0]))
            .await,
    )
    .await;
    assert_eq!(
        h["status"], "invited",
        "previewing is not the member opening it"
    );

    // The chosen one from the toolbar, twice (a double click): one email.
    for _ in 0..2 {
        let r = leader
            .post(
                "/team/bulk",
                &[("action", "send_invite"), ("ids", ids[1].as_str())],
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    app.run_jobs().await;
    assert_eq!(app.emails_to("bo@acme.test").await.len(), 1);
    assert!(app.emails_to("ana@acme.test").await.is_empty());

    // The rest, all at once; sending all again sends nothing more.
    let html = leader
        .post("/team/send-invites", &[])
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("2 invitations sent."), "{html}");
    let r = app
        .post_json(&team.token, "/headshots/send-invites", json!({}))
        .await;
    assert_eq!(json(r).await["sent"], 0);
    app.run_jobs().await;
    for to in ["ana@acme.test", "bo@acme.test", "cy@acme.test"] {
        assert_eq!(app.emails_to(to).await.len(), 1, "{to}");
    }
    app.finish().await;
}

#[tokio::test]
async fn the_invite_form_can_hold_the_email_back() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let leader = PageClient::leader_now(&app, &team).await;
    let r = leader
        .post(
            "/team/invite",
            &[
                ("first_name", "Dee"),
                ("last_name", "Park"),
                ("email", "dee@acme.test"),
                ("due_date", "2026-03-16"),
                ("hold_invite", "on"),
            ],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("the invitation waits for you to send it"),
        "{html}"
    );
    assert!(html.contains("1 invitation not sent yet"), "{html}");
    app.run_jobs().await;
    assert!(app.emails_to("dee@acme.test").await.is_empty());
    let r = leader.post("/team/send-invites", &[]).await;
    assert!(r.text().await.unwrap().contains("1 invitation sent."));
    app.run_jobs().await;
    assert_eq!(app.emails_to("dee@acme.test").await.len(), 1);
    app.finish().await;
}

#[tokio::test]
async fn a_held_invite_to_a_bounced_address_waits_for_its_correction() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let h = json(
        app.post_json(&team.token, "/headshots", held("gone@acme.test"))
            .await,
    )
    .await;
    let id = h["id"].as_str().unwrap().to_string();
    let r = app
        .post_json(
            &admin,
            "/studio/bounces",
            json!({"email": "gone@acme.test"}),
        )
        .await;
    assert_eq!(json(r).await["marked"], 1);

    let r = app
        .post_json(
            &team.token,
            &format!("/headshots/{id}/send-invite"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("bounced")
    );
    let r = app
        .post_json(&team.token, "/headshots/send-invites", json!({}))
        .await;
    assert_eq!(json(r).await["sent"], 0);

    // Corrected: still held (the leader sends it), then sent to the new one.
    let r = app
        .patch_json(
            &team.token,
            &format!("/headshots/{id}"),
            json!({"email": "here@acme.test"}),
        )
        .await;
    assert_eq!(json(r).await["invite_held"], true);
    app.run_jobs().await;
    assert!(app.emails_to("here@acme.test").await.is_empty());
    let r = app
        .post_json(&team.token, "/headshots/send-invites", json!({}))
        .await;
    assert_eq!(json(r).await["sent"], 1);
    app.run_jobs().await;
    assert_eq!(app.emails_to("here@acme.test").await.len(), 1);
    assert!(app.emails_to("gone@acme.test").await.is_empty());
    app.finish().await;
}

#[tokio::test]
async fn a_held_member_gets_no_other_email_before_the_invitation() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let h = json(
        app.post_json(&team.token, "/headshots", held("quiet@acme.test"))
            .await,
    )
    .await;
    let id = h["id"].as_str().unwrap().to_string();
    // The leader uploads a photo for the member; the studio asks for a new
    // one. That email would carry the member's link before any invitation.
    let r = app
        .upload(
            &team.token,
            &format!("/headshots/{id}/photo"),
            "photo",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app
        .post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "new_photo", "reasons": ["face_camera"]}),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app.run_jobs().await;
    assert!(app.emails_to("quiet@acme.test").await.is_empty());

    // Once sent, the member hears from the studio.
    let r = app
        .post_json(
            &team.token,
            &format!("/headshots/{id}/send-invite"),
            json!({}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert_eq!(app.emails_to("quiet@acme.test").await.len(), 1);
    app.finish().await;
}
