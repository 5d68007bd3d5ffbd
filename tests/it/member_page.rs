//! The member's page says where they are and what comes next, in words and
//! in the team's time zone; a leader opening it acts as the leader.

use crate::helpers::*;
use teamshot::domain::HeadshotStatus;

/// The member's page, and the step marked current on its progress line.
async fn member_page(app: &TestApp, secret: &str) -> (String, String) {
    let html = page(&browser(), &format!("{}/m/{secret}", app.base)).await;
    // Approved: every step is done, none is current.
    let current = match html.find("aria-current=\"step\"") {
        Some(at) => {
            let rest = html[at..].split("</span>").nth(1).unwrap();
            rest[..rest.find("</li>").unwrap()].to_string()
        }
        None => String::new(),
    };
    (html, current)
}

#[tokio::test]
async fn the_member_sees_where_they_are_and_what_comes_next() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    // Today is Mon 2 Mar 2026; photos are due Mon 16 Mar.
    let invited = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let (html, current) = member_page(&app, &invited.secret).await;
    assert_eq!(current, "Your photo");
    assert!(
        html.contains("upload it by Mon 16 Mar (in 14 days)"),
        "{html}"
    );

    let checking = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let (html, current) = member_page(&app, &checking.secret).await;
    assert_eq!(current, "Quality check");
    assert!(html.contains("The photo you sent"), "{html}");
    assert!(html.contains("/photos/"), "the picture of their photo");
    assert!(
        !html.contains("upload it by"),
        "no upload wording once sent"
    );
    assert!(
        html.contains("your retouched headshot is due by Thu 5 Mar."),
        "the promised day, as people say it: {html}"
    );

    let delivered = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let (html, current) = member_page(&app, &delivered.secret).await;
    assert_eq!(current, "Ready to review");
    assert!(html.contains("approve it to download"), "{html}");
    assert!(!html.contains("upload it by"), "{html}");

    // Past the due date, the wording says so.
    app.clock.set("2026-03-18T10:00:00Z".parse().unwrap());
    let (html, _) = member_page(&app, &invited.secret).await;
    assert!(
        html.contains("as soon as you can (it was due Mon 16 Mar (2 days ago))"),
        "{html}"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_leader_on_the_members_page_is_recorded_as_the_leader() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let leader = crate::helpers::PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page(&format!("/m/{}", m.secret)).await;
    assert!(html.contains("as a leader of the team"), "{html}");
    let path = format!("/headshots/{}", m.id);
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["status"], "invited", "not opened by the member");

    let r = leader.post(&format!("/m/{}/start", m.secret), &[]).await;
    assert!(
        r.status().is_success() || r.status().is_redirection(),
        "{}",
        r.status()
    );
    let h = json(app.get(&team.token, &path).await).await;
    assert_eq!(h["status"], "tutorial_started");
    let events = h["events"].as_array().unwrap();
    let started = events.last().unwrap();
    assert!(
        started["actor"]
            .as_str()
            .unwrap()
            .contains("on the member's page"),
        "{started}"
    );
    assert!(
        started["actor"].as_str().unwrap().starts_with("leader"),
        "{started}"
    );

    // The member's own visit still counts as opening the email.
    let other = app.headshot_at(&team, HeadshotStatus::Invited).await;
    page(&browser(), &format!("{}/m/{}", app.base, other.secret)).await;
    let h = json(
        app.get(&team.token, &format!("/headshots/{}", other.id))
            .await,
    )
    .await;
    assert_eq!(h["status"], "email_opened");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_member_sees_what_approval_gives_and_downloads_it_all_at_once() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let zip_url = format!("{}/m/{}/headshot.zip", app.base, m.secret);
    let (html, _) = member_page(&app, &m.secret).await;
    assert!(html.contains("Approving gives you"), "{html}");
    assert!(html.contains("square ·"), "each file described: {html}");
    let early = browser().get(&zip_url).send().await.unwrap();
    assert_eq!(
        early.status(),
        reqwest::StatusCode::CONFLICT,
        "not before approval"
    );

    let approved = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let (html, _) = member_page(&app, &approved.secret).await;
    assert!(html.contains("Download all files (ZIP)"), "{html}");
    let files = json(app.get(&approved.secret, "/me/files").await).await;
    let finals = files
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["watermarked"] == false)
        .count();
    let r = browser()
        .get(format!("{}/m/{}/headshot.zip", app.base, approved.secret))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let bytes = r.bytes().await.unwrap();
    let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(zip.len(), finals, "every final, nothing else");
    assert!(finals > 0);
    app.run_jobs().await;
    app.finish().await;
}
