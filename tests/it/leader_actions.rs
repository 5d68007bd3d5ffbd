//! Leaders' actions on the dashboard's pages that cost money or move many
//! headshots: expediting asks first, with the price; *Move forward* works on
//! a selection.

use crate::fixtures::PageClient;
use crate::helpers::*;
use serde_json::Value;
use teamshot::domain::HeadshotStatus;

async fn headshot(app: &TestApp, team: &Team, id: &str) -> Value {
    json(app.get(&team.token, &format!("/headshots/{id}")).await).await
}

async fn expedite_fees(app: &TestApp, team: &Team) -> usize {
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "fee_expedite")
        .count()
}

#[tokio::test]
async fn expediting_shows_the_price_and_charges_only_once_confirmed() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let a = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let b = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;

    // One headshot, from its page: the question, with the price.
    let path = format!("/team/headshots/{}/expedite", a.id);
    let asked = leader.post(&path, &[]).await.text().await.unwrap();
    assert!(asked.contains("Expedite 1 headshot?"), "{asked}");
    assert!(asked.contains("Pay $"), "{asked}");
    assert!(asked.contains("added to your team's invoices"), "{asked}");
    assert_eq!(headshot(&app, &team, &a.id).await["expedited"], false);
    assert_eq!(expedite_fees(&app, &team).await, 0, "nothing charged yet");

    // Confirmed twice (a double click): charged once.
    leader.post(&path, &[("confirmed", "yes")]).await;
    leader.post(&path, &[("confirmed", "yes")]).await;
    assert_eq!(headshot(&app, &team, &a.id).await["expedited"], true);
    assert_eq!(expedite_fees(&app, &team).await, 1);

    // Several from the toolbar: the total, then the charge.
    let asked = leader
        .post("/team/bulk", &[("action", "expedite"), ("ids", &b.id)])
        .await
        .text()
        .await
        .unwrap();
    assert!(
        asked.contains("Expedite 1 headshot?") && asked.contains("in all"),
        "{asked}"
    );
    assert_eq!(headshot(&app, &team, &b.id).await["expedited"], false);
    leader
        .post(
            "/team/bulk",
            &[("action", "expedite"), ("ids", &b.id), ("confirmed", "yes")],
        )
        .await;
    assert_eq!(headshot(&app, &team, &b.id).await["expedited"], true);
    assert_eq!(expedite_fees(&app, &team).await, 2);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn move_forward_works_on_a_selection_from_the_page_and_the_api() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let a = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    let b = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    let c = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    let waiting = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader
        .post(
            "/team/bulk",
            &[
                ("action", "move_forward"),
                ("ids", &a.id),
                ("ids", &b.id),
                ("ids", &waiting.id),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("2 moved forward to retouching"), "{html}");
    assert!(
        html.contains("role=\"alert\""),
        "the one that could not: {html}"
    );
    for id in [&a.id, &b.id] {
        assert_eq!(headshot(&app, &team, id).await["status"], "in_retouching");
    }
    assert_eq!(
        headshot(&app, &team, &waiting.id).await["status"],
        "invited"
    );

    let r = app
        .post_json(
            &team.token,
            "/headshots/bulk",
            serde_json::json!({"action": "move_forward", "ids": [c.id]}),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    assert_eq!(
        headshot(&app, &team, &c.id).await["status"],
        "in_retouching"
    );
    app.run_jobs().await;
    app.finish().await;
}

/// Sixty invited members: the dashboard shows fifty, and "select all 60"
/// reminds every one that matches, not only those on the page.
#[tokio::test]
async fn select_all_reaches_every_match_beyond_the_page() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 60).await;
    app.invite_many(&team, 60).await;
    app.run_jobs().await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page("/team?q=member").await;
    assert!(
        html.contains("Select all 60 in Team Members that match the filter, not only the 50 shown"),
        "{html}"
    );
    let html = leader
        .post(
            "/team/bulk",
            &[
                ("action", "remind"),
                ("all_matching", "team_members"),
                ("q", "member"),
                ("status", ""),
            ],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("60 reminded"), "{html}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_credit_history_says_what_happened() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let r = app
        .client
        .delete(app.api(&format!("/headshots/{}", h["id"].as_str().unwrap())))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    let said: Vec<&str> = ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["description"].as_str().unwrap())
        .collect();
    for line in [
        "Granted by the studio: 2",
        "Invited Ana Silva",
        "Credit returned: Ana Silva deleted before the photo",
    ] {
        assert!(said.contains(&line), "{line} in {said:?}");
    }
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let page = leader.page("/team/credits").await;
    assert!(page.contains("Invited Ana Silva"), "{page}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_spreadsheet_gives_someone_several_headshots_and_the_preview_says_so() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    let csv = "first_name,last_name,email,headshots\n\
               Ana,Silva,ana@acme.test,2\n\
               Bo,Chen,bo@acme.test,\n\
               Bo,Chen,bo@acme.test,\n";
    let import = |dry: bool| {
        app.client
            .post(app.api(&format!("/headshots/import?dry_run={dry}")))
            .bearer_auth(&team.token)
            .body(csv)
            .send()
    };
    // Four headshots, three credits: nothing is created.
    let r = import(true).await.unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::PAYMENT_REQUIRED);
    app.grant(&team, &admin, 1).await;
    let preview = json(import(true).await.unwrap()).await;
    assert_eq!(preview["rows"], 4, "{preview}");
    assert_eq!(preview["several"][0]["name"], "Ana Silva");
    assert_eq!(preview["several"][0]["headshots"], 2);
    assert_eq!(preview["several"][1]["lines"], serde_json::json!([3, 4]));

    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader
        .post_file("/team/import", "file", csv.as_bytes().to_vec())
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Ana Silva (ana@acme.test): <strong>2 headshots</strong>"),
        "{html}"
    );
    assert!(html.contains("Create 4 headshots"), "{html}");

    let done = json(import(false).await.unwrap()).await;
    assert_eq!(done["created"], 4, "{done}");
    let all = json(app.get(&team.token, "/headshots?q=ana").await).await;
    assert_eq!(all["items"].as_array().unwrap().len(), 2);
    app.run_jobs().await;
    app.finish().await;
}

/// The help center's landmarks: each row's bell, clock, calendar, trash and
/// cloud are labelled icon buttons; the calendar leads to the due date.
#[tokio::test]
async fn each_row_has_its_labelled_icons_and_the_calendar_changes_the_due_date() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let html = leader.page("/team").await;
    for (icon, words) in [
        ("#i-bell", "Send a reminder to Ana Silva"),
        ("#i-clock", "Expedite Ana Silva"),
        ("#i-calendar", "Change the due date of Ana Silva"),
        ("#i-trash", "Delete the invitation of Ana Silva"),
        ("#i-cloud", "Open the page of Ana Silva"),
    ] {
        assert!(
            html.contains(&format!("<use href=\"{icon}\"/>")),
            "{icon}: {html}"
        );
        assert!(html.contains(words), "{words}");
    }
    assert!(html.contains("<symbol id=\"i-bell\""), "one inline sprite");
    assert!(html.contains("class=\"help-link\""), "Help at the top");
    assert!(html.contains("data-confirm=\"Delete the invitation of Ana Silva?"));

    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    assert!(page.contains("id=\"due\""), "{page}");
    assert!(page.contains("due Mon 16 Mar (in 14 days)"), "{page}");
    let r = leader
        .post(
            &format!("/team/headshots/{}/details", m.id),
            &[("due_date", "2026-03-27")],
        )
        .await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("due Fri 27 Mar (in 25 days)")
    );
    let h = headshot(&app, &team, &m.id).await;
    assert_eq!(h["due_date"], "2026-03-27");
    assert_eq!(
        h["member"]["first_name"], "Ana",
        "the name is left as it was"
    );
    app.run_jobs().await;
    app.finish().await;
}
