//! Clean addresses: an invite to a likely typo of a common mail domain is
//! held back with the address probably meant, unless confirmed as typed.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

#[tokio::test]
async fn a_likely_typo_is_refused_with_the_address_meant_unless_confirmed() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 3).await;
    let typo = json!({"first_name": "Ana", "last_name": "Silva", "email": "ana@gmial.com", "due_date": "2026-03-16"});

    // Refused with the suggestion; no credit spent, nothing created or sent.
    let r = app.post_json(&team.token, "/headshots", typo.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(r).await;
    assert_eq!(body["errors"][0]["field"], "email");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("Did you mean ana@gmail.com?"), "{message}");
    assert_eq!(app.available(&team).await, 3);
    app.run_jobs().await;
    assert!(app.emails_to("ana@gmial.com").await.is_empty());

    // Confirmed as typed: invited at that address.
    let mut confirmed = typo.clone();
    confirmed["confirm_address"] = json!(true);
    let r = app.post_json(&team.token, "/headshots", confirmed).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(json(r).await["member"]["email"], "ana@gmial.com");

    // A common domain typed right, or a company's own, passes as before.
    let r = app.invite(&team, "bo@gmail.com").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn on_the_dashboard_the_address_meant_is_one_click_away() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 2).await;
    let leader = PageClient::leader_now(&app, &team).await;
    let form = |email: &'static str| {
        vec![
            ("first_name", "Cy"),
            ("last_name", "Young"),
            ("email", email),
            ("due_date", "2026-03-16"),
        ]
    };
    let r = leader.post("/team/invite", &form("cy@outlok.com")).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("Did you mean cy@outlook.com?"), "{html}");
    assert!(
        html.contains("name=\"use_email\" value=\"cy@outlook.com\""),
        "{html}"
    );
    assert!(html.contains("name=\"confirm_address\""), "{html}");
    assert_eq!(app.available(&team).await, 2, "nothing spent");

    // "Use cy@outlook.com": invited at the address meant.
    let mut fields = form("cy@outlok.com");
    fields.push(("use_email", "cy@outlook.com"));
    let r = leader.post("/team/invite", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("is invited"));
    // "Right as typed": invited at the address typed.
    let mut fields = form("dee@hotmial.com");
    fields.push(("confirm_address", "on"));
    let r = leader.post("/team/invite", &fields).await;
    assert!(r.text().await.unwrap().contains("is invited"));
    let emails: Vec<String> = json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["member"]["email"].as_str().unwrap().to_string())
        .collect();
    assert!(emails.contains(&"cy@outlook.com".to_string()), "{emails:?}");
    assert!(
        emails.contains(&"dee@hotmial.com".to_string()),
        "{emails:?}"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_csv_with_likely_typos_imports_only_once_they_are_confirmed() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 6).await;
    let csv = "first_name,last_name,email\n\
               Ana,Silva,ana@gmial.com\n\
               Bo,Chen,bo@acme.test\n\
               Cy,Young,cy@yahoo.con\n";
    let import = |query: &'static str| {
        app.client
            .post(app.api(&format!("/headshots/import?{query}")))
            .bearer_auth(&team.token)
            .body(csv)
            .send()
    };
    // The dry run lists them with the addresses meant.
    let preview = json(import("dry_run=true").await.unwrap()).await;
    assert_eq!(preview["typos"].as_array().unwrap().len(), 2, "{preview}");
    assert_eq!(preview["typos"][0]["line"], 2);
    assert_eq!(preview["typos"][0]["suggested"], "ana@gmail.com");
    assert_eq!(preview["typos"][1]["suggested"], "cy@yahoo.com");
    // The import refuses them, every one by line, and makes nothing.
    let r = import("").await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(r).await;
    let lines: Vec<i64> = body["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["line"].as_i64().unwrap())
        .collect();
    assert_eq!(lines, [2, 4], "{body}");
    assert_eq!(app.available(&team).await, 6);
    // Confirmed as typed: all three are invited.
    let r = import("confirm_addresses=true").await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["created"], 3);

    // On the page: the preview warns and asks for the box to be ticked.
    let leader = PageClient::leader_now(&app, &team).await;
    let r = leader
        .post_file("/team/import", "file", csv.as_bytes().to_vec())
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("did you mean <strong>ana@gmail.com</strong>"),
        "{html}"
    );
    assert!(html.contains("name=\"confirm_addresses\""), "{html}");
    let r = leader.post("/team/import/confirm", &[("csv", csv)]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Nothing was imported"), "{html}");
    assert!(html.contains("Did you mean cy@yahoo.com?"), "{html}");
    let r = leader
        .post(
            "/team/import/confirm",
            &[("csv", csv), ("confirm_addresses", "on")],
        )
        .await;
    assert!(r.text().await.unwrap().contains("3 members invited"));
    app.run_jobs().await;
    app.finish().await;
}
