//! A studio starts from nothing, in Chromium against the real binary and a
//! real SMTP server: the first-run setup with the printed code, a retoucher
//! invited by email, a client team created (its leader's welcome arrives),
//! the Get started page opened and a company signing up by invoice, then
//! the reports page and the invoice's PDF show what happened.

use crate::chromium::Browser;
use crate::end_to_end::{received_by, smtp_server};
use crate::helpers::csrf;
use crate::invoices::pdf_text;
use crate::processes::{Backend, Killed, free_port, wait_for};
use reqwest::StatusCode;
use std::process::Stdio;

/// The link in an email's text that starts with `prefix`.
fn link_from(text: &str, prefix: &str) -> String {
    text.split_whitespace()
        .find(|w| w.starts_with(prefix))
        .unwrap_or_else(|| panic!("no {prefix} link in:\n{text}"))
        .to_string()
}

/// The one email received for `to`, once it arrived: (subject, text).
async fn mail_for(maildir: &std::path::Path, to: &str) -> (String, String) {
    wait_for(&format!("the email to {to}"), || {
        !received_by(maildir, to).is_empty()
    })
    .await;
    let (subject, _, text) = received_by(maildir, to).remove(0);
    (subject, text)
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver, aiosmtpd and pdftotext; scripts/test installs them and runs this"]
async fn a_studio_starts_from_an_empty_data_folder_and_its_reports_show_what_happened() {
    let backend = Backend::new();
    let maildir = backend.dir.path().join("mail");
    let smtp_port = free_port();
    let _smtp = smtp_server(smtp_port, &maildir);
    wait_for("the SMTP server", || {
        std::net::TcpStream::connect(("127.0.0.1", smtp_port)).is_ok()
    })
    .await;
    let port = free_port();
    let base = format!("http://127.0.0.1:{port}");
    let log = backend.dir.path().join("serve.log");
    let mut serve = backend.command("studio");
    serve
        .args(["--listen", &format!("127.0.0.1:{port}")])
        .args(["--smtp-url", &format!("smtp://127.0.0.1:{smtp_port}")])
        .args(["--public-url", &base])
        .env("TEAMSHOT_CUTOUTS", "false")
        .arg("serve")
        .stderr(Stdio::from(std::fs::File::create(&log).unwrap()));
    let _server = Killed(serve.spawn().unwrap());
    wait_for("the server", || {
        std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
    })
    .await;
    // The code `serve` printed for the first run.
    wait_for("the setup code in the log", || {
        std::fs::read_to_string(&log).is_ok_and(|l| l.contains("First run: open"))
    })
    .await;
    let code = {
        let printed = std::fs::read_to_string(&log).unwrap();
        let line = printed
            .lines()
            .find(|l| l.contains("First run: open"))
            .unwrap_or_else(|| panic!("no setup code in the log:\n{printed}"));
        line.rsplit(' ').next().unwrap().trim().to_string()
    };

    let b = Browser::start().await;
    // Setup: the first admin and the studio.
    b.goto(&format!("{base}/")).await;
    b.wait_for_text("set up your studio").await;
    b.fill("#su-code", &code).await;
    b.fill("#su-studio", "Lumen Portraits").await;
    b.fill("#su-tz", "Europe/Rome").await;
    b.fill("#su-name", "Ada Lovelace").await;
    b.fill("#su-email", "ada@lumen.example").await;
    b.fill("#su-pw", "a long enough password").await;
    b.click("form[action='/setup'] button[type=submit]").await;
    b.wait_for_text("Invite").await;

    // A retoucher, invited by email (retoucher is the form's default).
    b.fill("#inv-name", "Rae Retoucher").await;
    b.fill("#inv-email", "rae@lumen.example").await;
    b.click("form[action='/studio/staff'] button[type=submit]")
        .await;
    b.wait_for_text("rae@lumen.example").await;
    let (subject, text) = mail_for(&maildir, "rae@lumen.example").await;
    assert!(subject.contains("Lumen Portraits"), "{subject}");
    assert!(text.contains("Retoucher"), "{text}");
    link_from(&text, &format!("{base}/login/link/"));

    // A client team, made on the console: its leader's welcome arrives.
    b.goto(&format!("{base}/studio")).await;
    b.fill("#tname", "Northwind").await;
    b.fill("#lname", "Nora North").await;
    b.fill("#lemail", "nora@northwind.example").await;
    b.click("form[action='/studio/teams'] button[type=submit]")
        .await;
    b.wait_for_text("Team created").await;
    let (subject, text) = mail_for(&maildir, "nora@northwind.example").await;
    assert!(subject.contains("Northwind"), "{subject}");
    link_from(&text, &format!("{base}/login/link/"));

    // The Get started page, opened in the settings.
    b.goto(&format!("{base}/studio/settings")).await;
    b.click("#s-self").await;
    b.click("form[action='/studio/settings'] button[type=submit]")
        .await;
    b.wait_for_text("Settings saved").await;

    // A company signs up: nothing exists until the emailed link is
    // confirmed; then the team, its leader signed in, and its invoice.
    b.goto(&format!("{base}/get-started")).await;
    b.fill("#gs-company", "Acme Italia").await;
    b.fill("#gs-name", "Rita Moreno").await;
    b.fill("#gs-email", "rita@acme.example").await;
    b.fill("#gs-qty", "12").await;
    b.click("form[action='/get-started'] button[type=submit]")
        .await;
    b.wait_for_text("Check your email").await;
    let (subject, text) = mail_for(&maildir, "rita@acme.example").await;
    assert!(subject.contains("Acme Italia"), "{subject}");
    let confirm = link_from(&text, &format!("{base}/get-started/confirm/"));
    b.goto(&confirm).await;
    b.wait_for_text("$720.00").await;
    b.click("form button[type=submit]").await;
    b.wait_for_text("Sign out").await;
    assert!(
        b.client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/team")
    );

    // The admin's reports: the sale of the day, the open invoice.
    b.sign_in(&base, "ada@lumen.example", "a long enough password")
        .await;
    b.goto(&format!("{base}/studio/reports")).await;
    let reports = b.wait_for_text("Acme Italia").await;
    assert!(reports.contains("$720.00"), "{reports}");
    assert!(reports.contains("#1001"), "{reports}");
    assert!(reports.contains("Northwind"), "{reports}");
    let html = b.client.source().await.unwrap();
    let at = html
        .find("/studio/invoices/")
        .expect("the open invoice links to its page");
    let invoice = html[at..].split('"').next().unwrap().to_string();
    b.stop().await;

    // The invoice's PDF holds the same numbers (signed in as the admin).
    let c = crate::helpers::browser();
    let login = crate::helpers::page(&c, &format!("{base}/login")).await;
    let r = c
        .post(format!("{base}/login"))
        .form(&[
            ("csrf", csrf(&login)),
            ("email", "ada@lumen.example".into()),
            ("password", "a long enough password".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = c.get(format!("{base}{invoice}/pdf")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let text = pdf_text(&r.bytes().await.unwrap());
    for expected in [
        "Invoice #1001",
        "Lumen Portraits",
        "Acme Italia",
        "12 headshot credits",
        "$720.00",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} missing from:\n{text}"
        );
    }
}
