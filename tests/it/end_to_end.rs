//! The real binary over real HTTP, with a real SMTP server (aiosmtpd)
//! receiving the welcome email, whose link the test follows.
//!
//! Needs Python with aiosmtpd: `scripts/test` provides it and sets
//! `TEAMSHOT_TEST_PYTHON`; without it this test fails with that advice.

use crate::helpers::{good_photo, json};
use crate::processes::{Backend, Killed, free_port, wait_for};
use reqwest::StatusCode;
use serde_json::json;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

pub(crate) fn smtp_server(port: u16, maildir: &Path) -> Killed {
    let python = std::env::var("TEAMSHOT_TEST_PYTHON").unwrap_or_else(|_| "python3".into());
    let child = Command::new(&python)
        .args([
            "-m",
            "aiosmtpd",
            "-n",
            "-l",
            &format!("127.0.0.1:{port}"),
            "-c",
            "aiosmtpd.handlers.Mailbox",
        ])
        .arg(maildir)
        .stdout(Stdio::null())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start {python} -m aiosmtpd ({e}); run scripts/test, which installs it")
        });
    Killed(child)
}

fn received(maildir: &Path) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    for sub in ["new", "cur"] {
        if let Ok(rd) = std::fs::read_dir(maildir.join(sub)) {
            for e in rd.flatten() {
                out.push(std::fs::read(e.path()).unwrap());
            }
        }
    }
    out
}

/// The emails received for `to`: (subject, to, text) each.
pub(crate) fn received_by(maildir: &Path, to: &str) -> Vec<(String, String, String)> {
    received(maildir)
        .iter()
        .map(|raw| text_body(raw))
        .filter(|(_, t, _)| t.contains(to))
        .collect()
}

fn text_body(raw: &[u8]) -> (String, String, String) {
    let mail = mailparse::parse_mail(raw).unwrap();
    let subject = mail
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    let to = mail
        .headers
        .iter()
        .find(|h| h.get_key() == "To")
        .unwrap()
        .get_value();
    let text = mail
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .map(|p| p.get_body().unwrap())
        .unwrap_or_default();
    (subject, to, text)
}

#[tokio::test]
#[ignore = "needs an SMTP server (Python aiosmtpd); scripts/test installs it and runs this"]
async fn the_real_binary_sends_the_welcome_email_over_smtp_and_its_link_works() {
    let backend = Backend::new();
    let maildir = backend.dir.path().join("mail");
    let smtp_port = free_port();
    let _smtp = smtp_server(smtp_port, &maildir);
    wait_for("the SMTP server", || {
        std::net::TcpStream::connect(("127.0.0.1", smtp_port)).is_ok()
    })
    .await;

    let admin = backend.run(&[
        "staff",
        "add",
        "--email",
        "ada@studio.test",
        "--name",
        "Ada",
        "--role",
        "admin",
    ]);
    for k in ["id", "api_token", "password"] {
        assert!(admin[k].is_string(), "{k}");
    }
    let admin = admin["api_token"].as_str().unwrap().to_string();
    let team = backend.run(&[
        "team",
        "add",
        "--name",
        "Acme",
        "--leader-email",
        "lee@acme.test",
        "--leader-name",
        "Lee",
        "--timezone",
        "Europe/Paris",
    ]);
    let team_token = team["api_token"].as_str().unwrap().to_string();

    let port = free_port();
    let mut serve = backend.command("data");
    serve
        .args([
            "--listen",
            &format!("127.0.0.1:{port}"),
            "--smtp-url",
            &format!("smtp://127.0.0.1:{smtp_port}"),
        ])
        .arg("serve")
        .stderr(Stdio::null());
    let mut server = Killed(serve.spawn().unwrap());
    let base = format!("http://127.0.0.1:{port}");
    wait_for("the server", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;

    let c = crate::helpers::http_client();
    let api = |p: &str| format!("{base}/api/v1{p}");
    let r = c.get(format!("{base}/healthz")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let team_id = team["team_id"].as_str().unwrap();
    let r = c
        .post(api(&format!("/studio/teams/{team_id}/credits")))
        .bearer_auth(&admin)
        .json(&json!({"quantity": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let due = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(10))
        .unwrap()
        .to_string();
    let r = c
        .post(api("/headshots"))
        .bearer_auth(&team_token)
        .json(&json!({"first_name": "Ana", "last_name": "Silva", "email": "ana@acme.test", "due_date": due}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = json(r).await["id"].as_str().unwrap().to_string();

    // The workers inside `serve` send it; it arrives at the SMTP server.
    wait_for("the welcome email", || {
        !received_by(&maildir, "ana@acme.test").is_empty()
    })
    .await;
    let mut mails = received_by(&maildir, "ana@acme.test");
    assert_eq!(mails.len(), 1);
    let (subject, to, text) = mails.remove(0);
    assert!(subject.contains("your headshot for Acme"), "{subject}");
    assert!(to.contains("ana@acme.test"));
    let link = text
        .lines()
        .find(|l| l.contains("/m/"))
        .expect("the email has the personal link")
        .trim()
        .to_string();
    assert!(link.starts_with(&base), "{link}");

    // Follow the link from the email.
    let page = c.get(&link).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("Hello Ana"));
    let secret = link.rsplit('/').next().unwrap();
    let me = json(c.get(api("/me")).bearer_auth(secret).send().await.unwrap()).await;
    assert_eq!(me["headshot"]["status"], "email_opened");
    let form = reqwest::multipart::Form::new().part(
        "photo",
        reqwest::multipart::Part::bytes(good_photo()).file_name("me.jpg"),
    );
    let r = c
        .post(api("/me/photo"))
        .bearer_auth(secret)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = c
        .post(api(&format!("/studio/headshots/{id}/quality-check")))
        .bearer_auth(&admin)
        .json(&json!({"decision": "pass"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let form = reqwest::multipart::Form::new().part(
        "image",
        reqwest::multipart::Part::bytes(good_photo()).file_name("done.jpg"),
    );
    let r = c
        .post(api(&format!("/studio/headshots/{id}/deliver")))
        .bearer_auth(&admin)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    wait_for("the delivery email", || {
        received_by(&maildir, "ana@acme.test").len() == 2
    })
    .await;
    // The team's first leader was welcomed too, with a sign-in link.
    let leader = received_by(&maildir, "lee@acme.test");
    assert_eq!(leader.len(), 1);
    assert!(leader[0].0.contains("Acme's headshots"), "{}", leader[0].0);
    assert!(
        leader[0].2.contains(&format!("{base}/login/link/")),
        "{}",
        leader[0].2
    );
    let r = c
        .post(api("/me/approve"))
        .bearer_auth(secret)
        .send()
        .await
        .unwrap();
    assert_eq!(json(r).await["status"], "approved");
    let files = json(
        c.get(api("/me/files"))
            .bearer_auth(secret)
            .send()
            .await
            .unwrap(),
    )
    .await;
    let url = files
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["watermarked"] == false)
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().len() > 100_000);

    // SIGTERM: a graceful stop with exit code 0.
    let pid = server.0.id();
    assert!(
        Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .unwrap()
            .success()
    );
    let start = Instant::now();
    let status = loop {
        if let Some(s) = server.0.try_wait().unwrap() {
            break s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "serve did not stop on SIGTERM"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    assert!(status.success(), "{status:?}");
    // Exactly three emails: none sent twice.
    assert_eq!(received(&maildir).len(), 3);
}

#[tokio::test]
#[ignore = "needs an SMTP server (Python aiosmtpd); scripts/test installs it and runs this"]
async fn mail_waits_while_the_smtp_server_is_down_and_is_sent_once_it_is_back() {
    let smtp_port = free_port();
    let app = crate::helpers::TestApp::spawn_with(|s| {
        s.smtp_url = Some(format!("smtp://127.0.0.1:{smtp_port}").into());
    })
    .await;
    let admin = app.staff("admin").await;
    // Nobody listens yet: the new team's welcome to its leader fails and
    // waits for a retry, and so does the member's.
    let team = app.team().await;
    assert_eq!(app.pending_jobs().await, 1);
    app.grant(&team, &admin, 1).await;
    assert_eq!(
        app.invite(&team, "ana@acme.test").await.status(),
        StatusCode::CREATED
    );
    assert_eq!(app.run_jobs().await, 1);
    assert_eq!(app.pending_jobs().await, 2);
    assert_eq!(app.run_jobs().await, 0, "not retried before their backoff");

    let dir = tempfile::tempdir().unwrap();
    let maildir = dir.path().join("mail");
    let _smtp = smtp_server(smtp_port, &maildir);
    wait_for("the SMTP server", || {
        std::net::TcpStream::connect(("127.0.0.1", smtp_port)).is_ok()
    })
    .await;
    app.clock.advance(jiff::SignedDuration::from_secs(31));
    assert_eq!(app.run_jobs().await, 2);
    wait_for("both welcome emails", || received(&maildir).len() >= 2).await;
    assert_eq!(app.run_jobs().await, 0);
    assert_eq!(received(&maildir).len(), 2, "each sent exactly once");
    app.finish().await;
}
