//! The journey through the pages over real HTTP (cookies, CSRF tokens,
//! redirects), one step per test: each starts from the state the step
//! needs (`headshot_at`) and proves that step.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use teamshot::domain::HeadshotStatus;

/// A member's browser on their personal page.
fn member_link(app: &TestApp, secret: &str) -> String {
    format!("{}/m/{secret}", app.base)
}

/// Posts a page's only-a-button form (its CSRF token and nothing else).
async fn press(c: &reqwest::Client, url: &str, html: &str) -> reqwest::Response {
    c.post(url)
        .form(&[("csrf", csrf(html))])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_sign_in_link_signs_the_leader_in_once() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = browser();
    let html = page(&leader, &team.login_url).await;
    let r = press(&leader, &team.login_url, &html).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = press(&leader, &team.login_url, &html).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "a link works once");
    page(&leader, &format!("{}/team", app.base)).await;
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_invite_form_explains_an_early_due_date_and_keeps_what_was_typed() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    assert!(
        leader
            .page("/team")
            .await
            .contains("1</strong> credits available")
    );
    let mut fields = [
        ("first_name", "Ana"),
        ("last_name", "Silva"),
        ("email", "ana@acme.test"),
        ("due_date", "2026-03-03"),
    ];
    let html = leader
        .post("/team/invite", &fields)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("at least 5 days"), "{html}");
    assert!(html.contains("value=\"ana@acme.test\""), "kept: {html}");
    fields[3].1 = "2026-03-20";
    let html = leader
        .post("/team/invite", &fields)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ana Silva is invited"), "{html}");
    assert!(
        leader
            .page("/team")
            .await
            .contains("0</strong> credits available")
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_emailed_link_leads_the_member_through_the_tutorial_to_quality_check() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    assert_eq!(
        app.invite(&team, "ana@acme.test").await.status(),
        StatusCode::CREATED
    );
    app.run_jobs().await;
    let mail = app.emails_to("ana@acme.test").await.pop().unwrap();
    let link = mail
        .text
        .lines()
        .find(|l| l.contains("/m/"))
        .expect("the welcome carries the personal link")
        .trim()
        .to_string();
    let member = browser();
    let html = page(&member, &link).await;
    assert!(html.contains("Email Opened"), "{html}");
    let r = press(&member, &format!("{link}/start"), &html).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&member, &link).await;
    assert!(html.contains("Tutorial Started"));
    // The camera is offered, not forced: no `capture`, so phones let the
    // member pick a photo from their library as well.
    assert!(html.contains("name=\"photo\" type=\"file\"") && !html.contains("capture="));
    let upload = |data: Vec<u8>, html: String| {
        let form = reqwest::multipart::Form::new()
            .text("csrf", csrf(&html))
            .part(
                "photo",
                reqwest::multipart::Part::bytes(data).file_name("p.jpg"),
            );
        member.post(format!("{link}/photo")).multipart(form).send()
    };
    let html = upload(photo("hopper.jpg"), html)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("at least 600 KB"),
        "the failed check is shown"
    );
    let html = upload(good_photo(), html)
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("In Quality Check"), "{html}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_wrong_staff_password_is_explained_and_the_right_one_signs_in() {
    let app = TestApp::spawn().await;
    let (email, created) = app.staff_account("admin").await;
    let stranger = browser();
    let html = page(&stranger, &format!("{}/login", app.base)).await;
    let wrong = [
        ("csrf", csrf(&html)),
        ("email", email.clone()),
        ("password", "wrong-password".into()),
    ];
    let r = stranger
        .post(format!("{}/login", app.base))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("do not match"));
    let studio = signed_in_with_password(&app, &email, created.password).await;
    page(&studio, &format!("{}/studio", app.base)).await;
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn quality_check_passes_on_the_page_and_moves_on_to_the_next_photo() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let studio = PageClient::staff(&app, "qc").await;
    let html = studio.page("/studio").await;
    assert!(
        html.contains("<strong>1</strong> waiting for quality check"),
        "{html}"
    );
    let html = studio.page("/studio/qc").await;
    assert!(
        html.contains(&format!("/studio/headshots/{}/", m.id)),
        "{html}"
    );
    assert_eq!(
        studio
            .client
            .get(format!("{}/studio/photo/{}", app.base, m.id))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "staff see the original"
    );
    let path = format!("/studio/headshots/{}/quality-check", m.id);
    let r = studio.post(&path, &[("decision", "pass")]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "on to the next photo");
    let next = r.headers()["location"].to_str().unwrap().to_string();
    let html = studio.page(&next).await;
    assert!(html.contains("In Retouching"), "{html}");
    assert!(html.contains("Nothing waiting"), "{html}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_retoucher_delivers_from_the_page_and_outsiders_never_get_the_original() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let studio = PageClient::staff(&app, "retoucher").await;
    let path = format!("/studio/headshots/{}/deliver", m.id);
    let r = studio.post_file(&path, "image", good_photo()).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Delivered Ana Silva"), "{html}");
    let original = format!("{}/studio/photo/{}", app.base, m.id);
    let member = browser();
    page(&member, &member_link(&app, &m.secret)).await;
    let r = member.get(&original).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "to the sign-in page");
    let leader = signed_in_with_link(&team.login_url).await;
    let r = leader.get(&original).send().await.unwrap();
    assert_ne!(r.status(), StatusCode::OK, "a leader is not staff");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_delivered_member_sees_the_preview_then_approves_and_downloads_the_final() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let link = member_link(&app, &m.secret);
    let member = browser();
    // Delivered means the files exist: no "being prepared" step.
    let html = page(&member, &link).await;
    assert!(html.contains("Watermarked preview"), "{html}");
    let r = press(&member, &format!("{link}/approve"), &html).await;
    assert!(r.status().is_redirection(), "{}", r.status());
    let html = page(&member, &link).await;
    assert!(html.contains("Approved"));
    let href = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.contains("/files/"))
        .expect("a download link")
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let r = member.get(&href).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let disposition = r.headers()["content-disposition"].to_str().unwrap();
    assert!(disposition.starts_with("attachment"), "{disposition}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_outbox_history_and_share_link_show_an_approved_headshot() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    let admin = PageClient::staff(&app, "admin").await;
    assert!(
        admin
            .page("/studio/outbox")
            .await
            .contains("your headshot is ready")
    );
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page(&format!("/team/headshots/{}", m.id)).await;
    assert!(
        html.contains("uploaded a photo") && html.contains("approved"),
        "{html}"
    );
    let html = page(&browser(), &team.share_url).await;
    assert!(
        html.contains("Completed Headshots") && html.contains("Ana"),
        "{html}"
    );
    app.run_jobs().await;
    app.finish().await;
}
