//! The automatic cut-out in real Chromium (a phone-sized window): the
//! member's preview appears by itself once the draft is made, and a
//! retoucher delivers the draft with one click.

use crate::chromium::Browser;
use crate::helpers::*;
use serde_json::json;
use teamshot::domain::HeadshotStatus;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn the_preview_appears_by_itself_and_the_draft_is_delivered_in_one_click() {
    let app = TestApp::spawn_with(|s| s.cutouts = true).await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    let b = Browser::start().await;

    // The member, right after the upload: a progress bar, then the preview.
    b.goto(&format!("{}/m/{}", app.base, m.secret)).await;
    b.wait_for_text("Your preview is being prepared").await;
    app.run_jobs().await;
    b.wait_for_text("A first look, made automatically").await;
    let width = b
        .client
        .execute(
            "return document.querySelector('[data-draft] img').naturalWidth",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(width, json!(800), "the preview image loaded");

    // Past QC, a retoucher sees the draft on the card and delivers it.
    let admin = app.staff("admin").await;
    let qc = format!("/studio/headshots/{}/quality-check", m.id);
    app.post_json(&admin, &qc, json!({"decision": "pass"}))
        .await;
    let (email, created) = app.staff_account("retoucher").await;
    b.sign_in(&app.base, &email, &created.password).await;
    b.goto(&format!("{}/studio", app.base)).await;
    b.click(&format!(
        "form[action='/studio/headshots/{}/claim'] button",
        m.id
    ))
    .await;
    b.wait_for_text("Deliver the draft").await;
    b.click(&format!(
        "form.inline[action='/studio/headshots/{}/deliver'] button",
        m.id
    ))
    .await;
    b.wait_for_text("Delivered Ana Silva").await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(h["status"], "delivered");
    b.stop().await;
    app.run_jobs().await;
    app.finish().await;
}
