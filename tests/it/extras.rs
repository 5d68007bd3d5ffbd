//! Paid extras over the API: a custom background from request to the
//! team's default style, and resized files — both through the checkout.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

fn multipart(fields: &[(&str, &str)], files: &[(&str, Vec<u8>)]) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (k, v) in fields {
        form = form.text(k.to_string(), v.to_string());
    }
    for (k, data) in files {
        let part = reqwest::multipart::Part::bytes(data.clone()).file_name("picture.jpg");
        form = form.part(k.to_string(), part);
    }
    form
}

async fn send(
    app: &TestApp,
    token: &str,
    path: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.api(path))
        .bearer_auth(token)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

async fn ledger_fees(app: &TestApp, team: &Team) -> Vec<Value> {
    json(app.get(&team.token, "/payments").await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn a_custom_background_goes_from_request_to_the_default_style() {
    let app = TestApp::spawn().await;
    let success = app.staff("success").await;
    let team = app.team().await;

    // Bad input: no notes, a file that is not a picture. Nothing charged.
    let r = send(
        &app,
        &team.token,
        "/custom-backgrounds",
        multipart(
            &[("notes", " ")],
            &[("references", b"not a picture".to_vec())],
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["notes", "references"]);
    assert!(ledger_fees(&app, &team).await.is_empty());

    let r = send(
        &app,
        &team.token,
        "/custom-backgrounds",
        multipart(
            &[("notes", "Our lobby: warm wood, soft light")],
            &[("references", photo("hopper.jpg"))],
        ),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order = json(r).await;
    assert_eq!(order["payment"]["amount_cents"], 25_000);
    assert_eq!(
        order["request"]["status"], "in_design",
        "an invoice grants at once"
    );
    let id = order["request"]["id"].as_str().unwrap().to_string();
    let reference = order["request"]["references"][0]["url"].as_str().unwrap();
    assert_eq!(
        app.client.get(reference).send().await.unwrap().status(),
        StatusCode::OK
    );

    // The success team sees it in the inbox and its own list, and is emailed.
    let inbox = json(app.get(&success, "/studio/support-requests").await).await;
    assert_eq!(inbox["items"][0]["kind"], "custom_background");
    let open = json(app.get(&success, "/studio/custom-backgrounds").await).await;
    assert_eq!(open["items"][0]["id"], id.as_str());
    app.run_jobs().await;

    // The team cannot approve before there is a mock-up; a small mock-up is refused.
    let r = app
        .post_json(
            &team.token,
            &format!("/custom-backgrounds/{id}/approve"),
            json!({"mockup_id": "nope"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let path = format!("/studio/custom-backgrounds/{id}/mockups");
    let r = send(
        &app,
        &success,
        &path,
        multipart(&[], &[("mockup", photo("hopper.jpg"))]),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "hopper is 512 px"
    );
    let r = send(
        &app,
        &success,
        &path,
        multipart(&[("note", "warm version")], &[("mockup", good_photo())]),
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let req = json(r).await;
    assert_eq!(req["status"], "mockups_ready");
    let mockup_id = req["mockups"][0]["id"].as_str().unwrap().to_string();
    app.run_jobs().await;
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.text.contains("mock-up of your custom background"))
        .expect("the team is told");
    assert!(mail.text.contains("warm version"));

    let r = app
        .post_json(
            &team.token,
            &format!("/custom-backgrounds/{id}/approve"),
            json!({"mockup_id": mockup_id}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let done = json(r).await;
    assert_eq!(done["status"], "approved");
    let bg = done["background_id"].as_str().unwrap().to_string();
    let t = json(app.get(&team.token, "/team").await).await;
    let styles = json(app.get(&team.token, "/styles").await).await;
    let default = styles["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["id"] == t["default_style_id"])
        .unwrap()
        .clone();
    assert_eq!(default["background_id"], bg.as_str());
    let again = app
        .post_json(
            &team.token,
            &format!("/custom-backgrounds/{id}/approve"),
            json!({"mockup_id": mockup_id}),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CONFLICT, "approved once");
    app.finish().await;
}

#[tokio::test]
async fn resized_files_are_charged_per_file_and_rendered_once_paid() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let mut ids = Vec::new();
    for (n, email) in ["a@acme.test", "b@acme.test"].iter().enumerate() {
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
        if n == 0 {
            app.post(&team.token, &format!("/headshots/{id}/approve"))
                .await;
        }
        ids.push(id);
    }
    app.run_jobs().await;

    let r = app
        .post_json(
            &team.token,
            "/resizes",
            json!({"headshot_ids": ids, "width": 20, "height": 600, "format": "gif"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        ["width", "format", "headshot_ids"],
        "the second is not approved"
    );

    let r = app
        .post_json(
            &team.token,
            "/resizes",
            json!({"headshot_ids": [ids[0]], "width": 600, "height": 900, "format": "png"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let order = json(r).await;
    assert_eq!(order["payment"]["amount_cents"], 500);
    assert_eq!(order["resize"]["status"], "rendering");
    assert_eq!(app.run_jobs().await, 1);
    let list = json(app.get(&team.token, "/resizes").await).await;
    assert_eq!(list["items"][0]["status"], "done");
    let files = json(
        app.get(&team.token, &format!("/headshots/{}/files", ids[0]))
            .await,
    )
    .await;
    let resized = files
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["width"] == 600)
        .expect("the resized file is listed")
        .clone();
    assert_eq!(
        (resized["height"].as_i64(), resized["format"].as_str()),
        (Some(900), Some("png"))
    );
    let bytes = app
        .client
        .get(resized["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert_eq!((img.width(), img.height()), (600, 900));
    app.finish().await;
}

#[tokio::test]
async fn admins_run_the_library_and_teams_unlock_paid_backgrounds() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let success = app.staff("success").await;
    let team = app.team().await;

    let library = json(app.get(&admin, "/studio/backgrounds").await).await;
    let names: Vec<&str> = library["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["name"].as_str().unwrap())
        .collect();
    assert!(
        names.len() >= 7 && names.contains(&"Softly blurred office"),
        "{names:?}"
    );
    let office = app
        .client
        .get(
            library["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|b| b["id"] == "bg-office")
                .unwrap()["preview_url"]
                .as_str()
                .unwrap(),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(office.headers()["content-type"], "image/jpeg");

    let add = |token: String, fields: Vec<(&'static str, &'static str)>| {
        let app = &app;
        async move { send(app, &token, "/studio/backgrounds", multipart(&fields, &[])).await }
    };
    let r = add(
        success.clone(),
        vec![("name", "Teal"), ("colors", "#008080"), ("free", "true")],
    )
    .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "admins only");
    let r = add(
        admin.clone(),
        vec![
            ("name", ""),
            ("colors", "teal"),
            ("free", "false"),
            ("price_cents", "5"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["name", "price_cents", "colors"]);
    let r = send(
        &app,
        &admin,
        "/studio/backgrounds",
        multipart(
            &[("name", "Lobby"), ("free", "true")],
            &[("image", photo("hopper.jpg"))],
        ),
    )
    .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a picture too small to stay sharp"
    );
    assert_eq!(json(r).await["errors"][0]["field"], "image");
    let library = json(app.get(&admin, "/studio/backgrounds").await).await;
    assert!(
        library["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["name"] != "Lobby"),
        "nothing added"
    );
    let r = add(
        admin.clone(),
        vec![
            ("name", "Sunset"),
            ("colors", "#ff9966, #ff5e62"),
            ("free", "false"),
            ("price_cents", "1500"),
            ("position", "3"),
        ],
    )
    .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let sunset = json(r).await;
    assert_eq!(sunset["kind"], "gradient");
    let sunset_id = sunset["id"].as_str().unwrap().to_string();

    // The team sees it locked, cannot use it, unlocks it through the checkout.
    let bgs = json(app.get(&team.token, "/backgrounds").await).await;
    let listed = bgs["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == sunset_id.as_str())
        .unwrap()
        .clone();
    assert_eq!(
        (listed["locked"].as_bool(), listed["price_cents"].as_i64()),
        (Some(true), Some(1500))
    );
    let style = json!({"name": "Warm", "background_id": sunset_id, "shape": "square"});
    let r = app.post_json(&team.token, "/styles", style.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("paid background")
    );
    let r = app
        .post(&team.token, &format!("/backgrounds/{sunset_id}/unlock"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["amount_cents"], 1500);
    let r = app
        .post(&team.token, &format!("/backgrounds/{sunset_id}/unlock"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "bought once");
    let r = app.post_json(&team.token, "/styles", style).await;
    assert_eq!(r.status(), StatusCode::CREATED);

    // Admins rename, reorder and make it free.
    let r = app
        .client
        .patch(app.api(&format!("/studio/backgrounds/{sunset_id}")))
        .bearer_auth(&admin)
        .json(&json!({"name": "Sunset glow", "position": 0, "free": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let lib = json(r).await;
    assert_eq!(lib["items"][0]["name"], "Sunset glow");
    assert_eq!(lib["items"][0]["free"], true);
    app.finish().await;
}
