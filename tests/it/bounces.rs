//! Mail that bounced for good: marked *Email bounced*, no more mail to that
//! address until a leader corrects it. Reported by the studio's mail
//! provider (the API), or refused by a real SMTP server (aiosmtpd) with a
//! 5xx at sending.

use crate::fixtures::PageClient;
use crate::helpers::*;
use crate::processes::{Killed, free_port, wait_for};
use reqwest::StatusCode;
use serde_json::json;
use std::process::{Command, Stdio};

#[tokio::test]
async fn a_reported_bounce_stops_mail_until_the_address_is_corrected() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 2).await;
    let h = json(app.invite(&team, "gone@acme.test").await).await;
    let id = h["id"].as_str().unwrap().to_string();
    assert_eq!(h["member"]["email_bounced_at"], json!(null));
    app.run_jobs().await;
    assert_eq!(
        app.emails_to("gone@acme.test").await.len(),
        1,
        "the welcome"
    );

    // Only the studio's admins report bounces.
    let report = json!({"email": "Gone@acme.test", "reason": "550 5.1.1 user unknown"});
    let r = app
        .post_json(&team.token, "/studio/bounces", report.clone())
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "a studio route");
    let qc = app.staff("qc").await;
    let r = app.post_json(&qc, "/studio/bounces", report.clone()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .post_json(
            &admin,
            "/studio/bounces",
            json!({"email": "not an address"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Reported twice (providers retry their webhooks): marked once.
    let r = app
        .post_json(&admin, "/studio/bounces", report.clone())
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["marked"], 1);
    let r = app.post_json(&admin, "/studio/bounces", report).await;
    assert_eq!(json(r).await["marked"], 0);

    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert!(h["member"]["email_bounced_at"].is_string(), "{h}");
    assert_eq!(h["member"]["email_bounce"], "550 5.1.1 user unknown");

    // No more mail: a reminder is refused with what to do.
    let r = app
        .post_json(&team.token, &format!("/headshots/{id}/remind"), json!({}))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body = json(r).await;
    assert!(
        body["detail"].as_str().unwrap().contains("correct"),
        "{body}"
    );

    // The status CSV says so.
    let csv = app.get(&team.token, "/headshots/export.csv").await;
    let csv = csv.text().await.unwrap();
    assert!(csv.lines().nth(1).unwrap().ends_with(",no,yes"), "{csv}");

    // The dashboard flags it and the headshot page says why.
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page("/team").await;
    assert!(html.contains("Email bounced"), "{html}");
    assert!(html.contains("1 email bounced"), "{html}");
    let html = leader.page("/team?status=bounced").await;
    assert!(html.contains("gone@acme.test"), "{html}");
    let html = leader.page(&format!("/team/headshots/{id}")).await;
    assert!(html.contains("550 5.1.1 user unknown"), "{html}");

    // Corrected: the mark goes, a new welcome goes to the new address.
    let r = app
        .patch_json(
            &team.token,
            &format!("/headshots/{id}"),
            json!({"email": "back@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["member"]["email_bounced_at"], json!(null));
    app.run_jobs().await;
    assert_eq!(app.emails_to("back@acme.test").await.len(), 1);
    assert_eq!(
        app.emails_to("gone@acme.test").await.len(),
        1,
        "nothing more"
    );
    app.finish().await;
}

#[tokio::test]
async fn mail_queued_before_the_bounce_is_not_sent() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    // The welcome is queued, the bounce of an earlier mail arrives first.
    let h = json(app.invite(&team, "old@acme.test").await).await;
    let r = app
        .post_json(&admin, "/studio/bounces", json!({"email": "old@acme.test"}))
        .await;
    assert_eq!(json(r).await["marked"], 1);
    app.run_jobs().await;
    assert!(app.emails_to("old@acme.test").await.is_empty());
    let h = json(
        app.get(
            &team.token,
            &format!("/headshots/{}", h["id"].as_str().unwrap()),
        )
        .await,
    )
    .await;
    assert_eq!(
        h["member"]["email_bounce"],
        "reported as bounced by the mail provider"
    );
    app.finish().await;
}

/// An SMTP server that refuses `nobody@…` for good (550), `busy@…` for now
/// (451) and `policy@…` by its policy (550 5.7.1: the studio's setup, not
/// the address), and accepts everyone else.
fn refusing_smtp_server(port: u16) -> Killed {
    const SERVER: &str = r#"
import sys, time
from aiosmtpd.controller import Controller
class Handler:
    async def handle_RCPT(self, server, session, envelope, address, options):
        if address.startswith("nobody@"):
            return "550 5.1.1 <%s>: Recipient address rejected: User unknown" % address
        if address.startswith("busy@"):
            return "451 4.3.0 Try again later"
        if address.startswith("policy@"):
            return "550 5.7.1 Relaying denied"
        envelope.rcpt_tos.append(address)
        return "250 OK"
    async def handle_DATA(self, server, session, envelope):
        return "250 Message accepted"
Controller(Handler(), hostname="127.0.0.1", port=int(sys.argv[1])).start()
while True:
    time.sleep(3600)
"#;
    let python = std::env::var("TEAMSHOT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let child = Command::new(&python)
        .args(["-c", SERVER, &port.to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {python} with aiosmtpd ({e}); run scripts/test, which installs it")
        });
    Killed(child)
}

#[tokio::test]
#[ignore = "needs an SMTP server (Python aiosmtpd); scripts/test installs it and runs this"]
async fn a_5xx_from_the_smtp_server_marks_the_address_and_a_4xx_is_retried() {
    let port = free_port();
    let _smtp = refusing_smtp_server(port);
    wait_for("the SMTP server", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
    let app = TestApp::spawn_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{port}").into());
    })
    .await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 4).await;
    let ids: Vec<String> = {
        let mut ids = Vec::new();
        for email in [
            "nobody@acme.test",
            "busy@acme.test",
            "ana@acme.test",
            "policy@acme.test",
        ] {
            let h = json(app.invite(&team, email).await).await;
            ids.push(h["id"].as_str().unwrap().to_string());
        }
        ids
    };
    app.run_jobs().await;
    let member = |id: String| {
        let app = &app;
        let token = team.token.clone();
        async move { json(app.get(&token, &format!("/headshots/{id}")).await).await["member"].clone() }
    };
    let refused = member(ids[0].clone()).await;
    assert!(refused["email_bounced_at"].is_string(), "{refused}");
    let said = refused["email_bounce"].as_str().unwrap();
    assert!(said.contains("550"), "{said}");
    // A temporary refusal is retried later, not marked.
    let busy = member(ids[1].clone()).await;
    assert_eq!(busy["email_bounced_at"], json!(null), "{busy}");
    let accepted = member(ids[2].clone()).await;
    assert_eq!(accepted["email_bounced_at"], json!(null));
    // A refusal by policy is the studio's to fix: retried, not marked.
    let policy = member(ids[3].clone()).await;
    assert_eq!(policy["email_bounced_at"], json!(null), "{policy}");
    // The refused welcome is not left to be retried; the busy one is.
    let waiting: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE kind = 'mail'")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert_eq!(
        waiting, 2,
        "the 451 and the policy refusal wait for a retry"
    );
    // That retry is minutes away; this test ends before it.
    sqlx::query("DELETE FROM jobs WHERE kind = 'mail'")
        .execute(&app.svc.db.pool)
        .await
        .unwrap();
    app.finish().await;
}

#[tokio::test]
async fn a_wrong_bounce_is_cleared_by_saving_the_address_unchanged() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "fixed@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());
    app.run_jobs().await;
    let r = app
        .post_json(
            &admin,
            "/studio/bounces",
            json!({"email": "fixed@acme.test"}),
        )
        .await;
    assert_eq!(json(r).await["marked"], 1);

    // The mailbox works again: saved unchanged, twice at once (a double
    // click), the mark goes and one welcome is sent.
    let same = json!({"email": "fixed@acme.test"});
    let (a, b) = tokio::join!(
        app.patch_json(&team.token, &path, same.clone()),
        app.patch_json(&team.token, &path, same.clone()),
    );
    assert_eq!(a.status(), StatusCode::OK);
    assert_eq!(b.status(), StatusCode::OK);
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["member"]["email_bounced_at"], json!(null), "{h}");
    app.run_jobs().await;
    assert_eq!(app.emails_to("fixed@acme.test").await.len(), 2);
    app.finish().await;
}
