//! The studio in real Chromium: quality check by keyboard (pass, then a
//! request for a new photo), a retoucher's claim and delivery, and a custom
//! background from the team's request to its approved mock-up.

use crate::chromium::Browser;
use crate::helpers::*;

/// A studio user who signs in with a password: (email, password, API token).
async fn staff_login(app: &TestApp, role: &str, name: &str) -> (String, String, String) {
    let email = format!("{role}-{}@studio.test", uuid::Uuid::new_v4().simple());
    let created = app
        .svc
        .create_staff(
            &email,
            name,
            teamshot::domain::StaffRole::parse(role).unwrap(),
        )
        .await
        .unwrap();
    (email, created.password, created.api_token)
}

async fn uploaded(app: &TestApp, team: &Team, email: &str) -> String {
    let id = json(app.invite(team, email).await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.upload(
        &team.token,
        &format!("/headshots/{id}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    id
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn quality_check_by_keyboard_then_claim_and_deliver() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let first = uploaded(&app, &team, "a@acme.test").await;
    let second = uploaded(&app, &team, "b@acme.test").await;
    let (qc_email, qc_pw, _) = staff_login(&app, "qc", "Quinn Checker").await;
    let (rt_email, rt_pw, _) = staff_login(&app, "retoucher", "Rita Retoucher").await;
    let b = Browser::start().await;

    // QC: one key passes the first photo and the next one is already there.
    b.sign_in(&app.base, &qc_email, &qc_pw).await;
    b.goto(&format!("{}/studio/qc", app.base)).await;
    b.wait_for_text("2 waiting").await;
    b.press('p').await;
    let text = b.wait_for_text("1 waiting").await;
    assert!(text.contains("In Retouching"), "{text}");

    // The second: reason 1 by its number, a note, R to send.
    b.press('1').await;
    b.press('n').await;
    b.type_text("Please look straight into the camera").await;
    b.press('\u{e00c}').await; // Escape leaves the note; keys act on the page again
    b.press('r').await;
    b.wait_for_text("Nothing waiting").await;
    let h = json(app.get(&team.token, &format!("/headshots/{second}")).await).await;
    assert_eq!(h["status"], "new_photo_requested");
    assert_eq!(h["qc_reasons"][0]["code"], "business_attire");
    assert_eq!(h["qc_note"], "Please look straight into the camera");
    let h = json(app.get(&team.token, &format!("/headshots/{first}")).await).await;
    assert_eq!(h["status"], "in_retouching");

    // The retoucher claims the job, then delivers a cut-out.
    b.sign_in(&app.base, &rt_email, &rt_pw).await;
    b.goto(&format!("{}/studio", app.base)).await;
    let text = b.wait_for_text("in retouching").await;
    assert!(text.contains("Ana Silva · Acme"), "{text}");
    b.click(&format!(
        "form[action='/studio/headshots/{first}/claim'] button"
    ))
    .await;
    b.wait_for_text("is yours").await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("cutout.png");
    std::fs::write(&file, cutout_png()).unwrap();
    b.attach(&format!("#img-{first}"), &file).await;
    b.click(&format!(
        "form[action='/studio/headshots/{first}/deliver'] button"
    ))
    .await;
    b.wait_for_text("Delivered Ana Silva").await;
    app.run_jobs().await;
    let subjects: Vec<String> = app.emails().await.into_iter().map(|m| m.subject).collect();
    assert!(
        subjects
            .iter()
            .any(|s| s.contains("please send a new photo"))
            && subjects.iter().any(|s| s.contains("ready for review")),
        "{subjects:?}"
    );
    let files = json(
        app.get(&team.token, &format!("/headshots/{first}/files"))
            .await,
    )
    .await;
    assert_eq!(
        files.as_array().unwrap().len(),
        1,
        "the watermarked preview until approval"
    );
    b.stop().await;
    app.finish().await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn a_team_approves_a_custom_background_mockup() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let (sx_email, sx_pw, _) = staff_login(&app, "success", "Sam Success").await;
    let b = Browser::start().await;
    let dir = tempfile::tempdir().unwrap();
    let reference = dir.path().join("lobby.jpg");
    std::fs::write(&reference, photo("hopper.jpg")).unwrap();
    let mockup = dir.path().join("mockup.jpg");
    std::fs::write(&mockup, good_photo()).unwrap();

    // The leader asks, with a reference picture (the invoice grants at once).
    b.goto(&format!("{}/custom-background", team.share_url))
        .await;
    b.fill("#cb-notes", "Our lobby: warm wood and plants").await;
    b.attach("#cb-refs", &reference).await;
    b.click("form[enctype='multipart/form-data'] button[type=submit]")
        .await;
    b.wait_for_text("The studio will send mock-ups").await;

    // Success staff see the request and its reference, and send a mock-up.
    b.sign_in(&app.base, &sx_email, &sx_pw).await;
    b.goto(&format!("{}/studio/custom-backgrounds", app.base))
        .await;
    b.wait_for_text("Our lobby: warm wood and plants").await;
    b.attach("input[name=mockup]", &mockup).await;
    b.fill("input[name=note]", "Warm version").await;
    b.click("form[action$='/mockups'] button").await;
    b.wait_for_text("Mock-up sent to Acme").await;

    // The leader approves it: it becomes the default style's background.
    b.goto(&format!("{}/custom-background", team.share_url))
        .await;
    b.wait_for_text("Warm version").await;
    b.click("form[action$='/approve'] button").await;
    b.wait_for_text("Mock-up approved").await;
    let t = json(app.get(&team.token, "/team").await).await;
    let styles = json(app.get(&team.token, "/styles").await).await;
    let default = styles["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == t["default_style_id"])
        .unwrap()
        .clone();
    assert_eq!(default["name"], "Studio default · custom background");
    let requests = json(app.get(&team.token, "/custom-backgrounds").await).await;
    assert_eq!(requests["items"][0]["status"], "approved");
    assert_eq!(
        requests["items"][0]["background_id"],
        default["background_id"]
    );
    app.run_jobs().await;
    b.stop().await;
    app.finish().await;
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn a_member_goes_from_the_welcome_email_to_approval_on_a_phone() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let id = json(app.invite(&team, "ana@acme.test").await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.run_jobs().await;
    let welcome = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.contains("your headshot for"))
        .expect("the welcome email");
    let link = welcome
        .text
        .split_whitespace()
        .find(|w| w.contains("/m/"))
        .expect("the personal link")
        .to_string();
    let dir = tempfile::tempdir().unwrap();
    let (landscape, portrait) = (dir.path().join("view.jpg"), dir.path().join("me.png"));
    std::fs::write(&landscape, landscape_photo()).unwrap();
    std::fs::write(&portrait, good_photo()).unwrap();

    let b = Browser::start().await;
    b.goto(&link).await;
    b.wait_for_text("Start the tutorial").await;
    b.click("form[action$='/start'] button").await;
    b.wait_for_text("Face a window").await;
    // A photo without a face is refused on the spot, with what to do.
    b.attach("#photo", &landscape).await;
    b.click("form.upload button[type=submit]").await;
    b.wait_for_text("could not find a face").await;
    b.attach("#photo", &portrait).await;
    b.click("form.upload button[type=submit]").await;
    b.wait_for_text("passed the automatic checks").await;

    // The studio passes and delivers; the member reviews the preview.
    app.post_json(
        &admin,
        &format!("/studio/headshots/{id}/quality-check"),
        serde_json::json!({"decision": "pass"}),
    )
    .await;
    app.upload(
        &admin,
        &format!("/studio/headshots/{id}/deliver"),
        "cutout",
        cutout_png(),
    )
    .await;
    app.run_jobs().await;
    b.goto(&link).await;
    b.wait_for_text("Approve my headshot").await;
    b.click("form[action$='/approve'] button").await;
    // "Approved" is also the progress line's last step: wait for the
    // approved page's own words.
    let text = b.wait_for_text("All done: your files are below").await;
    assert!(text.contains("Download 1600×1600 JPEG"), "{text}");
    assert!(text.contains("Download all files (ZIP)"), "{text}");
    b.stop().await;
    app.finish().await;
}
