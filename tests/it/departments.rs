//! Departments: sub-teams with an allowance drawn from the team's credits,
//! a style of their own, a `department` column in CSV imports, and leaders
//! who see and act on their department alone.

use crate::fixtures::{Member, PageClient};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::HeadshotStatus;

async fn department(app: &TestApp, team: &Team, body: Value) -> String {
    let r = app.post_json(&team.token, "/departments", body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    json(r).await["id"].as_str().unwrap().to_string()
}

async fn invite_into(app: &TestApp, team: &Team, email: &str, dept: &str) -> reqwest::Response {
    app.post_json(
        &team.token,
        "/headshots",
        json!({"first_name": "Ann", "last_name": "Lee", "email": email,
               "due_date": "2026-03-20", "department_id": dept}),
    )
    .await
}

async fn import(app: &TestApp, team: &Team, csv: &str) -> reqwest::Response {
    app.client
        .post(app.api("/headshots/import"))
        .bearer_auth(&team.token)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

async fn used(app: &TestApp, team: &Team, id: &str) -> (i64, i64) {
    let d = json(app.get(&team.token, &format!("/departments/{id}")).await).await;
    (d["used"].as_i64().unwrap(), d["members"].as_i64().unwrap())
}

async fn listed(app: &TestApp, team: &Team, query: &str) -> Vec<String> {
    json(app.get(&team.token, &format!("/headshots{query}")).await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["member"]["email"].as_str().unwrap().to_string())
        .collect()
}

#[tokio::test]
async fn a_departments_allowance_holds_against_double_spending_refunds_and_csv_imports() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 20).await;

    // Refusals, every problem at once.
    let r = app
        .post_json(
            &team.token,
            "/departments",
            json!({"name": " ", "allowance": -1, "style_id": "not-ours"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let mut fields = error_fields(r).await;
    fields.sort();
    assert_eq!(fields, ["allowance", "name", "style_id"]);
    let marketing = department(&app, &team, json!({"name": "Marketing", "allowance": 2})).await;
    let r = app
        .post_json(&team.token, "/departments", json!({"name": "marketing "}))
        .await;
    assert_eq!(error_fields(r).await, ["name"], "one Marketing per team");
    let sales = department(&app, &team, json!({"name": "Sales"})).await;

    // Two invitations use the allowance; the third is refused with the
    // team's credits untouched.
    for n in 0..2 {
        let r = invite_into(&app, &team, &format!("m{n}@acme.test"), &marketing).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        assert_eq!(json(r).await["department_id"], marketing.as_str());
    }
    assert_eq!(used(&app, &team, &marketing).await, (2, 2));
    let before = app.available(&team).await;
    let r = invite_into(&app, &team, "m2@acme.test", &marketing).await;
    assert_eq!(r.status(), StatusCode::PAYMENT_REQUIRED);
    let problem = json(r).await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Marketing department has used 2 of its 2 credits"),
        "{problem}"
    );
    assert_eq!(app.available(&team).await, before);
    let r = invite_into(&app, &team, "x@acme.test", "no-such-department").await;
    assert_eq!(error_fields(r).await, ["department_id"]);

    // Raised by one: two invitations at once, one gets the last credit.
    let r = app
        .put_json(
            &team.token,
            &format!("/departments/{marketing}"),
            json!({"name": "Marketing", "allowance": 3}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let (a, b) = tokio::join!(
        invite_into(&app, &team, "race-a@acme.test", &marketing),
        invite_into(&app, &team, "race-b@acme.test", &marketing)
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [201, 402]);
    assert_eq!(used(&app, &team, &marketing).await, (3, 3));

    // Deleting before the upload gives the credit back to the allowance.
    let first = listed(&app, &team, &format!("?department={marketing}")).await;
    assert_eq!(first.len(), 3);
    let list = json(
        app.get(&team.token, &format!("/headshots?department={marketing}"))
            .await,
    )
    .await;
    let id = list["items"][0]["id"].as_str().unwrap().to_string();
    assert_eq!(
        app.delete(&team.token, &format!("/headshots/{id}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(used(&app, &team, &marketing).await, (2, 2));

    // CSV: an unknown department is a line problem, nothing imported.
    let before = app.available(&team).await;
    let bad = "first_name,last_name,email,department\nBo,Ek,bo@acme.test,Sales\nCy,Ro,cy@acme.test,Salse\n";
    let r = import(&app, &team, bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = json(r).await;
    let text = problem.to_string();
    assert!(
        text.contains("\\\"Salse\\\" is not one of the team's departments (Marketing, Sales)"),
        "{text}"
    );
    assert_eq!(app.available(&team).await, before, "nothing imported");
    // Over the allowance: refused whole.
    let over = "first_name,last_name,email,department\nBo,Ek,bo@acme.test,sales\nDi,Mo,di@acme.test,Marketing\nEd,Ny,ed@acme.test,marketing\n";
    let r = import(&app, &team, over).await;
    assert_eq!(r.status(), StatusCode::PAYMENT_REQUIRED);
    assert_eq!(app.available(&team).await, before, "nothing imported");
    let good = "first_name,last_name,email,department\nBo,Ek,bo@acme.test,sales\nDi,Mo,di@acme.test,Marketing\nFay,Lu,fay@acme.test,\n";
    let r = import(&app, &team, good).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        listed(&app, &team, &format!("?department={sales}")).await,
        ["bo@acme.test"]
    );
    assert_eq!(used(&app, &team, &marketing).await, (3, 3));
    assert!(
        listed(&app, &team, "?department=-")
            .await
            .contains(&"fay@acme.test".to_string())
    );

    // Moving a member in brings the credit they used: Marketing (3 of 3)
    // cannot take Fay; without a department she moves back freely.
    let fay = json(app.get(&team.token, "/headshots?department=-").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["member"]["email"] == "fay@acme.test")
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("/headshots/{fay}/department");
    let r = app
        .put_json(&team.token, &path, json!({"department_id": marketing}))
        .await;
    assert_eq!(r.status(), StatusCode::PAYMENT_REQUIRED);
    let r = app
        .put_json(&team.token, &path, json!({"department_id": sales}))
        .await;
    assert_eq!(json(r).await["department_id"], sales.as_str());
    let r = app
        .put_json(&team.token, &path, json!({"department_id": null}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);

    // Removed: its members stay, in the team at large.
    assert_eq!(
        app.delete(&team.token, &format!("/departments/{sales}"))
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&team.token, &format!("/departments/{sales}"))
            .await
            .status(),
        StatusCode::NOT_FOUND,
        "the second click finds it gone"
    );
    assert!(
        listed(&app, &team, "?department=-")
            .await
            .contains(&"bo@acme.test".to_string())
    );
    let log = json(app.get(&team.token, "/audit").await).await.to_string();
    assert!(log.contains("added the department Marketing"), "{log}");
    assert!(log.contains("removed the department Sales"), "{log}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_departments_own_style_is_the_one_its_headshots_are_made_in() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let style = |name: &str, shape: &str| json!({"name": name, "background_id": "bg-white", "shape": shape});
    let team_style = json(
        app.post_json(&team.token, "/styles", style("Team", "square"))
            .await,
    )
    .await;
    let own = json(
        app.post_json(&team.token, "/styles", style("Round", "circle"))
            .await,
    )
    .await;
    let own_id = own["id"].as_str().unwrap();
    let design = department(&app, &team, json!({"name": "Design", "style_id": own_id})).await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let h = json(invite_into(&app, &team, "dee@acme.test", &design).await).await;
    let m = Member {
        id: h["id"].as_str().unwrap().to_string(),
        secret: secret_of(h["member_url"].as_str().unwrap()),
    };
    app.move_invited_to(&team, &m, HeadshotStatus::InRetouching)
        .await;
    let made = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(
        made["style_id"], own_id,
        "the department's style, not the team's"
    );
    // The team's own members keep the team's default.
    let other = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let made = json(
        app.get(&team.token, &format!("/headshots/{}", other.id))
            .await,
    )
    .await;
    assert_eq!(made["style_id"], team_style["id"]);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_department_leader_sees_and_invites_into_their_department_alone() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 10).await;
    let marketing = department(&app, &team, json!({"name": "Marketing", "allowance": 1})).await;
    let sales = department(&app, &team, json!({"name": "Sales"})).await;
    let m = json(invite_into(&app, &team, "mia@acme.test", &marketing).await).await;
    let s = json(invite_into(&app, &team, "sam@acme.test", &sales).await).await;
    assert_eq!(
        app.invite(&team, "tea@acme.test").await.status(),
        StatusCode::CREATED
    );

    let r = app
        .post_json(
            &team.token,
            "/leaders",
            json!({"name": "Maud", "email": "maud@acme.test", "department_id": marketing}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let maud = json(r).await;
    assert_eq!(maud["department_id"], marketing.as_str());
    let maud_id = maud["id"].as_str().unwrap().to_string();
    let link = app.svc.create_login_link(&maud_id).await.unwrap();
    let c = PageClient::with_link(&app.base, &link).await;

    // Her dashboard: Marketing's members only, its allowance, no billing.
    let html = c.page("/team").await;
    assert!(html.contains("mia@acme.test"), "{html}");
    assert!(!html.contains("sam@acme.test") && !html.contains("tea@acme.test"));
    assert!(html.contains("Marketing department"));
    assert!(!html.contains("/team/credits\">Credits and invoices"));
    let csv = c.page("/team/export.csv").await;
    assert!(
        csv.contains("mia@acme.test") && !csv.contains("sam@acme.test"),
        "{csv}"
    );
    let get = |path: String| {
        let c = &c.client;
        let url = format!("{}{path}", app.base);
        async move { c.get(url).send().await.unwrap().status() }
    };
    assert_eq!(
        get(format!("/team/headshots/{}", s["id"].as_str().unwrap())).await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        get(format!("/team/headshots/{}", m["id"].as_str().unwrap())).await,
        StatusCode::OK
    );
    assert_eq!(get("/team/credits".into()).await, StatusCode::FORBIDDEN);
    assert_eq!(get("/team/departments".into()).await, StatusCode::FORBIDDEN);
    assert_eq!(get("/team/leaders".into()).await, StatusCode::FORBIDDEN);

    // She invites into Marketing: its allowance (1, used) refuses first.
    let invite = |email: &'static str, dept: String| {
        let c = &c;
        async move {
            c.post(
                "/team/invite",
                &[
                    ("first_name", "Nia"),
                    ("last_name", "Ro"),
                    ("email", email),
                    ("due_date", "2026-03-20"),
                    ("department_id", dept.as_str()),
                ],
            )
            .await
        }
    };
    let r = invite("nia@acme.test", String::new()).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("used 1 of its 1 credits"), "{html}");
    app.put_json(
        &team.token,
        &format!("/departments/{marketing}"),
        json!({"name": "Marketing", "allowance": 5}),
    )
    .await;
    let r = invite("nia@acme.test", String::new()).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        listed(&app, &team, &format!("?department={marketing}")).await,
        ["mia@acme.test", "nia@acme.test"]
    );
    // Not into another department.
    let r = invite("oli@acme.test", sales.clone()).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    // She deletes her own member before the upload: the credit comes back
    // to the department; another department's member is not hers to delete.
    let nia = json(
        app.get(&team.token, &format!("/headshots?department={marketing}"))
            .await,
    )
    .await["items"][1]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = c.post(&format!("/team/headshots/{nia}/delete"), &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "back to the dashboard");
    let r = c
        .post(
            &format!("/team/headshots/{}/delete", s["id"].as_str().unwrap()),
            &[],
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(used(&app, &team, &marketing).await, (1, 1));

    // Notices: a new photo asked of her department's member reaches her,
    // one of another department's does not.
    let r = c
        .post("/team/notices", &[("digest", "off"), ("new_photo", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    for h in [&m, &s] {
        let member = Member {
            id: h["id"].as_str().unwrap().to_string(),
            secret: secret_of(h["member_url"].as_str().unwrap()),
        };
        app.move_invited_to(&team, &member, HeadshotStatus::NewPhotoRequested)
            .await;
    }
    app.run_jobs().await;
    let asked: Vec<_> = app
        .emails_to("maud@acme.test")
        .await
        .into_iter()
        .filter(|e| e.subject.contains("needs to send a new photo"))
        .collect();
    assert_eq!(asked.len(), 1, "her department's member only");
    assert!(asked[0].text.contains(m["id"].as_str().unwrap()));

    // The team keeps a leader of the whole team; a department with a
    // leader is not removed under her.
    let first = json(app.get(&team.token, "/leaders").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .put_json(
            &team.token,
            &format!("/leaders/{first}/department"),
            json!({"department_id": sales}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = app
        .delete(&team.token, &format!("/departments/{marketing}"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // Made a leader of the whole team: her next page shows everyone.
    let r = app
        .put_json(
            &team.token,
            &format!("/leaders/{maud_id}/department"),
            json!({"department_id": null}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let html = c.page("/team").await;
    assert!(html.contains("sam@acme.test") && html.contains("tea@acme.test"));
    let log = json(app.get(&team.token, "/audit").await).await.to_string();
    assert!(
        log.contains("invited Maud to lead the department Marketing"),
        "{log}"
    );
    assert!(
        log.contains("made Maud a leader of the whole team"),
        "{log}"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn departments_are_managed_on_their_page_and_chosen_when_inviting() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let c = PageClient::leader_now(&app, &team).await;
    // A team without departments imports a file with a department column
    // as before (the column is not theirs to refuse).
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let r = import(
        &app,
        &team,
        "first_name,last_name,email,department\nAl,Bo,al@acme.test,Finance\n",
    )
    .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = c
        .post(
            "/team/departments",
            &[("name", "Legal"), ("allowance", "ten")],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Enter a whole number of credits"), "{html}");
    assert!(
        html.contains("value=\"Legal\""),
        "what was typed stays: {html}"
    );
    let r = c
        .post(
            "/team/departments",
            &[("name", "Legal"), ("allowance", "4")],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("The Legal department is added"), "{html}");
    assert!(html.contains("0 of 4 credits used"), "{html}");
    let id = json(app.get(&team.token, "/departments").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let html = c
        .post(
            &format!("/team/departments/{id}"),
            &[("name", "Legal & Compliance"), ("allowance", "")],
        )
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Saved the Legal &#38; Compliance department"),
        "{html}"
    );
    // The dashboard offers it when inviting and filtering; the leaders page
    // when choosing what a leader leads.
    let html = c.page("/team").await;
    assert!(html.contains("id=\"invite-department\""), "{html}");
    assert!(html.contains("id=\"department-filter\""));
    let html = c.page("/team/leaders").await;
    assert!(html.contains("Legal &#38; Compliance department"), "{html}");
    // Removed, and the second click is told so.
    for expected in ["The department is removed", "removed already"] {
        let html = c
            .post(&format!("/team/departments/{id}/delete"), &[])
            .await
            .text()
            .await
            .unwrap();
        assert!(html.contains(expected), "{html}");
    }
    app.run_jobs().await;
    app.finish().await;
}
