//! Clean addresses: an invite to a likely typo of a common mail domain is
//! held back with the address probably meant, unless confirmed as typed;
//! a team confirms a domain once.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn person(email: &str) -> Value {
    json!({"first_name": "Ana", "last_name": "Silva", "email": email, "due_date": "2026-03-16"})
}

fn confirmed(email: &str) -> Value {
    let mut p = person(email);
    p["confirm_address"] = json!(true);
    p
}

async fn emails_of(app: &TestApp, team: &Team) -> Vec<String> {
    json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["member"]["email"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_likely_typo_is_refused_with_the_address_meant_until_the_team_confirms_it() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let other = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 5).await;
    app.grant(&other, &admin, 1).await;

    // Refused with the suggestion, as text and as a field; no credit
    // spent, nothing created or sent.
    let r = app
        .post_json(&team.token, "/headshots", person("ana@gmial.com"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body = json(r).await;
    assert_eq!(body["errors"][0]["field"], "email");
    assert_eq!(body["errors"][0]["suggestion"], "ana@gmail.com", "{body}");
    let message = body["errors"][0]["message"].as_str().unwrap();
    assert!(message.contains("Did you mean ana@gmail.com?"), "{message}");
    assert_eq!(app.available(&team).await, 5);
    app.run_jobs().await;
    assert!(app.emails_to("ana@gmial.com").await.is_empty());

    // Confirmed as typed, twice at once (two colleagues at that domain):
    // both invited, the domain remembered once.
    let (a, b) = tokio::join!(
        app.post_json(&team.token, "/headshots", confirmed("ana@gmial.com")),
        app.post_json(&team.token, "/headshots", confirmed("bo@gmial.com")),
    );
    assert_eq!(a.status(), StatusCode::CREATED);
    assert_eq!(b.status(), StatusCode::CREATED);
    assert_eq!(json(a).await["member"]["email"], "ana@gmial.com");

    // The team confirmed that domain: the next colleague there passes.
    let r = app.invite(&team, "cy@gmial.com").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // Another team has not confirmed it.
    let r = app.invite(&other, "cy@gmial.com").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // A common domain typed right, or a company's own, passes as before.
    let r = app.invite(&team, "dee@gmail.com").await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(app.available(&team).await, 1);
    app.run_jobs().await;
    assert_eq!(app.emails_to("ana@gmial.com").await.len(), 1);
    app.finish().await;
}

#[tokio::test]
async fn a_corrected_address_is_checked_the_same_way() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());

    let r = app
        .patch_json(&team.token, &path, json!({"email": "ana@outlok.com"}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(json(r).await["errors"][0]["suggestion"], "ana@outlook.com");
    // Nothing changed: the member keeps the address and the link.
    assert_eq!(emails_of(&app, &team).await, ["ana@acme.test"]);

    let r = app
        .patch_json(
            &team.token,
            &path,
            json!({"email": "ana@outlok.com", "confirm_address": true}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(emails_of(&app, &team).await, ["ana@outlok.com"]);
    // A name change leaves the (now confirmed) address alone.
    let r = app
        .patch_json(&team.token, &path, json!({"first_name": "Anna"}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // On the headshot's page: the address meant one click away, and what
    // was typed kept.
    let leader = PageClient::leader_now(&app, &team).await;
    let page = format!("/team{path}/details");
    let fields = |email: &'static str| {
        vec![
            ("first_name", "Ann"),
            ("last_name", "Silva"),
            ("email", email),
        ]
    };
    let html = leader.post(&page, &fields("ana@hotmial.com")).await;
    let html = html.text().await.unwrap();
    assert!(
        html.contains("Did you mean <strong>ana@hotmail.com</strong>?"),
        "{html}"
    );
    assert!(
        html.contains("value=\"Ann\""),
        "the typed name is kept: {html}"
    );
    assert!(html.contains("value=\"ana@hotmial.com\""), "{html}");
    let mut using = fields("ana@hotmial.com");
    using.push(("use_email", "ana@hotmail.com"));
    let r = leader.post(&page, &using).await;
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("A new personal link is on its way to ana@hotmail.com")
    );
    assert_eq!(emails_of(&app, &team).await, ["ana@hotmail.com"]);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn on_the_dashboard_the_address_meant_is_one_click_away() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 3).await;
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
    assert!(
        html.contains("Did you mean <strong>cy@outlook.com</strong>?"),
        "{html}"
    );
    assert!(
        html.contains("name=\"use_email\" value=\"cy@outlook.com\""),
        "{html}"
    );
    assert!(html.contains("name=\"confirm_address\""), "{html}");
    // Enter in a field presses the first button: the plain Invite, which
    // asks again rather than choosing for the leader.
    let invite_at = html.find(">Invite</button>").unwrap();
    let use_at = html.find("name=\"use_email\"").unwrap();
    assert!(invite_at < use_at, "Invite comes first");
    assert_eq!(app.available(&team).await, 3, "nothing spent");

    // "Invite cy@outlook.com instead": invited at the address meant.
    let mut fields = form("cy@outlok.com");
    fields.push(("use_email", "cy@outlook.com"));
    let r = leader.post("/team/invite", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("is invited"));
    // The button left from that attempt does not overwrite an address
    // typed since.
    let mut fields = form("zed@acme.test");
    fields.push(("use_email", "cy@outlook.com"));
    let r = leader.post("/team/invite", &fields).await;
    assert!(r.text().await.unwrap().contains("is invited"));
    // "Right as typed": invited at the address typed.
    let mut fields = form("dee@hotmial.com");
    fields.push(("confirm_address", "on"));
    let r = leader.post("/team/invite", &fields).await;
    assert!(r.text().await.unwrap().contains("is invited"));
    let mut emails = emails_of(&app, &team).await;
    emails.sort();
    assert_eq!(
        emails,
        ["cy@outlook.com", "dee@hotmial.com", "zed@acme.test"]
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
    let import = |query: &'static str, body: &'static str| {
        app.client
            .post(app.api(&format!("/headshots/import?{query}")))
            .bearer_auth(&team.token)
            .body(body)
            .send()
    };
    // With other problems, the typos are listed among them by line, so
    // one pass over the file fixes everything.
    let broken = "first_name,last_name,email\n\
                  Ana,Silva,ana@gmial.com\n\
                  ,Chen,bo@acme.test\n";
    let body = json(import("dry_run=true", broken).await.unwrap()).await;
    assert_eq!(body["errors"][0]["line"], 2, "{body}");
    assert_eq!(body["errors"][0]["suggestion"], "ana@gmail.com");
    assert_eq!(body["errors"][1]["line"], 3);
    assert_eq!(body["errors"][1]["field"], "first_name");

    // The dry run lists them with the addresses meant.
    let preview = json(import("dry_run=true", csv).await.unwrap()).await;
    assert_eq!(preview["typos"].as_array().unwrap().len(), 2, "{preview}");
    assert_eq!(preview["typos"][0]["line"], 2);
    assert_eq!(preview["typos"][0]["suggested"], "ana@gmail.com");
    assert_eq!(preview["typos"][1]["suggested"], "cy@yahoo.com");

    // On the page: the preview warns and asks for the box to be ticked;
    // without it nothing is imported.
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

    // The API refuses them too, every one by line, and makes nothing.
    let r = import("", csv).await.unwrap();
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

    // Confirmed as typed on the page: all three are invited, and the
    // domains are the team's from now on.
    let r = leader
        .post(
            "/team/import/confirm",
            &[("csv", csv), ("confirm_addresses", "on")],
        )
        .await;
    assert!(r.text().await.unwrap().contains("3 members invited"));
    let again = json(import("dry_run=true", csv).await.unwrap()).await;
    assert_eq!(again["typos"], json!([]), "{again}");
    app.run_jobs().await;
    app.finish().await;
}
