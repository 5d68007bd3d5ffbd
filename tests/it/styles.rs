//! Headshot Styles: the library, validation, the default, and the snapshot
//! a headshot keeps from the moment it enters production.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;

fn style(name: &str, bg: &str) -> serde_json::Value {
    json!({"name": name, "background_id": bg, "shape": "circle", "background_color": "#ffffff", "outline_color": "#1F2A44", "outline_width": 4, "extra_background_ids": ["bg-white"]})
}

#[tokio::test]
async fn styles_use_the_library_and_the_first_is_the_default() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let bgs = json(app.get(&team.token, "/backgrounds").await).await;
    let items = bgs["items"].as_array().unwrap();
    assert!(items.len() >= 6, "a fresh install has a free library");
    let svg = app
        .client
        .get(items[3]["preview_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(svg.headers()["content-type"], "image/svg+xml");

    let r = app
        .post_json(&team.token, "/styles", style("Website", "bg-navy"))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let first = json(r).await;
    assert_eq!(
        (
            first["is_default"].as_bool(),
            first["outline_color"].as_str()
        ),
        (Some(true), Some("#1f2a44"))
    );
    let second = json(
        app.post_json(&team.token, "/styles", style("Print", "bg-white"))
            .await,
    )
    .await;
    assert_eq!(second["is_default"], false);
    let r = app
        .post_json(
            &team.token,
            "/styles",
            json!({"name": "", "background_id": "bg-nope", "shape": "star", "outline_width": 100}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(fields, ["name", "shape", "outline_width", "background_id"]);

    let r = app
        .client
        .put(app.api("/team/default-style"))
        .bearer_auth(&team.token)
        .json(&json!({"style_id": second["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(r).await["default_style_id"], second["id"]);
    let other = app.team().await;
    let r = app
        .client
        .put(app.api("/team/default-style"))
        .bearer_auth(&other.token)
        .json(&json!({"style_id": second["id"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "another team's style");
    app.finish().await;
}

#[tokio::test]
async fn a_headshot_keeps_the_style_it_entered_production_with() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let website = json(
        app.post_json(&team.token, "/styles", style("Website", "bg-navy"))
            .await,
    )
    .await;
    let print = json(
        app.post_json(&team.token, "/styles", style("Print", "bg-white"))
            .await,
    )
    .await;
    let a = json(app.invite(&team, "a@acme.test").await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let b = json(app.invite(&team, "b@acme.test").await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    for id in [&a, &b] {
        app.upload(
            &team.token,
            &format!("/headshots/{id}/photo"),
            "photo",
            good_photo(),
        )
        .await;
    }
    app.post_json(
        &admin,
        &format!("/studio/headshots/{a}/quality-check"),
        json!({"decision": "pass"}),
    )
    .await;
    // The default changes: a (in production) keeps Website, b gets Print.
    app.client
        .put(app.api("/team/default-style"))
        .bearer_auth(&team.token)
        .json(&json!({"style_id": print["id"]}))
        .send()
        .await
        .unwrap();
    app.post_json(
        &admin,
        &format!("/studio/headshots/{b}/quality-check"),
        json!({"decision": "pass"}),
    )
    .await;
    let a_style =
        json(app.get(&team.token, &format!("/headshots/{a}")).await).await["style_id"].clone();
    let b_style =
        json(app.get(&team.token, &format!("/headshots/{b}")).await).await["style_id"].clone();
    assert_eq!(a_style, website["id"]);
    assert_eq!(b_style, print["id"]);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn teams_upload_their_own_backgrounds() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let other = app.team().await;
    let r = app
        .upload(&team.token, "/backgrounds", "file", good_photo())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let bg = json(r).await;
    assert_eq!(
        (bg["kind"].as_str(), bg["own"].as_bool()),
        (Some("image"), Some(true))
    );
    let img = app
        .client
        .get(bg["preview_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(img.status(), StatusCode::OK);
    let r = app
        .upload(&team.token, "/backgrounds", "file", photo("hopper.jpg"))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("at least 1200 pixels")
    );
    let r = app
        .upload(
            &team.token,
            "/backgrounds",
            "file",
            b"not a picture".to_vec(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        json(r).await["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("readable JPEG, PNG or WebP")
    );
    // Only the team that uploaded it sees it or can use it.
    let theirs = json(app.get(&other.token, "/backgrounds").await).await;
    assert!(
        theirs["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|b| b["id"] != bg["id"])
    );
    let r = app
        .post_json(
            &other.token,
            "/styles",
            style("Stolen", bg["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.post_json(
            &team.token,
            "/styles",
            style("Ours", bg["id"].as_str().unwrap())
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    app.finish().await;
}

#[tokio::test]
async fn the_style_page_adds_a_style_with_a_preview() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let c = browser();
    let html = page(&c, &format!("{}/style", team.share_url)).await;
    assert!(
        html.contains("Add Style")
            && html.contains("data-preview-box")
            && html.contains("Navy gradient")
    );
    let token = csrf(&html);
    let form = [
        ("csrf", token.as_str()),
        ("name", "Website"),
        ("background_id", "bg-sky"),
        ("shape", "rounded"),
        ("background_color", "#ffffff"),
        ("outline_color", "#000000"),
        ("outline_width", "3"),
    ];
    let page = c
        .post(format!("{}/style", team.share_url))
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("added and made the default"), "{page}");
    assert!(page.contains("preview-box rounded"));
    app.finish().await;
}
