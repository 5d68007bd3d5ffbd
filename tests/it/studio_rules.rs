//! Every number of the studio's rules is a setting: changing it through
//! `PUT /studio/settings` changes what the product does.

use crate::helpers::*;
use crate::re_edit::{delivered, re_edit};
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::HeadshotStatus;

/// Saves the studio's settings with `change` applied to its rules.
async fn set_rules(
    app: &TestApp,
    admin: &str,
    change: impl FnOnce(&mut Value),
) -> reqwest::Response {
    let mut settings = json(app.get(admin, "/studio/settings").await).await;
    change(&mut settings["rules"]);
    app.client
        .put(app.api("/studio/settings"))
        .bearer_auth(admin)
        .json(&settings)
        .send()
        .await
        .unwrap()
}

async fn ok(r: reqwest::Response) {
    let status = r.status();
    assert_eq!(status, StatusCode::OK, "{}", r.text().await.unwrap());
}

async fn cancel(app: &TestApp, id: &str, body: Value, who: &str) -> StatusCode {
    app.post_json(who, &format!("/studio/headshots/{id}/cancel"), body)
        .await
        .status()
}

fn invite(email: &str, due: &str) -> Value {
    json!({"first_name": "Ana", "last_name": "Silva", "email": email, "due_date": due})
}

#[tokio::test]
async fn the_credit_tiers_and_the_notice_before_a_due_date_are_the_studios() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let defaults = json(app.get(&admin, "/studio/settings").await).await;
    assert_eq!(
        defaults["rules"]["tiers"][0],
        json!({"up_to": 50, "unit_price_cents": 6000})
    );
    assert_eq!(defaults["rules"]["min_due_days"], 5);

    // Tiers must grow; every problem is named by field.
    let r = set_rules(&app, &admin, |r| {
        r["tiers"] = json!([{"up_to": 20, "unit_price_cents": 6500}, {"up_to": 10, "unit_price_cents": 7000}]);
        r["min_due_days"] = json!(-2);
    })
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["rules.tiers", "rules.min_due_days"]);

    ok(set_rules(&app, &admin, |r| {
        r["tiers"] = json!([{"up_to": 10, "unit_price_cents": 7000}, {"up_to": 20, "unit_price_cents": 6500}]);
        r["min_due_days"] = json!(10);
    })
    .await)
    .await;
    let quote = "/credits/quote?quantity=";
    let r = app.get(&team.token, &format!("{quote}5")).await;
    assert_eq!(json(r).await["unit_price_cents"], 7000);
    let r = app.get(&team.token, &format!("{quote}15")).await;
    assert_eq!(json(r).await["unit_price_cents"], 6500);
    let r = app.get(&team.token, &format!("{quote}25")).await;
    assert_eq!(
        r.status(),
        StatusCode::CONFLICT,
        "above the last tier: by quote"
    );
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["unit_price_cents"],
        7000
    );

    // Today is 2 March: the 7th was fine with five days' notice, not with ten.
    app.grant(&team, &admin, 2).await;
    let r = app
        .post_json(
            &team.token,
            "/headshots",
            invite("a@acme.test", "2026-03-07"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let detail = json(r).await.to_string();
    assert!(
        detail.contains("at least 10 days") && detail.contains("2026-03-12"),
        "{detail}"
    );
    let r = app
        .post_json(
            &team.token,
            "/headshots",
            invite("a@acme.test", "2026-03-12"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_guarantee_lasts_as_long_as_the_studio_says() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.patch_json(&team.token, "/team", json!({"members_may_spend": true}))
        .await;
    app.grant(&team, &admin, 2).await;
    let (_, a) = delivered(&app, &team, &admin, "a@acme.test").await;
    let (_, b) = delivered(&app, &team, &admin, "b@acme.test").await;
    app.run_jobs().await;
    app.clock.advance(SignedDuration::from_hours(24 * 35));
    let (status, body) = re_edit(&app, &a).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["payment"]["amount_cents"], 2000, "day 35 of 30: paid");
    ok(set_rules(&app, &admin, |r| r["guarantee_days"] = json!(45)).await).await;
    let (_, body) = re_edit(&app, &b).await;
    assert_eq!(body["payment"], Value::Null, "day 35 of 45: free");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn reminders_follow_the_studios_gap_and_count_before_needing_attention() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());
    let remind = format!("{path}/remind");
    assert!(app.post(&team.token, &remind).await.status().is_success());
    app.clock.advance(SignedDuration::from_hours(3));
    assert_eq!(
        app.post(&team.token, &remind).await.status(),
        StatusCode::CONFLICT,
        "24 hours apart by default"
    );
    ok(set_rules(&app, &admin, |r| {
        r["reminder_gap_hours"] = json!(2);
        r["reminders_before_attention"] = json!(2);
    })
    .await)
    .await;
    assert_eq!(
        json(app.get(&team.token, &path).await).await["needs_attention"],
        false
    );
    assert!(
        app.post(&team.token, &remind).await.status().is_success(),
        "two hours apart now"
    );
    assert_eq!(
        json(app.get(&team.token, &path).await).await["needs_attention"],
        true,
        "two reminders and no photo"
    );
    // Scheduled reminders stay once a reminder day, however short the gap
    // between a leader's reminders: 09:00 and 15:00 in Paris on the 13th.
    app.run_jobs().await;
    for at in ["2026-03-13T08:00:00Z", "2026-03-13T14:00:00Z"] {
        app.clock.set(at.parse().unwrap());
        app.svc.send_scheduled_reminders().await.unwrap();
    }
    app.run_jobs().await;
    let scheduled = app
        .emails_to("a@acme.test")
        .await
        .into_iter()
        .filter(|m| m.subject.starts_with("Reminder"))
        .count();
    assert_eq!(scheduled, 3, "the two by hand and one scheduled");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_style_offers_as_many_extra_backgrounds_as_the_studio_allows() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let library = json(app.get(&team.token, "/backgrounds").await).await;
    let free: Vec<String> = library["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["id"].as_str().unwrap().to_string())
        .collect();
    let style = json!({"name": "Web", "background_id": free[0], "shape": "square", "background_color": "#ffffff", "outline_color": "#1F2A44", "outline_width": 0, "extra_background_ids": [free[1], free[2], free[3]]});
    let r = app.post_json(&team.token, "/styles", style.clone()).await;
    assert_eq!(
        error_fields(r).await,
        ["extra_background_ids"],
        "two by default"
    );
    ok(set_rules(&app, &admin, |r| r["extra_backgrounds"] = json!(3)).await).await;
    let r = app.post_json(&team.token, "/styles", style).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(
        set_rules(&app, &admin, |r| r["extra_backgrounds"] = json!(11))
            .await
            .status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    app.finish().await;
}

/// The ledger rows of one headshot, as (kind, credits, amount_cents).
async fn ledger_of(app: &TestApp, team: &Team, id: &str) -> Vec<(String, i64, i64)> {
    json(app.get(&team.token, "/ledger").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["headshot_id"] == id)
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["credits"].as_i64().unwrap(),
                e["amount_cents"].as_i64().unwrap(),
            )
        })
        .collect()
}

#[tokio::test]
async fn an_expedite_for_a_headshot_deleted_before_retouching_comes_back_as_the_studio_chooses() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let mut ids = Vec::new();
    for email in ["a@acme.test", "b@acme.test"] {
        let h = json(app.invite(&team, email).await).await;
        let id = h["id"].as_str().unwrap().to_string();
        let r = app
            .post(&team.token, &format!("/headshots/{id}/expedite"))
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        ids.push(id);
    }
    // As a credit (the default): the invite's credit and one for the fee.
    let r = app
        .delete(&team.token, &format!("/headshots/{}", ids[0]))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let rows = ledger_of(&app, &team, &ids[0]).await;
    assert!(rows.contains(&("refund".into(), 1, 0)), "{rows:?}");
    assert_eq!(
        rows.iter().filter(|r| r.0 == "refund").count(),
        2,
        "{rows:?}"
    );
    assert_eq!(app.available(&team).await, 2);
    // As money: the fee, in the payment's currency.
    ok(set_rules(&app, &admin, |r| r["expedite_refund"] = json!("money")).await).await;
    let r = app
        .delete(&team.token, &format!("/headshots/{}", ids[1]))
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let rows = ledger_of(&app, &team, &ids[1]).await;
    assert!(
        rows.contains(&("money_refund".into(), 0, -2000)),
        "{rows:?}"
    );
    assert_eq!(app.available(&team).await, 3);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn support_cancels_a_headshot_after_upload_with_a_reason() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let success = app.staff("success").await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    let kept = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let returned = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let approved = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    let reason = json!({"reason": "Left the company", "return_credit": true});
    assert_eq!(
        cancel(&app, &returned.id, reason.clone(), &qc).await,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        cancel(&app, &returned.id, reason.clone(), &team.token).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        cancel(&app, &returned.id, json!({"reason": " "}), &success).await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        cancel(&app, &approved.id, reason.clone(), &success).await,
        StatusCode::CONFLICT
    );
    // Approved once, then sent back for a (paid) re-edit: still not
    // cancellable.
    app.patch_json(&team.token, "/team", json!({"members_may_spend": true}))
        .await;
    let r = app
        .post_json(
            &approved.secret,
            "/me/re-edit",
            json!({"notes": "Brighter, please"}),
        )
        .await;
    assert_eq!(json(r).await["headshot"]["status"], "re_edit_requested");
    assert_eq!(
        cancel(&app, &approved.id, reason.clone(), &success).await,
        StatusCode::CONFLICT
    );
    let before = app.available(&team).await;
    // Sent twice at once: cancelled once, one credit back.
    let (a, b) = tokio::join!(
        cancel(&app, &returned.id, reason.clone(), &success),
        cancel(&app, &returned.id, reason.clone(), &success)
    );
    let mut both = [a, b];
    both.sort();
    assert_eq!(both[0], StatusCode::NO_CONTENT, "{both:?}");
    assert_ne!(both[1], StatusCode::NO_CONTENT, "{both:?}");
    assert_eq!(app.available(&team).await, before + 1);
    let kept_reason = json!({"reason": "Duplicate of another invitation"});
    assert_eq!(
        cancel(&app, &kept.id, kept_reason, &admin).await,
        StatusCode::NO_CONTENT
    );
    assert_eq!(app.available(&team).await, before + 1, "credit kept");
    assert_eq!(
        app.get(&team.token, &format!("/headshots/{}", kept.id))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let audit = json(app.get(&admin, "/studio/audit").await)
        .await
        .to_string();
    assert!(
        audit.contains("Left the company") && audit.contains("credit returned"),
        "{audit}"
    );
    assert!(audit.contains("credit kept"), "{audit}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn an_admin_sets_a_teams_own_rate_on_the_console() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = crate::fixtures::PageClient::staff(&app, "admin").await;
    let path = format!("/studio/teams/{}/rate", team.id);
    let r = admin.post(&path, &[("price", "thirty")]).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("e.g. 38.50"));
    let r = admin.post(&path, &[("price", "38.50")]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Acme now pays $38.50 per credit")
    );
    let quote = json(app.get(&team.token, "/credits/quote?quantity=2000").await).await;
    assert_eq!(quote["unit_price_cents"], 3850, "by quote, above the tiers");
    let qc = crate::fixtures::PageClient::staff(&app, "qc").await;
    assert_eq!(
        qc.post(&path, &[("price", "1")]).await.status(),
        StatusCode::FORBIDDEN
    );
    app.finish().await;
}

#[tokio::test]
async fn support_cancels_from_the_help_request_that_asked() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let r = app
        .post_json(
            &team.token,
            "/support-requests",
            json!({"kind": "other", "headshot_ids": [m.id], "message": "Ana has left: please cancel her headshot."}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.run_jobs().await;
    let before = app.available(&team).await;
    let success = crate::fixtures::PageClient::staff(&app, "success").await;
    let inbox = success.page("/studio/support").await;
    assert!(inbox.contains("Cancel Ana Silva's headshot"), "{inbox}");
    let path = format!("/studio/headshots/{}/cancel", m.id);
    let r = success.post(&path, &[("reason", " ")]).await;
    assert!(r.text().await.unwrap().contains("Say why"));
    let r = success
        .post(
            &path,
            &[("reason", "Left the company"), ("return_credit", "on")],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("The headshot is cancelled"), "{html}");
    assert!(!html.contains("Cancel Ana Silva"), "no longer offered");
    assert_eq!(app.available(&team).await, before + 1);
    app.finish().await;
}
