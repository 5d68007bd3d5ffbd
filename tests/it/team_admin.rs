//! Reminders (by hand and on schedule), help requests, the audit log.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn help_requests_reach_the_inbox_and_the_success_manager() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    app.svc
        .create_staff(
            "sam@studio.test",
            "Sam Success",
            teamshot::domain::StaffRole::Success,
        )
        .await
        .unwrap();
    let r = app
        .client
        .put(app.api(&format!("/studio/teams/{}/success-manager", team.id)))
        .bearer_auth(&admin)
        .json(&json!({"email": "sam@studio.test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let r = app
        .client
        .put(app.api(&format!("/studio/teams/{}/success-manager", team.id)))
        .bearer_auth(&admin)
        .json(&json!({"email": "nobody@studio.test"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    let r = app
        .post_json(
            &team.token,
            "/support-requests",
            json!({"kind": "resize", "message": "  "}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_json(
            &team.token,
            "/support-requests",
            json!({"kind": "teleport", "message": "x", "headshot_ids": ["nope"]}),
        )
        .await;
    assert_eq!(json(r).await["errors"].as_array().unwrap().len(), 2);
    let r = app.post_json(&team.token, "/support-requests", json!({"kind": "background_correction", "message": "Ana's background is <b>grey</b>, should be white"})).await;
    assert_eq!(r.status(), StatusCode::CREATED);

    assert_eq!(
        app.get(&qc, "/studio/support-requests").await.status(),
        StatusCode::FORBIDDEN
    );
    let inbox = json(app.get(&admin, "/studio/support-requests").await).await;
    assert_eq!(inbox["items"][0]["kind"], "background_correction");
    assert_eq!(inbox["items"][0]["status"], "open");
    assert_eq!(app.run_jobs().await, 1);
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.starts_with("Help request"))
        .unwrap();
    assert_eq!(mail.to, "sam@studio.test");
    assert!(
        mail.html.contains("&lt;b&gt;grey") || mail.html.contains("&#60;b&#62;grey"),
        "escaped: {}",
        mail.html
    );
    app.finish().await;
}

#[tokio::test]
async fn scheduled_reminders_follow_the_due_date() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    // Due 2026-03-16 (Paris): reminders on the 13th, the 15th and the 17th.
    let waiting = json(app.invite(&team, "wait@acme.test").await).await;
    let done = json(app.invite(&team, "done@acme.test").await).await;
    app.upload(
        &team.token,
        &format!("/headshots/{}/photo", done["id"].as_str().unwrap()),
        "photo",
        good_photo(),
    )
    .await;
    app.run_jobs().await;
    let mut sent_on = Vec::new();
    for day in 2..=20 {
        app.clock
            .set(format!("2026-03-{day:02}T08:00:00Z").parse().unwrap());
        let n = app.svc.send_scheduled_reminders().await.unwrap();
        // Running again the same day sends nothing more.
        assert_eq!(app.svc.send_scheduled_reminders().await.unwrap(), 0);
        if n > 0 {
            sent_on.push((day, n));
        }
    }
    assert_eq!(sent_on, vec![(13, 1), (15, 1), (17, 1)]);
    assert_eq!(app.run_jobs().await, 3);
    let reminders: Vec<_> = app
        .emails()
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder"))
        .collect();
    assert!(reminders.iter().all(|m| m.to == "wait@acme.test"));
    let h = json(
        app.get(
            &team.token,
            &format!("/headshots/{}", waiting["id"].as_str().unwrap()),
        )
        .await,
    )
    .await;
    assert_eq!(h["needs_attention"], true, "three reminders and no photo");
    assert!(
        h["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["actor"] == "system (scheduled reminder)")
    );
    app.finish().await;
}

#[tokio::test]
async fn the_audit_log_names_every_kind_of_actor() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let member = secret_of(h["member_url"].as_str().unwrap());
    app.upload(&member, "/me/photo", "photo", good_photo())
        .await;
    app.post_json(
        &admin,
        &format!(
            "/studio/headshots/{}/quality-check",
            h["id"].as_str().unwrap()
        ),
        json!({"decision": "pass"}),
    )
    .await;
    app.post(&team.token, "/share-link").await;
    let log = json(app.get(&team.token, "/audit").await).await;
    let rows: Vec<(String, String)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["actor"].as_str().unwrap().to_string(),
                e["action"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert!(rows[0].1.contains("share link"), "newest first: {rows:?}");
    let actors: Vec<&str> = rows.iter().map(|r| r.0.as_str()).collect();
    assert!(actors.contains(&"leader via API token") && actors.contains(&"member"));
    assert!(
        actors
            .iter()
            .any(|a| a.starts_with("staff ") && a.ends_with("(admin)"))
    );
    assert_eq!(log["items"][1]["member"], "Ana Silva");
    let share = json(app.get(&team.token, "/team").await).await["share_url"]
        .as_str()
        .unwrap()
        .to_string();
    let page = http_client()
        .get(format!("{share}/audit"))
        .send()
        .await
        .unwrap();
    let status = page.status();
    let text = page.text().await.unwrap();
    assert!(text.contains("passed the quality check"), "{status} {text}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn reminders_go_once_a_day_until_upload_and_flag_needs_attention() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    app.run_jobs().await;
    for day in 0..3 {
        let r = app
            .post(&team.token, &format!("/headshots/{id}/remind"))
            .await;
        assert_eq!(r.status(), StatusCode::ACCEPTED, "day {day}");
        let again = app
            .post(&team.token, &format!("/headshots/{id}/remind"))
            .await;
        assert_eq!(again.status(), StatusCode::CONFLICT, "only one a day");
        app.clock.advance(jiff::SignedDuration::from_hours(24));
    }
    assert_eq!(app.run_jobs().await, 3);
    assert_eq!(
        app.emails()
            .await
            .iter()
            .filter(|m| m.subject.starts_with("Reminder"))
            .count(),
        3
    );
    assert_eq!(
        json(app.get(&team.token, &format!("/headshots/{id}")).await).await["needs_attention"],
        true
    );
    app.upload(
        &team.token,
        &format!("/headshots/{id}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    let after = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(after["needs_attention"], false);
    let r = app
        .post(&team.token, &format!("/headshots/{id}/remind"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("uploaded")
    );
    app.finish().await;
}

#[tokio::test]
async fn the_welcome_emails_pixel_marks_it_opened_once_and_cannot_be_forged() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    app.run_jobs().await;
    let mail = app.emails_to("a@acme.test").await.pop().unwrap();
    let pixel = mail
        .html
        .split("<img src=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap()
        .to_string();
    assert!(pixel.contains(&format!("/o/{id}/")));
    let forged = format!("{}/o/{id}/AAAA.gif", app.base);
    let r = app.client.get(&forged).send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "image/gif");
    assert_eq!(
        json(app.get(&team.token, &format!("/headshots/{id}")).await).await["status"],
        "invited"
    );
    for _ in 0..2 {
        let r = app.client.get(&pixel).send().await.unwrap();
        assert_eq!(r.headers()["content-type"], "image/gif");
    }
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["status"], "email_opened");
    let opened = h["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "opened the welcome email")
        .count();
    assert_eq!(opened, 1, "only the first opening is recorded");
    app.finish().await;
}

#[tokio::test]
async fn the_studios_answer_reaches_every_leader_of_a_team() {
    let app = TestApp::spawn().await;
    let success = app.staff("success").await;
    let team = app.team().await;
    let r = app
        .post_json(
            &team.token,
            "/leaders",
            json!({"name": "Bea", "email": "bea@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Asked through the API token: no one person to answer, so every leader.
    let r = app
        .post_json(
            &team.token,
            "/support-requests",
            json!({"kind": "other", "message": "Can we change the background?"}),
        )
        .await;
    let id = json(r).await["id"].as_str().unwrap().to_string();
    let r = app
        .post_json(
            &success,
            &format!("/studio/support-requests/{id}/answer"),
            json!({"message": "Yes: choose it under Headshot Style."}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    let mails = app.emails().await;
    let answer = mails
        .iter()
        .find(|m| m.subject.contains("an answer to your request"))
        .expect("the answer was sent");
    assert!(answer.to.contains("bea@acme.test"), "{}", answer.to);
    assert!(
        answer.to.contains("@acme.test,") || answer.to.matches('@').count() == 2,
        "{}",
        answer.to
    );
    app.finish().await;
}
