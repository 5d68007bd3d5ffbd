//! Periodic refresh: with the clock the tests control, an approved member
//! is asked for a new headshot on the morning their last one turns N months
//! old — one credit, one new headshot, once however many runs race — and
//! the old headshot stays until the new one is approved, then steps aside.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::HeadshotStatus;

async fn headshots(app: &TestApp, team: &Team) -> Vec<Value> {
    json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn credits(app: &TestApp, team: &Team) -> i64 {
    json(app.get(&team.token, "/team").await).await["credits"]["available"]
        .as_i64()
        .unwrap()
}

async fn set_months(app: &TestApp, team: &Team, months: i64) -> reqwest::Response {
    app.patch_json(&team.token, "/team", json!({"refresh_months": months}))
        .await
}

#[tokio::test]
async fn an_approved_member_is_refreshed_once_and_the_old_headshot_steps_aside_on_approval() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let old = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let old_view = json(
        app.get(&team.token, &format!("/headshots/{}", old.id))
            .await,
    )
    .await;
    let email = old_view["member"]["email"].as_str().unwrap().to_string();
    assert_eq!(set_months(&app, &team, 12).await.status(), StatusCode::OK);
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;

    // The day before, and the morning itself before the studio's hour
    // (09:00 in Paris): nothing yet.
    for at in ["2027-03-01T10:00:00Z", "2027-03-02T07:00:00Z"] {
        app.clock.set(at.parse().unwrap());
        let run = app.svc.start_due_refreshes().await.unwrap();
        assert_eq!(run.started, 0, "{at}");
    }
    // 10:00 in Paris, twelve months after the approval: two runs at once
    // (two processes) start one refresh.
    app.clock.set("2027-03-02T09:00:00Z".parse().unwrap());
    let (a, b) = tokio::join!(app.svc.start_due_refreshes(), app.svc.start_due_refreshes());
    assert_eq!(a.unwrap().started + b.unwrap().started, 1);
    assert_eq!(app.svc.start_due_refreshes().await.unwrap().started, 0);
    assert_eq!(credits(&app, &team).await, 0, "one credit taken");

    let list = headshots(&app, &team).await;
    assert_eq!(
        list.len(),
        2,
        "the old headshot stays until the new is approved"
    );
    let new = list.iter().find(|h| h["id"] != old.id.as_str()).unwrap();
    assert_eq!(new["status"], "invited");
    assert_eq!(new["refresh_of"], old.id.as_str());
    assert_eq!(new["member"]["email"], email.as_str());
    // Two weeks to send the new photo.
    assert_eq!(new["due_date"], "2027-03-16");

    app.run_jobs().await;
    let mails = app.emails_to(&email).await;
    let welcome = mails
        .iter()
        .find(|m| m.text.contains("is refreshing its headshots"))
        .expect("the refresh's welcome email");
    assert!(
        welcome
            .text
            .contains("stays in use until you approve the new one")
    );
    let new_url = new["member_url"].as_str().unwrap();
    assert!(welcome.text.contains(new_url), "the new personal link");

    // The old headshot's history says what happened.
    let events = json(
        app.get(&team.token, &format!("/headshots/{}", old.id))
            .await,
    )
    .await;
    assert!(
        events["events"].to_string().contains("refresh started"),
        "{events}"
    );

    // The member sends a photo; once the new headshot is approved, the old
    // one steps aside: kept, but no longer listed.
    let refresh = crate::fixtures::Member {
        id: new["id"].as_str().unwrap().to_string(),
        secret: secret_of(new_url),
    };
    app.move_invited_to(&team, &refresh, HeadshotStatus::Approved)
        .await;
    let list = headshots(&app, &team).await;
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["id"], refresh.id.as_str());
    let kept = json(
        app.get(&team.token, &format!("/headshots/{}", old.id))
            .await,
    )
    .await;
    assert_eq!(kept["status"], "approved");
    assert!(kept["replaced_at"].is_string(), "{kept}");
    // Its old link asks for no more changes: they go to the new headshot.
    let r = app
        .post_json(&old.secret, "/me/re-edit", json!({"notes": "Brighter"}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r)
            .await
            .to_string()
            .contains("replaced by a newer one")
    );
    // Neither the old headshot nor the new one is due again so soon.
    assert_eq!(app.svc.start_due_refreshes().await.unwrap().started, 0);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_refresh_waits_for_credits_and_leaves_re_invited_members_alone() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let waiting = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let again = app.headshot_at(&team, HeadshotStatus::Approved).await;
    // A leader invited the second member again already: that is their
    // newest headshot, and no refresh is due for them.
    let again_email = json(
        app.get(&team.token, &format!("/headshots/{}", again.id))
            .await,
    )
    .await["member"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    assert_eq!(
        app.invite(&team, &again_email).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(set_months(&app, &team, 6).await.status(), StatusCode::OK);

    app.clock.set("2026-09-02T09:00:00Z".parse().unwrap());
    let run = app.svc.start_due_refreshes().await.unwrap();
    assert_eq!(
        (run.started, run.waiting_for_credits),
        (0, 1),
        "no credit left"
    );
    assert_eq!(headshots(&app, &team).await.len(), 3, "nothing made");

    // The leader's page says who waits.
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page("/team/refresh").await;
    assert!(
        html.contains("1 member is due but the team has 0 credits"),
        "{html}"
    );

    // Credits added: the next run starts it, for the waiting member only.
    app.grant(&team, &admin, 5).await;
    let run = app.svc.start_due_refreshes().await.unwrap();
    assert_eq!((run.started, run.waiting_for_credits), (1, 0));
    let list = headshots(&app, &team).await;
    let refreshes: Vec<&Value> = list
        .iter()
        .filter(|h| h["refresh_of"].is_string())
        .collect();
    assert_eq!(refreshes.len(), 1);
    assert_eq!(refreshes[0]["refresh_of"], waiting.id.as_str());
    assert_eq!(credits(&app, &team).await, 4);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn leaders_choose_the_period_on_the_page_and_in_the_api() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    app.headshot_at(&team, HeadshotStatus::Approved).await;

    // The API refuses what it cannot do, and changes nothing then.
    let r = app
        .patch_json(
            &team.token,
            "/team",
            json!({"refresh_months": 61, "members_may_spend": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await.to_string().contains("1 to 60 months"));
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["refresh_months"], Value::Null);
    assert_eq!(t["members_may_spend"], false);

    // The page: off at first, then every year with who comes next.
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page("/team/refresh").await;
    assert!(
        html.contains(r#"<option value="0" selected>Never</option>"#),
        "{html}"
    );
    let r = leader.post("/team/refresh", &[("months", "12")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Saved: each approved member gets a new headshot 12 months"));
    assert!(
        html.contains("2 Mar 2027"),
        "the member's refresh day: {html}"
    );
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["refresh_months"],
        12
    );

    let html = leader
        .post("/team/refresh", &[("months", "soon")])
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Refresh every 1 to 60 months"), "{html}");
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["refresh_months"],
        12
    );

    // Off again through the API; the audit log has both.
    assert_eq!(set_months(&app, &team, 0).await.status(), StatusCode::OK);
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["refresh_months"],
        Value::Null
    );
    let audit = leader.page("/team/audit").await;
    assert!(audit.contains("every 12 months") && audit.contains("turned refreshes off"));

    // The share link may not spend credits on refreshes.
    let share = reqwest::Client::new()
        .get(format!("{}/refresh", team.share_url))
        .send()
        .await
        .unwrap();
    assert_eq!(share.status(), StatusCode::FORBIDDEN);
    app.run_jobs().await;
    app.finish().await;
}
