//! A leader's email notices: chosen on a page, queued with what causes them,
//! a digest on the team's morning, and one click to stop each.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use teamshot::domain::HeadshotStatus;

/// The leader's emails among everything sent.
async fn to_leader(app: &TestApp, leader: &str) -> Vec<teamshot::email::outbox::OutboxEntry> {
    app.emails()
        .await
        .into_iter()
        .filter(|e| e.to == leader)
        .collect()
}

/// The leader's emails whose subject contains `needle`.
async fn with_subject(
    app: &TestApp,
    leader: &str,
    needle: &str,
) -> Vec<teamshot::email::outbox::OutboxEntry> {
    to_leader(app, leader)
        .await
        .into_iter()
        .filter(|e| e.subject.contains(needle))
        .collect()
}

async fn leader_email(app: &TestApp, team: &Team) -> String {
    let leaders = teamshot::db::users::leaders_of(&app.svc.db.pool, &team.id)
        .await
        .unwrap();
    leaders[0].email.clone()
}

#[tokio::test]
async fn leaders_choose_their_notices_and_the_share_link_cannot() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    // The defaults: a weekly digest and the low-credit warning.
    let html = leader.page("/team/notices").await;
    assert!(html.contains(r#"value="weekly" checked"#), "{html}");
    assert!(html.contains(r#"name="credits_low" value="on" checked"#));
    assert!(!html.contains(r#"name="new_photo" value="on" checked"#));
    assert!(html.contains("Sent from 09:00"), "{html}");
    assert!(leader.page("/team").await.contains("/team/notices"));

    let r = leader
        .post("/team/notices", &[("digest", "daily"), ("new_photo", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Your email notices are saved."), "{html}");
    assert!(html.contains(r#"value="daily" checked"#));
    assert!(html.contains(r#"name="new_photo" value="on" checked"#));
    assert!(
        !html.contains(r#"name="credits_low" value="on" checked"#),
        "unticked is off"
    );

    // A value no form offers is explained, and nothing changes.
    let r = leader.post("/team/notices", &[("digest", "hourly")]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Choose how often the digest comes"), "{html}");
    assert!(
        leader
            .page("/team/notices")
            .await
            .contains(r#"value="daily" checked"#)
    );

    // The share link has no account to send notices to.
    let share = browser();
    let html = page(&share, &team.share_url).await;
    assert!(
        !html.contains("/notices\">Email notices"),
        "no link for the share link"
    );
    let html = page(&share, &format!("{}/notices", team.share_url)).await;
    assert!(html.contains("sign in as a leader"), "{html}");
    app.finish().await;
}

#[tokio::test]
async fn a_new_photo_request_tells_the_leaders_who_asked_and_one_click_stops_it() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader_address = leader_email(&app, &team).await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    // With the default choice, no email per request.
    app.headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.run_jobs().await;
    assert!(
        to_leader(&app, &leader_address)
            .await
            .iter()
            .all(|e| !e.subject.contains("new photo"))
    );

    leader
        .post(
            "/team/notices",
            &[
                ("digest", "weekly"),
                ("new_photo", "on"),
                ("credits_low", "on"),
            ],
        )
        .await;
    let m = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.run_jobs().await;
    let notices: Vec<_> = to_leader(&app, &leader_address)
        .await
        .into_iter()
        .filter(|e| e.subject.contains("needs to send a new photo"))
        .collect();
    assert_eq!(notices.len(), 1, "one notice for one request");
    let mail = &notices[0];
    assert!(
        mail.text.contains(&format!("/team/headshots/{}", m.id)),
        "{}",
        mail.text
    );
    // The header mail programs use for their own button (RFC 8058).
    let raw = std::fs::read_to_string(
        app.svc
            .settings
            .outbox_dir()
            .join(format!("{}.eml", mail.id)),
    )
    .unwrap();
    let unsubscribe = link_in(&mail.text, &format!("{}/unsubscribe/", app.base));
    assert!(
        raw.contains(&format!("List-Unsubscribe: <{unsubscribe}>")),
        "{raw}"
    );
    assert!(raw.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // Opening the link (as a mail scanner would) changes nothing; a forged
    // signature is not found.
    let anyone = http_client();
    let html = page(&anyone, &unsubscribe).await;
    assert!(
        html.contains("Stop receiving an email each time a member is asked for a new photo"),
        "{html}"
    );
    assert!(
        leader
            .page("/team/notices")
            .await
            .contains(r#"name="new_photo" value="on" checked"#)
    );
    let forged = format!("{}0", unsubscribe.trim_end_matches(|c: char| c != '/'));
    let r = anyone.post(&forged).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The mail program's one-click POST, without cookies or CSRF token;
    // twice is no harm.
    for _ in 0..2 {
        let r = anyone
            .post(&unsubscribe)
            .form(&[("List-Unsubscribe", "One-Click")])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        assert!(r.text().await.unwrap().contains("You are unsubscribed"));
    }
    let html = leader.page("/team/notices").await;
    assert!(
        !html.contains(r#"name="new_photo" value="on" checked"#),
        "off"
    );
    assert!(
        html.contains(r#"name="credits_low" value="on" checked"#),
        "the others stay"
    );
    assert!(html.contains(r#"value="weekly" checked"#));
    app.headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.run_jobs().await;
    let count = to_leader(&app, &leader_address)
        .await
        .iter()
        .filter(|e| e.subject.contains("needs to send a new photo"))
        .count();
    assert_eq!(count, 1, "no more after unsubscribing");
    app.finish().await;
}

#[tokio::test]
async fn running_low_on_credits_is_told_once_per_crossing() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let leader_address = leader_email(&app, &team).await;
    app.grant(&team, &admin, 4).await;
    app.invite(&team, "a@acme.test").await; // 3 left: not low yet
    app.run_jobs().await;
    assert!(with_subject(&app, &leader_address, "left").await.is_empty());
    app.invite(&team, "b@acme.test").await; // 2 left: low
    app.invite(&team, "c@acme.test").await; // 1 left: still low, no second email
    app.run_jobs().await;
    let mails = with_subject(&app, &leader_address, "left").await;
    assert_eq!(
        mails.len(),
        1,
        "{:?}",
        mails.iter().map(|m| &m.subject).collect::<Vec<_>>()
    );
    assert_eq!(
        mails[0].subject, "Acme: 1 credit left",
        "the balance when sent"
    );
    assert!(mails[0].text.contains("/team/credits"));

    // Topped up and low again: a new crossing, a new email.
    app.grant(&team, &admin, 3).await; // 4
    app.invite(&team, "d@acme.test").await; // 3
    app.invite(&team, "e@acme.test").await; // 2: low again
    app.run_jobs().await;
    let mails = with_subject(&app, &leader_address, "left").await;
    assert_eq!(mails.len(), 2, "a new crossing");
    // A notice whose moment passed (credits added before it was sent) is
    // not sent.
    app.grant(&team, &admin, 2).await; // 4
    app.invite(&team, "f@acme.test").await; // 3
    app.invite(&team, "g@acme.test").await; // 2: low, queued
    app.grant(&team, &admin, 5).await; // 7 before the job runs
    app.run_jobs().await;
    assert_eq!(
        with_subject(&app, &leader_address, "left").await.len(),
        2,
        "credits came back before it was sent"
    );
    app.finish().await;
}

#[tokio::test]
async fn digests_come_on_the_teams_morning_once_and_say_what_happened() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader_address = leader_email(&app, &team).await;
    let admin = app.staff("admin").await;
    app.clock.set("2026-03-02T08:00:00Z".parse().unwrap());
    app.grant(&team, &admin, 1).await;
    let r = app
        .post_json(
            &team.token,
            "/headshots",
            json!({"first_name": "Lou", "last_name": "Late", "email": "lou@acme.test", "due_date": "2026-03-09"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.clock.set("2026-03-10T10:00:00Z".parse().unwrap());
    app.headshot_at(&team, HeadshotStatus::Delivered).await;
    app.run_jobs().await;

    // Monday 16 March in Paris: 08:59 is too early, 09:00 sends; twice at
    // once sends one; later that day sends none.
    app.clock.set("2026-03-16T07:59:00Z".parse().unwrap());
    assert_eq!(app.svc.send_digests().await.unwrap(), 0);
    app.clock.set("2026-03-16T08:00:00Z".parse().unwrap());
    let (a, b) = tokio::join!(app.svc.send_digests(), app.svc.send_digests());
    assert_eq!(a.unwrap() + b.unwrap(), 1);
    app.clock.set("2026-03-16T15:00:00Z".parse().unwrap());
    assert_eq!(app.svc.send_digests().await.unwrap(), 0);
    app.run_jobs().await;
    let sent = with_subject(&app, &leader_address, "digest").await;
    assert_eq!(sent.len(), 1);
    let d = &sent[0];
    assert_eq!(d.subject, "Acme: your weekly headshot digest");
    for part in [
        "Overdue: no photo yet (1)",
        "Lou Late, was due Mon 9 Mar",
        "Asked for a new photo (1)",
        "Delivered, waiting for approval (1)",
        "delivered Tue 10 Mar",
        "Credits left: 0",
    ] {
        assert!(d.text.contains(part), "{part} in {}", d.text);
    }
    assert!(!d.text.contains("Approved ("), "empty lists are left out");
    assert!(d.html.contains("Lou Late"));
    assert!(d.text.contains("/unsubscribe/"));

    // Tuesday: a weekly reader gets nothing. Switched to daily, the leader
    // gets what happened since Monday's (no delivery) and who still owes.
    app.clock.set("2026-03-17T08:30:00Z".parse().unwrap());
    assert_eq!(app.svc.send_digests().await.unwrap(), 0);
    let leader = PageClient::leader_now(&app, &team).await;
    leader
        .post(
            "/team/notices",
            &[("digest", "daily"), ("credits_low", "on")],
        )
        .await;
    assert_eq!(app.svc.send_digests().await.unwrap(), 1);
    app.run_jobs().await;
    let sent = with_subject(&app, &leader_address, "digest").await;
    assert_eq!(sent.len(), 2);
    let d = sent.iter().find(|d| d.subject.contains("daily")).unwrap();
    assert!(d.text.contains("Lou Late"), "{}", d.text);
    assert!(!d.text.contains("Delivered, waiting"), "{}", d.text);
    app.finish().await;
}

#[tokio::test]
async fn a_digest_with_nothing_to_say_is_not_sent() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader_address = leader_email(&app, &team).await;
    let welcome = to_leader(&app, &leader_address).await.len();
    app.clock.set("2026-03-23T09:00:00Z".parse().unwrap());
    assert_eq!(app.svc.send_digests().await.unwrap(), 1, "queued");
    app.run_jobs().await;
    assert_eq!(to_leader(&app, &leader_address).await.len(), welcome);
    app.finish().await;
}
