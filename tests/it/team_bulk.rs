//! Many headshots at once: CSV import and export, reminders, bulk actions,
//! the share link.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

async fn import(app: &TestApp, team: &Team, csv: &str, dry_run: bool) -> reqwest::Response {
    app.client
        .post(app.api(&format!("/headshots/import?dry_run={dry_run}")))
        .bearer_auth(&team.token)
        .header("content-type", "text/csv")
        .body(csv.to_string())
        .send()
        .await
        .unwrap()
}

const EXCEL_FILE: &str = "\u{feff}First Name;Last Name;E-mail;Due Date\r\n\"Ana Maria\";\"Silva; Jr.\";ana@acme.test;2026-03-20\r\n\r\nBo;Chen;bo@acme.test;\r\nCy;Diaz;cy@acme.test;2026-04-01\r\n";

#[tokio::test]
async fn a_spreadsheet_file_is_previewed_then_imported_atomically() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;

    // Two credits for three rows: refused, nothing created, even in a dry run.
    let r = import(&app, &team, EXCEL_FILE, true).await;
    assert_eq!(r.status(), StatusCode::PAYMENT_REQUIRED);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("3 members but only 2 credits")
    );
    assert_eq!(
        import(&app, &team, EXCEL_FILE, false).await.status(),
        StatusCode::PAYMENT_REQUIRED
    );
    app.grant(&team, &admin, 1).await;

    let r = import(&app, &team, EXCEL_FILE, true).await;
    assert_eq!(r.status(), StatusCode::OK);
    let preview = json(r).await;
    assert_eq!(
        (
            preview["dry_run"].as_bool(),
            preview["created"].as_i64(),
            preview["rows"].as_i64()
        ),
        (Some(true), Some(0), Some(3))
    );
    assert_eq!(preview["items"][0]["last_name"], "Silva; Jr.");
    assert_eq!(
        preview["items"][1]["due_date"], "2026-03-16",
        "empty due date → 14 days"
    );
    assert_eq!(preview["items"][2]["line"], 5);
    assert_eq!(
        json(app.get(&team.token, "/headshots").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );

    let r = import(&app, &team, EXCEL_FILE, false).await;
    let done = json(r).await;
    assert_eq!(done["created"], 3);
    assert_eq!(done["items"][0]["status"], "invited");
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        0
    );
    assert_eq!(
        app.run_jobs().await,
        4,
        "a welcome email each, and the leader's low-credit notice"
    );
    app.finish().await;
}

#[tokio::test]
async fn a_file_with_any_bad_row_imports_nothing_and_names_every_problem() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 10).await;
    let file = "first_name,last_name,email,due_date\nAna,Silva,ana@acme.test,\nBo,,bo@acme,2026-03-03\nAna,Silva,ana@acme.test,\n";
    let r = import(&app, &team, file, false).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let p = json(r).await;
    let errors: Vec<(i64, Option<&str>)> = p["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["line"].as_i64().unwrap(), e["field"].as_str()))
        .collect();
    // Line 4 repeats line 2: that is a second headshot for Ana (the
    // preview names her), not a problem.
    assert_eq!(
        errors,
        vec![
            (3, Some("last_name")),
            (3, Some("email")),
            (3, Some("due_date")),
        ]
    );
    assert_eq!(
        json(app.get(&team.token, "/headshots").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        10
    );
    assert_eq!(app.pending_jobs().await, 0);
    let r = import(&app, &team, "name;mail\nAna;a@b.co\n", false).await;
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("first_name")
    );
    app.finish().await;
}

#[tokio::test]
async fn the_status_csv_lists_everyone_and_is_safe_in_a_spreadsheet() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    app.post_json(&team.token, "/headshots", json!({"first_name": "=HYPERLINK(\"http://evil\")", "last_name": "@x", "email": "a@acme.test", "due_date": "2026-03-16"})).await;
    app.invite(&team, "b@acme.test").await;
    let r = app.get(&team.token, "/headshots/export.csv").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/csv")
    );
    let text = r.text().await.unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let headers = rows.headers().unwrap().clone();
    assert_eq!(&headers[0], "first_name");
    assert!(headers.iter().any(|h| h == "overdue") && headers.iter().any(|h| h == "approved_at"));
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert!(
        records[0][0].starts_with("'="),
        "formula neutralised: {}",
        &records[0][0]
    );
    assert!(records[0][1].starts_with("'@"));
    assert_eq!(&records[1][3], "Invited");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn bulk_actions_report_each_headshot() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    let mut ids = Vec::new();
    for n in 0..3 {
        ids.push(
            json(app.invite(&team, &format!("p{n}@acme.test")).await).await["id"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    app.upload(
        &team.token,
        &format!("/headshots/{}/photo", ids[2]),
        "photo",
        good_photo(),
    )
    .await;

    let r = app
        .post_json(
            &team.token,
            "/headshots/bulk",
            json!({"action": "set_due_date", "ids": ids, "due_date": "2026-04-10"}),
        )
        .await;
    let results = json(r).await["results"].as_array().unwrap().clone();
    assert!(results.iter().all(|r| r["ok"] == true));
    let send = |body: serde_json::Value| {
        app.client
            .post(app.api("/headshots/bulk"))
            .bearer_auth(&team.token)
            .header("Idempotency-Key", "bulk-exp")
            .json(&body)
            .send()
    };
    let body = json!({"action": "expedite", "ids": [ids[0].clone(), ids[1].clone()]});
    let first = json(send(body.clone()).await.unwrap()).await;
    assert!(
        first["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r["ok"] == true)
    );
    send(body).await.unwrap();
    let payments = json(app.get(&team.token, "/payments").await).await;
    assert_eq!(
        payments["items"].as_array().unwrap().len(),
        1,
        "one payment for the selection, charged once"
    );
    assert_eq!(payments["items"][0]["amount_cents"], 4000);

    let r = app
        .post_json(
            &team.token,
            "/headshots/bulk",
            json!({"action": "delete", "ids": ids}),
        )
        .await;
    let results = json(r).await["results"].as_array().unwrap().clone();
    let oks: Vec<bool> = results.iter().map(|r| r["ok"].as_bool().unwrap()).collect();
    assert_eq!(oks, [true, true, false]);
    assert!(results[2]["error"].as_str().unwrap().contains("support"));
    // Each deleted headshot's credit back, and the expedite paid for it as
    // a credit too (the studio's default).
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["credits"]["available"],
        4
    );
    let r = app
        .post_json(
            &team.token,
            "/headshots/bulk",
            json!({"action": "explode", "ids": ["x"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_rotated_or_revoked_share_link_stops_working_at_once() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    assert_eq!(
        app.client
            .get(&team.share_url)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let r = app.post(&team.token, "/share-link").await;
    let new = json(r).await["url"].as_str().unwrap().to_string();
    assert_ne!(new, team.share_url);
    assert_eq!(
        app.client
            .get(&team.share_url)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        app.client.get(&new).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["share_url"],
        new.as_str()
    );
    let r = app
        .client
        .delete(app.api("/share-link"))
        .bearer_auth(&team.token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.client.get(&new).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert!(json(app.get(&team.token, "/team").await).await["share_url"].is_null());
    app.finish().await;
}

#[tokio::test]
async fn the_zip_holds_every_approved_final_file() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    let mut approved = Vec::new();
    for (n, email) in ["a@acme.test", "b@acme.test", "c@acme.test"]
        .iter()
        .enumerate()
    {
        let id = json(app.invite(&team, email).await).await["id"]
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
        app.post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "pass"}),
        )
        .await;
        app.upload(
            &admin,
            &format!("/studio/headshots/{id}/deliver"),
            "cutout",
            cutout_png(),
        )
        .await;
        if n < 2 {
            app.post(&team.token, &format!("/headshots/{id}/approve"))
                .await;
            approved.push(id);
        }
    }
    app.run_jobs().await;
    let r = app.get(&team.token, "/headshots/approved.zip").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let bytes = r.bytes().await.unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap();
    assert_eq!(
        zip.len(),
        6,
        "only approved headshots, finals only: 3 standard sizes each"
    );
    let mut sizes = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().unwrap().to_string();
        assert!(
            name.starts_with("Silva_Ana_") && name.contains("_white_") && name.ends_with("00.jpg"),
            "{name}"
        );
        let mut data = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut data).unwrap(); // checks the CRC
        let img = image::load_from_memory(&data).unwrap();
        assert!(
            name.ends_with(&format!("_{}x{}.jpg", img.width(), img.height())),
            "the name tells the size"
        );
        sizes.push(img.width());
    }
    sizes.sort();
    assert_eq!(sizes, [400, 400, 800, 800, 1600, 1600]);
    app.run_jobs().await;
    app.finish().await;
}
