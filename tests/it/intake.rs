//! Intake fields: a team asks its members up to ten questions before the
//! upload; the answers show on the dashboard, in the status CSV, in webhooks
//! and in the ZIP's file names.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;
use teamshot::domain::HeadshotStatus;

fn questions(job_title_required: bool, template: &str) -> Value {
    json!({"fields": [
        {"label": "Job title", "required": job_title_required},
        {"label": "Office", "kind": "choice", "choices": ["Paris", "Berlin"]},
        {"label": "Pronouns"},
    ], "file_name_template": template})
}

#[tokio::test]
async fn members_answer_the_teams_questions_before_their_photo() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;

    // Every problem at once, nothing saved.
    let bad = json!({"fields": [{"label": "Office"}, {"label": "office"}, {"label": "Team", "kind": "choice", "choices": ["A"]}],
                     "file_name_template": "{shoe_size}"});
    let r = app.put_json(&team.token, "/team/intake", bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problems = json(r).await.to_string();
    assert!(
        problems.contains("fields[1].key") && problems.contains("fields[2].choices"),
        "{problems}"
    );
    assert_eq!(
        json(app.get(&team.token, "/team/intake").await).await["fields"],
        json!([])
    );

    let r = app
        .put_json(
            &team.token,
            "/team/intake",
            questions(true, "{last_name}_{first_name}_{job_title}"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let saved = json(r).await;
    assert_eq!(saved["fields"][1]["key"], "office");
    assert_eq!(
        saved["file_name_template"],
        "{last_name}_{first_name}_{job_title}"
    );

    // A webhook, to see what it would receive.
    let hook = json!({"url": "https://hooks.acme.example/teamshot", "events": ["headshot.status_changed"]});
    assert_eq!(
        app.post_json(&team.token, "/webhooks", hook).await.status(),
        StatusCode::CREATED
    );

    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let id = h["id"].as_str().unwrap().to_string();
    let member = secret_of(h["member_url"].as_str().unwrap());

    // No photo before the required answer; nothing is stored.
    let r = app
        .upload(&member, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r)
            .await
            .to_string()
            .contains("Job title: please answer before sending your photo.")
    );
    // An answer not offered, an unknown question, the required one missing.
    let r = app
        .put_json(
            &member,
            "/me/intake",
            json!({"values": {"office": "Rome", "shoe": "42"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problems = json(r).await.to_string();
    assert!(
        problems.contains("values.shoe")
            && problems.contains("values.job_title")
            && problems.contains("Paris, Berlin"),
        "{problems}"
    );

    let r = app
        .put_json(
            &member,
            "/me/intake",
            json!({"values": {"job_title": " Designer ", "office": "berlin"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(
        json(r).await["intake"],
        json!({"job_title": "Designer", "office": "Berlin"})
    );
    let r = app
        .upload(&member, "/me/photo", "photo", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);

    // The webhook carries the answers.
    let bodies: Vec<String> = sqlx::query_scalar("SELECT payload FROM jobs WHERE kind = 'webhook'")
        .fetch_all(&app.svc.db.pool)
        .await
        .unwrap();
    assert!(bodies.iter().any(|b| b.contains(r#"\"intake\":{\"job_title\":\"Designer\",\"office\":\"Berlin\"}"#)), "{bodies:?}");
    // (The endpoint does not exist: its deliveries are not this test's.)
    sqlx::query("DELETE FROM jobs WHERE kind = 'webhook'")
        .execute(&app.svc.db.pool)
        .await
        .unwrap();

    // The status CSV has a column per question.
    let csv = app
        .get(&team.token, "/headshots/export.csv")
        .await
        .text()
        .await
        .unwrap();
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .ends_with(",job_title,office,pronouns"),
        "{csv}"
    );
    assert!(
        lines.next().unwrap().ends_with(",Designer,Berlin,"),
        "{csv}"
    );

    // The dashboard shows them under the name.
    let leader = PageClient::leader_now(&app, &team).await;
    assert!(leader.page("/team").await.contains("Designer · Berlin"));
    let answers = leader.page(&format!("/team/headshots/{id}")).await;
    assert!(
        answers.contains("<dt>Job title</dt><dd>Designer</dd>"),
        "{answers}"
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_zip_names_files_by_the_teams_template() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app
        .put_json(&team.token, "/team/intake", questions(false, ""))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    // A CSV import fills in answers from columns named after the questions.
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 2).await;
    let import = |csv: &'static str| {
        app.client
            .post(app.api("/headshots/import"))
            .bearer_auth(&team.token)
            .body(csv)
            .send()
    };
    let r =
        import("first_name,last_name,email,Job title,office\nDee,Lee,dee@acme.test,Analyst,Rome\n")
            .await
            .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Office: choose one of Paris, Berlin.")
    );
    let r =
        import("first_name,last_name,email,Job title,office\nCy,Lee,cy@acme.test,Analyst,berlin\n")
            .await
            .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let list = json(app.get(&team.token, "/headshots").await).await;
    assert_eq!(
        list["items"][0]["intake"],
        json!({"job_title": "Analyst", "office": "Berlin"})
    );
    let m = app.headshot_at(&team, HeadshotStatus::Approved).await;
    // A leader fills in what the member left out.
    let r = app
        .put_json(
            &team.token,
            &format!("/headshots/{}/intake", m.id),
            json!({"values": {"job_title": "Head of Sales"}}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .put_json(
            &team.token,
            "/team/intake",
            questions(false, "{last_name}_{first_name}_{job_title}"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;

    let bytes = app
        .get(&team.token, "/headshots/approved.zip")
        .await
        .bytes()
        .await
        .unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert!(!zip.is_empty());
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().to_string()).collect();
    for name in &names {
        assert!(name.starts_with("Silva_Ana_Head_of_Sales_"), "{name}");
    }
    let mut first = Vec::new();
    zip.by_index(0).unwrap().read_to_end(&mut first).unwrap();
    assert!(!first.is_empty());
    app.finish().await;
}

#[tokio::test]
async fn leaders_write_the_questions_and_members_answer_them_on_their_pages() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;
    assert!(
        leader
            .page("/team/intake")
            .await
            .contains("Questions for members")
    );

    let form = |template: &'static str| {
        vec![
            ("label", "Job title"),
            ("kind", "text"),
            ("choices", ""),
            ("label", "Office"),
            ("kind", "choice"),
            ("choices", "Paris\r\nBerlin"),
            ("label", ""),
            ("kind", "text"),
            ("choices", ""),
            ("required", "0"),
            ("file_name_template", template),
        ]
    };
    let html = leader
        .post("/team/intake", &form("{shoe}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("{shoe} is not something a file can be named by"),
        "{html}"
    );
    assert!(
        html.contains(r#"value="Job title""#),
        "what was typed stays"
    );
    let html = leader
        .post("/team/intake", &form("{last_name}_{job_title}"))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("Saved: members answer 2 questions before their photo."),
        "{html}"
    );
    let saved = json(app.get(&team.token, "/team/intake").await).await;
    assert_eq!(saved["fields"][0]["required"], true);
    assert_eq!(saved["fields"][1]["choices"], json!(["Paris", "Berlin"]));

    // The member: the questions first, the upload once answered.
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "bo@acme.test").await).await;
    let url = h["member_url"].as_str().unwrap().to_string();
    let c = browser();
    let html = page(&c, &url).await;
    let r = c
        .post(format!("{url}/start"))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    let html = page(&c, &url).await;
    assert!(html.contains("About you") && html.contains(r#"name="job_title""#));
    assert!(
        !html.contains(r#"name="photo""#),
        "no upload before the answers"
    );
    let r = c
        .post(format!("{url}/intake"))
        .form(&[
            ("csrf", csrf(&html).as_str()),
            ("job_title", ""),
            ("office", "Paris"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("Job title: please answer"));
    let r = c
        .post(format!("{url}/intake"))
        .form(&[
            ("csrf", csrf(&html).as_str()),
            ("job_title", "Engineer"),
            ("office", "Paris"),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    let html = page(&c, &url).await;
    assert!(
        html.contains(r#"name="photo""#),
        "the upload, once answered"
    );
    assert!(html.contains(r#"value="Engineer""#));

    // The leader renames a question: its key, and the answers, stay.
    let renamed = vec![
        ("key", "job_title"),
        ("label", "Role"),
        ("kind", "text"),
        ("choices", ""),
        ("key", "office"),
        ("label", "Office"),
        ("kind", "choice"),
        ("choices", "Paris\nBerlin"),
        ("key", ""),
        ("label", ""),
        ("kind", "text"),
        ("choices", ""),
        ("required", "0"),
        ("file_name_template", ""),
    ];
    let html = leader
        .post("/team/intake", &renamed)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("Saved: members answer 2 questions"), "{html}");
    let saved = json(app.get(&team.token, "/team/intake").await).await;
    assert_eq!(saved["fields"][0]["key"], "job_title");
    assert_eq!(saved["fields"][0]["label"], "Role");
    let id = h["id"].as_str().unwrap();
    let now = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(now["intake"]["job_title"], "Engineer");
    app.run_jobs().await;
    app.finish().await;
}
