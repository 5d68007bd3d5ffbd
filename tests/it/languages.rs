//! Members' pages and the team's emails in English, German, French or
//! Spanish: the team's setting first, then the browser's `Accept-Language`;
//! dates and amounts written the language's way.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use teamshot::domain::HeadshotStatus;

/// The member's page as a browser asking for `accept` sees it.
async fn member_page_in(app: &TestApp, secret: &str, accept: &str) -> String {
    browser()
        .get(format!("{}/m/{secret}", app.base))
        .header("Accept-Language", accept)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// A photo the instant checks refuse: too small in bytes and in pixels.
fn tiny_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 200, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut out = std::io::Cursor::new(Vec::new());
    img.write_to(&mut out, image::ImageFormat::Png).unwrap();
    out.into_inner()
}

#[tokio::test]
async fn the_members_page_speaks_the_browsers_language_until_the_team_chooses_one() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    // Today is Mon 2 Mar 2026; photos are due Mon 16 Mar.
    let invited = app.headshot_at(&team, HeadshotStatus::Invited).await;

    let html = member_page_in(&app, &invited.secret, "de-CH,de;q=0.9,en;q=0.5").await;
    assert!(html.contains(r#"<html lang="de">"#), "{html}");
    assert!(html.contains("Anleitung starten"), "{html}");
    assert!(html.contains("Mo., 16. März (in 14 Tagen)"), "{html}");
    assert!(
        html.contains("Zum Inhalt springen"),
        "the frame too: {html}"
    );

    let html = member_page_in(&app, &invited.secret, "es-MX, fr;q=0.8").await;
    assert!(html.contains(r#"<html lang="es">"#), "{html}");
    assert!(html.contains("lun., 16 mar."), "{html}");

    // A language we do not speak: English.
    let html = member_page_in(&app, &invited.secret, "ja, zh;q=0.8").await;
    assert!(html.contains(r#"<html lang="en">"#));
    assert!(html.contains("Start the tutorial"));

    // The team chooses French: every member reads French, whatever the
    // browser says.
    let r = app
        .patch_json(&team.token, "/team", json!({"language": "fr"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["language"], "fr");
    let html = member_page_in(&app, &invited.secret, "de").await;
    assert!(html.contains(r#"<html lang="fr">"#), "{html}");
    assert!(html.contains("lun. 16 mars"), "{html}");

    // A language we do not offer is refused and changes nothing.
    let r = app
        .patch_json(&team.token, "/team", json!({"language": "it"}))
        .await;
    assert!(r.status().is_client_error(), "{}", r.status());
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["language"], "fr");
    assert_eq!(
        t["members_may_spend"], false,
        "untouched by a language change"
    );

    // Back to each browser's language.
    let r = app
        .patch_json(&team.token, "/team", json!({"language": "auto"}))
        .await;
    assert_eq!(json(r).await["language"], "auto");
    let html = member_page_in(&app, &invited.secret, "de").await;
    assert!(html.contains(r#"<html lang="de">"#));
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_refused_photo_is_explained_in_the_members_language() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    // What the team asks for, from the studio's default catalogue: said in
    // the member's language too.
    let r = app
        .client
        .put(app.api("/team/preferences"))
        .bearer_auth(&team.token)
        .json(&json!({"qc_reasons": ["face_camera"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let m = app
        .headshot_at(&team, HeadshotStatus::TutorialStarted)
        .await;
    let client = browser();
    let url = format!("{}/m/{}", app.base, m.secret);
    let html = client
        .get(&url)
        .header("Accept-Language", "de")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Mein Foto hochladen"), "{html}");
    assert!(html.contains("Schauen Sie in die Kamera"), "{html}");
    assert!(!html.contains("Face the camera"), "{html}");
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf(&html))
        .part(
            "photo",
            reqwest::multipart::Part::bytes(tiny_png())
                .file_name("p.png")
                .mime_str("image/png")
                .unwrap(),
        );
    let r = client
        .post(format!("{url}/photo"))
        .header("Accept-Language", "de")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Bitte korrigieren Sie Folgendes:"), "{html}");
    assert!(
        html.contains("Das Foto hat 300×200 Pixel"),
        "the check's verdict in German, with its numbers: {html}"
    );
    assert!(!html.contains("The photo is 300×200 pixels"), "{html}");
    // The API keeps its English words for integrations.
    let r = app
        .upload(&m.secret, "/me/photo", "photo", tiny_png())
        .await;
    let body = r.text().await.unwrap();
    assert!(body.contains("The photo is 300×200 pixels"), "{body}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_teams_emails_follow_its_language_and_a_leader_sets_it_on_the_style_page() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page("/team/style").await;
    assert!(html.contains(r#"<option value="auto" selected>"#), "{html}");
    let r = leader
        .post("/team/style/language", &[("language", "es")])
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("are now in Español"), "{html}");
    assert!(html.contains(r#"<option value="es" selected>"#), "{html}");
    let r = leader
        .post("/team/style/language", &[("language", "xx")])
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("Choose one of the listed languages"),
        "{html}"
    );

    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    assert_eq!(
        app.invite(&team, "ana@acme.test").await.status(),
        StatusCode::CREATED
    );
    app.run_jobs().await;
    let welcome = app
        .emails()
        .await
        .into_iter()
        .find(|e| e.to == "ana@acme.test")
        .expect("the welcome");
    assert!(
        welcome.subject.contains("tu retrato"),
        "{}",
        welcome.subject
    );
    assert!(welcome.text.starts_with("Hola, Ana:"), "{}", welcome.text);
    assert!(
        welcome.text.contains("lun., 16 mar."),
        "the due day in Spanish: {}",
        welcome.text
    );
    assert!(welcome.html.contains(r#"<html lang="es">"#));
    app.finish().await;
}

#[tokio::test]
async fn a_file_too_large_is_refused_in_the_members_language() {
    let app = TestApp::spawn_with(|s| s.photo.max_upload_bytes = 100_000).await;
    let team = app.team().await;
    let m = app
        .headshot_at(&team, HeadshotStatus::TutorialStarted)
        .await;
    let client = browser();
    let url = format!("{}/m/{}", app.base, m.secret);
    let get = client.get(&url).header("Accept-Language", "es");
    let html = get.send().await.unwrap().text().await.unwrap();
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf(&html))
        .part(
            "photo",
            reqwest::multipart::Part::bytes(vec![7u8; 300_000])
                .file_name("big.jpg")
                .mime_str("image/jpeg")
                .unwrap(),
        );
    let r = client
        .post(format!("{url}/photo"))
        .header("Accept-Language", "es")
        .multipart(form)
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(html.contains("Corrige lo siguiente:"), "{html}");
    assert!(
        html.contains("El archivo supera el límite de 100 KB"),
        "{html}"
    );
    app.run_jobs().await;
    app.finish().await;
}
