//! Reminders reach everyone who owes a photo — including a member asked for
//! a new one — and go out from the studio's hour in the team's time zone.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use teamshot::domain::HeadshotStatus;

#[tokio::test]
async fn scheduled_reminders_wait_for_the_morning_in_the_teams_time_zone() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    // Due 2026-03-16 in Paris (UTC+1): the first reminder day is the 13th.
    app.invite(&team, "wait@acme.test").await;
    app.run_jobs().await;
    for (at, expected) in [
        ("2026-03-12T23:30:00Z", 0), // 00:30 on the 13th in Paris
        ("2026-03-13T07:59:00Z", 0), // 08:59
        ("2026-03-13T08:00:00Z", 1), // 09:00
        ("2026-03-13T15:00:00Z", 0), // once that day
    ] {
        app.clock.set(at.parse().unwrap());
        assert_eq!(
            app.svc.send_scheduled_reminders().await.unwrap(),
            expected,
            "{at}"
        );
    }

    // The hour is the studio's to choose, within a day.
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    assert_eq!(settings["reminder_hour"], 9);
    settings["reminder_hour"] = json!(24);
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await.to_string().contains("reminder_hour"));
    settings["reminder_hour"] = json!(7);
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // The 15th at 07:00 in Paris is now late enough.
    app.clock.set("2026-03-15T06:00:00Z".parse().unwrap());
    assert_eq!(app.svc.send_scheduled_reminders().await.unwrap(), 1);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_member_asked_for_a_new_photo_is_reminded_and_can_need_attention() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    app.run_jobs().await;
    let path = format!("/headshots/{}", m.id);
    // Reminded with the bell, three days running: the reminder asks for the
    // new photo, and the dashboard flags the member.
    for day in 3..=5 {
        app.clock
            .set(format!("2026-03-{day:02}T10:00:00Z").parse().unwrap());
        let r = app.post(&team.token, &format!("{path}/remind")).await;
        assert!(r.status().is_success(), "day {day}: {}", r.status());
    }
    app.run_jobs().await;
    let reminders: Vec<_> = app
        .emails()
        .await
        .into_iter()
        .filter(|e| e.subject.starts_with("Reminder"))
        .collect();
    assert_eq!(reminders.len(), 3);
    assert!(
        reminders[0].subject.contains("still needs a new photo"),
        "{}",
        reminders[0].subject
    );
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["needs_attention"], true, "{h}");
    assert_eq!(h["overdue"], false, "due on the 16th");
    app.clock.set("2026-03-17T10:00:00Z".parse().unwrap());
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["overdue"], true, "still owes a photo after the due date");
    let dashboard = json(
        app.get(&team.token, "/headshots?status=new_photo_requested")
            .await,
    )
    .await;
    assert_eq!(dashboard["items"][0]["overdue"], true, "{dashboard}");

    // The scheduled reminders include it too (the day after the due date).
    assert_eq!(app.svc.send_scheduled_reminders().await.unwrap(), 1);
    // A new photo ends the reminders.
    let r = app
        .upload(&m.secret, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["needs_attention"], false);
    assert_eq!(h["overdue"], false);
    app.clock.set("2026-03-18T10:00:00Z".parse().unwrap());
    let r = app.post(&team.token, &format!("{path}/remind")).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    app.run_jobs().await;
    app.finish().await;
}
