//! The team dashboard in real Chromium (Debian's chromium + chromedriver),
//! at a phone's size: invite one, a CSV import with a bad row then fixed,
//! bulk remind, move forward, share-link access then revoked.

use crate::chromium::Browser;
use crate::helpers::*;
use fantoccini::Locator;
use serde_json::json;

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn a_leader_runs_the_team_from_a_phone() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 4).await;
    let b = Browser::start().await;

    // Invite one member.
    b.goto(&team.share_url).await;
    b.click("details.invite > summary").await;
    b.fill("#first_name", "Ana").await;
    b.fill("#last_name", "Silva").await;
    b.fill("#email", "ana@acme.test").await;
    // A date input takes the date in the browser's format; set it directly.
    b.client
        .execute(
            "document.getElementById('due_date').value = '2026-03-20'",
            vec![],
        )
        .await
        .unwrap();
    b.click("form[action$='/invite'] button[type=submit]").await;
    b.wait_for_text("Ana Silva is invited").await;

    // A CSV with a bad row: every problem shown, nothing imported; then fixed.
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("team.csv");
    std::fs::write(
        &bad,
        "first_name;last_name;email\r\nBo;Chen;bo@acme.test\r\nCy;;cy@acme\r\n",
    )
    .unwrap();
    b.goto(&team.share_url).await;
    b.click("details.invite > summary").await;
    b.client
        .find(Locator::Css("#csv"))
        .await
        .unwrap()
        .send_keys(bad.to_str().unwrap())
        .await
        .unwrap();
    b.click("form[data-dropzone] button[type=submit]").await;
    let page = b.wait_for_text("Nothing was imported").await;
    assert!(
        page.contains("last_name") && page.contains("email"),
        "{page}"
    );
    let good = dir.path().join("fixed.csv");
    std::fs::write(
        &good,
        "first_name;last_name;email\r\nBo;Chen;bo@acme.test\r\nCy;Diaz;cy@acme.test\r\n",
    )
    .unwrap();
    b.goto(&team.share_url).await;
    b.click("details.invite > summary").await;
    b.client
        .find(Locator::Css("#csv"))
        .await
        .unwrap()
        .send_keys(good.to_str().unwrap())
        .await
        .unwrap();
    b.click("form[data-dropzone] button[type=submit]").await;
    b.wait_for_text("Invite 2 members").await;
    b.click("form[action$='/import/confirm'] button[type=submit]")
        .await;
    b.wait_for_text("2 members invited").await;

    // Bulk remind: select everyone in Team Members with the top checkbox.
    b.click("input[data-select-all='team_members']").await;
    b.click("#bulk button[value=remind]").await;
    b.wait_for_text("3 reminded.").await;

    // Move forward with a photo the QC team flagged.
    let items = json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .clone();
    let ana = items
        .iter()
        .find(|h| h["member"]["first_name"] == "Ana")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    app.upload(
        &team.token,
        &format!("/headshots/{ana}/photo"),
        "photo",
        good_photo(),
    )
    .await;
    app.post_json(
        &admin,
        &format!("/studio/headshots/{ana}/quality-check"),
        json!({"decision": "new_photo", "reasons": ["face_camera"]}),
    )
    .await;
    b.goto(&format!("{}/headshots/{ana}", team.share_url)).await;
    b.wait_for_text("Face the camera").await;
    b.click("form[action$='/move-forward'] button").await;
    b.wait_for_text("In Retouching").await;
    assert_eq!(
        json(app.get(&team.token, &format!("/headshots/{ana}")).await).await["status"],
        "in_retouching"
    );

    // The share link works until it is revoked.
    let r = app
        .client
        .delete(app.api("/share-link"))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::NO_CONTENT);
    b.goto(&team.share_url).await;
    b.wait_for_text("Not found").await;
    b.stop().await;
    app.run_jobs().await;
    app.finish().await;
}
