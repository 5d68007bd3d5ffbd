//! A burst of uploads with real job runners: the cut-outs queue in their
//! own lane, first come first served, while welcome emails and webhooks
//! keep going out.

use crate::helpers::*;
use crate::webhooks::Receiver;
use reqwest::StatusCode;
use serde_json::json;

const BURST: usize = 20;

#[tokio::test]
async fn a_burst_of_uploads_never_holds_up_mail_or_webhooks() {
    let app = TestApp::spawn_with(|s| {
        s.cutouts = true;
        s.workers = 2;
        s.webhook_allow_private = true;
    })
    .await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, BURST as i64 + 1).await;
    let receiver = Receiver::start(vec![]).await;
    let r = app
        .post_json(
            &team.token,
            "/webhooks",
            json!({"url": receiver.url, "events": ["headshot.status_changed"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);

    let mut uploaded = Vec::new();
    for n in 0..BURST {
        let h = json(app.invite(&team, &format!("m{n}@acme.test")).await).await;
        let id = h["id"].as_str().unwrap().to_string();
        let path = format!("/headshots/{id}/photo");
        let r = app.upload(&team.token, &path, "photo", good_photo()).await;
        assert!(r.status().is_success(), "upload {n}: {}", r.status());
        uploaded.push(id);
    }
    // Right after the burst: one more invitation.
    let r = app.invite(&team, "late@acme.test").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    wait_until(
        60,
        "the late welcome email and every upload's webhook",
        || async {
            let mailed = app
                .emails()
                .await
                .iter()
                .any(|e| e.to.contains("late@acme.test"));
            mailed && receiver.events().len() >= BURST
        },
    )
    .await;
    let made = drafts_made(&app).await;
    eprintln!(
        "{} of {BURST} cut-outs made when the mail and webhooks were out",
        made.len()
    );
    assert!(
        made.len() < BURST,
        "the mail went out while cut-outs were still queued ({} made)",
        made.len()
    );
    // First come, first served: the drafts made are the first uploads'.
    wait_until(180, "two drafts", || async {
        drafts_made(&app).await.len() >= 2
    })
    .await;
    let mut made = drafts_made(&app).await;
    let mut expected = uploaded[..made.len()].to_vec();
    expected.sort();
    made.sort();
    assert_eq!(made, expected);

    app.stop();
    sqlx::query("DELETE FROM jobs WHERE kind = 'cutout'")
        .execute(&app.svc.db.pool)
        .await
        .unwrap();
    app.finish().await;
}

async fn drafts_made(app: &TestApp) -> Vec<String> {
    sqlx::query_scalar("SELECT headshot_id FROM cutouts")
        .fetch_all(&app.svc.db.pool)
        .await
        .unwrap()
}
