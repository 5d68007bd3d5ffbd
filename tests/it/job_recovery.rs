//! Jobs that never finish are given up instead of running forever; admins
//! see them and put them back.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_job_that_kills_its_runner_is_given_up_then_retried_on_request() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    // An account email for someone who no longer exists: when it finally
    // runs, it has nothing to do and leaves the queue.
    let mut tx = app.svc.db.begin().await.unwrap();
    let payload = teamshot::queue::AccountMail {
        user_id: "gone".into(),
        invited_by: None,
        occasion: Default::default(),
        team_id: None,
    };
    teamshot::queue::enqueue(&mut tx, &payload, app.svc.now_ms())
        .await
        .unwrap();
    tx.commit().await.unwrap();

    // Its runner dies on every attempt: claimed, never reported, the lease
    // runs out, claimed again…
    let lease = app.svc.settings.job_lease_ms;
    let mut claims = 0;
    loop {
        let now = app.svc.now_ms();
        match teamshot::db::jobs::claim(
            &app.svc.db,
            "doomed",
            now,
            lease,
            &teamshot::queue::JobKind::ALL,
        )
        .await
        .unwrap()
        {
            Some(_) => claims += 1,
            None => break,
        }
        app.clock
            .advance(jiff::SignedDuration::from_millis(lease + 1000));
        assert!(claims <= 100, "claimed forever");
    }
    assert_eq!(
        claims,
        teamshot::queue::MAX_ATTEMPTS,
        "every attempt counted"
    );
    assert_eq!(app.pending_jobs().await, 0, "given up at claim time");

    let dead = json(app.get(&admin, "/studio/jobs/dead").await).await;
    let items = dead["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{dead}");
    assert_eq!(items[0]["kind"], "account_mail");
    assert!(
        items[0]["last_error"]
            .as_str()
            .unwrap()
            .contains("runner stopped")
    );
    assert_eq!(
        app.get(&qc, "/studio/jobs/dead").await.status(),
        StatusCode::FORBIDDEN
    );
    let metrics = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        metrics.contains("teamshot_jobs_dead{kind=\"account_mail\"} 1"),
        "{metrics}"
    );

    // An unknown id is named; then every dead job goes back and runs.
    let r = app
        .post_json(&admin, "/studio/jobs/dead/retry", json!({"id": "nope"}))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post_json(&admin, "/studio/jobs/dead/retry", json!({}))
        .await;
    assert_eq!(json(r).await["revived"], 1);
    assert_eq!(app.pending_jobs().await, 1);
    assert_eq!(app.run_jobs().await, 1);
    let audit = json(app.get(&admin, "/studio/audit").await).await;
    assert!(audit.to_string().contains("dead job(s) back in the queue"));
    app.finish().await;
}
