//! Credits and payments: prices, invoices, idempotency, expediting, studio grants (Stripe: `billing_stripe.rs`).

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

#[tokio::test]
async fn quotes_follow_the_headcount_and_large_teams_need_a_rate() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let quote = |n: i64| {
        app.client
            .get(app.api(&format!("/credits/quote?quantity={n}")))
            .bearer_auth(&team.token)
            .send()
    };
    assert_eq!(
        json(quote(50).await.unwrap()).await,
        json!({"quantity": 50, "unit_price_cents": 6000, "total_cents": 300000})
    );
    assert_eq!(
        json(quote(51).await.unwrap()).await["total_cents"],
        51 * 5500
    );
    let r = quote(1001).await.unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(json(r).await["detail"].as_str().unwrap().contains("quote"));
    assert_eq!(
        quote(0).await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        app.get(&team.token, "/credits/quote").await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // Buying 50 moves the team to the next tier for the next purchase.
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 50}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        json(quote(1).await.unwrap()).await["unit_price_cents"],
        5500
    );
    // The studio sets a rate for a large team.
    let r = app
        .client
        .put(app.api(&format!("/studio/teams/{}/rate", team.id)))
        .bearer_auth(&admin)
        .json(&json!({"unit_price_cents": 3500}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        json(quote(1001).await.unwrap()).await["total_cents"],
        1001 * 3500
    );
    app.finish().await;
}

#[tokio::test]
async fn an_invoice_grants_credits_at_once_and_staff_mark_it_paid() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 3}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let body = json(r).await;
    assert_eq!(body["credits"]["available"], 3);
    let payment = &body["payment"];
    assert_eq!(payment["provider"], "invoice");
    assert_eq!(payment["status"], "pending");
    assert_eq!(payment["amount_cents"], 18000);
    let id = payment["id"].as_str().unwrap();
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(ledger["items"][0]["kind"], "purchase");
    assert_eq!(ledger["items"][0]["amount_cents"], 18000);
    // Only studio admins mark invoices paid, once.
    assert_eq!(
        app.post(&team.token, &format!("/studio/payments/{id}/mark-paid"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let r = app
        .post(&admin, &format!("/studio/payments/{id}/mark-paid"))
        .await;
    assert_eq!(json(r).await["status"], "paid");
    assert_eq!(
        app.post(&admin, &format!("/studio/payments/{id}/mark-paid"))
            .await
            .status(),
        StatusCode::CONFLICT
    );
    let all = json(app.get(&admin, "/studio/payments").await).await;
    assert_eq!(all["items"][0]["team_name"], "Acme");
    app.finish().await;
}

#[tokio::test]
async fn the_same_idempotency_key_buys_once_even_at_the_same_time() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let send = |q: i64| {
        app.client
            .post(app.api("/credits/purchase"))
            .bearer_auth(&team.token)
            .header("Idempotency-Key", "order-42")
            .json(&json!({"quantity": q}))
            .send()
    };
    let (a, b) = tokio::join!(send(5), send(5));
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let (a, b) = (json(a).await, json(b).await);
    assert_eq!(a["payment"]["id"], b["payment"]["id"]);
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["purchased"], 5);
    assert_eq!(
        json(app.get(&team.token, "/payments").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    // The same key for another request is refused.
    let r = send(6).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A refusal is replayed as well, without a second attempt.
    let bad = || {
        app.client
            .post(app.api("/credits/purchase"))
            .bearer_auth(&team.token)
            .header("Idempotency-Key", "bad")
            .json(&json!({"quantity": 0}))
            .send()
    };
    assert_eq!(
        bad().await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    assert_eq!(
        bad().await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    app.finish().await;
}

#[tokio::test]
async fn expediting_charges_the_fee_and_moves_the_deadline() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "a@acme.test").await).await;
    let id = h["id"].as_str().unwrap();
    app.upload(
        &team.token,
        &format!("/headshots/{id}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    let send = || {
        app.client
            .post(app.api(&format!("/headshots/{id}/expedite")))
            .bearer_auth(&team.token)
            .header("Idempotency-Key", "exp-1")
            .send()
    };
    let r = send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = json(r).await;
    assert_eq!(body["headshot"]["expedited"], true);
    // Uploaded Monday 09:00: expedited means the end of Tuesday.
    assert_eq!(body["headshot"]["retouch_due_at"], "2026-03-03T23:59:59Z");
    assert_eq!(body["payment"]["amount_cents"], 2000);
    assert_eq!(
        json(send().await.unwrap()).await["payment"]["id"],
        body["payment"]["id"],
        "replayed, not charged twice"
    );
    let r = app
        .post(&team.token, &format!("/headshots/{id}/expedite"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "already expedited");
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let fees: Vec<&Value> = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "fee_expedite")
        .collect();
    assert_eq!(fees.len(), 1);
    assert_eq!(fees[0]["headshot_id"], id);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn two_hundred_concurrent_invites_against_fifty_credits_make_fifty() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 50).await;
    let attempts = (0..200).map(|i| {
        let (app, team) = (&app, &team);
        async move { app.invite(team, &format!("p{i}@acme.test")).await.status() }
    });
    let statuses = futures::future::join_all(attempts).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::PAYMENT_REQUIRED)
        .count();
    assert_eq!((created, refused), (50, 150));
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(
        (
            t["credits"]["available"].as_i64(),
            t["credits"]["used"].as_i64()
        ),
        (Some(0), Some(50))
    );
    assert_eq!(
        teamshot::db::ledger::balance(&app.svc.db.pool, &team.id)
            .await
            .unwrap(),
        0
    );
    // Fifty welcomes, and one low-credit notice to the leader: the balance
    // crossed the mark once, however many invites raced past it.
    assert_eq!(app.run_jobs().await, 51);
    app.finish().await;
}

#[tokio::test]
async fn studio_gifts_do_not_lower_the_tier_and_take_backs_and_refunds_need_a_reason() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 60).await;
    let quote = json(app.get(&team.token, "/credits/quote?quantity=1").await).await;
    assert_eq!(
        quote["unit_price_cents"], 6000,
        "60 free credits bought nothing: {quote}"
    );
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["purchased"], 0);
    assert_eq!(t["credits"]["available"], 60);

    let credits = format!("/studio/teams/{}/credits", team.id);
    let r = app
        .post_json(&admin, &credits, json!({"quantity": -5}))
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a reason is required"
    );
    let r = app
        .post_json(
            &admin,
            &credits,
            json!({"quantity": -61, "note": "over-granted"}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not below zero"
    );
    let r = app
        .post_json(
            &admin,
            &credits,
            json!({"quantity": -5, "note": "over-granted"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app
        .post_json(
            &admin,
            &credits,
            json!({"quantity": 0, "refund_cents": 1500, "note": "late delivery"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 55);
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let kinds: Vec<(String, i64, i64)> = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["kind"].as_str().unwrap().to_string(),
                e["credits"].as_i64().unwrap(),
                e["amount_cents"].as_i64().unwrap(),
            )
        })
        .collect();
    assert!(kinds.contains(&("adjustment".into(), -5, 0)), "{kinds:?}");
    assert!(
        kinds.contains(&("money_refund".into(), 0, -1500)),
        "{kinds:?}"
    );
    assert_eq!(kinds.len(), 3);

    // A credit that finds nothing to return (the count says none is used)
    // writes no refund row.
    let h = json(app.invite(&team, "a@acme.test").await).await;
    sqlx::query("UPDATE teams SET credits_used = 0 WHERE id = $1")
        .bind(&team.id)
        .execute(&app.svc.db.pool)
        .await
        .unwrap();
    let r = app
        .client
        .delete(app.api(&format!("/headshots/{}", h["id"].as_str().unwrap())))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let refunds = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "refund")
        .count();
    assert_eq!(refunds, 0, "{ledger}");
    app.run_jobs().await;
    app.finish().await;
}
