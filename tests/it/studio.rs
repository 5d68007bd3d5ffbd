//! Studio production over the API: settings, the calendar they drive,
//! claims, QC reasons from the settings and the team's preferences, and
//! deliveries rendered from the style snapshot.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// Invite, upload and (optionally) pass QC; returns the headshot id.
pub async fn in_production(app: &TestApp, team: &Team, admin: &str, pass: bool) -> String {
    let email = format!("{}@acme.test", uuid::Uuid::new_v4().simple());
    let id = json(app.invite(team, &email).await).await["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = app
        .upload(
            &team.token,
            &format!("/headshots/{id}/photo"),
            "photo",
            good_photo(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    if pass {
        let r = app
            .post_json(
                admin,
                &format!("/studio/headshots/{id}/quality-check"),
                json!({"decision": "pass"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
    }
    id
}

#[tokio::test]
async fn admins_edit_settings_and_the_calendar_follows_them() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    assert_eq!(settings["fees"]["custom_background"], 25_000);
    assert_eq!(settings["turnaround"]["standard_days"], 3);
    assert_eq!(settings["standard_sizes"], json!([1600, 800, 400]));

    // Not for other roles.
    assert_eq!(
        app.get(&qc, "/studio/settings").await.status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        app.put_json(&qc, "/studio/settings", settings.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );

    // Every bad field is named; nothing is saved.
    let mut bad = settings.clone();
    bad["turnaround"]["standard_days"] = json!(0);
    bad["standard_sizes"] = json!([20]);
    bad["branding"]["sender"] = json!("nobody");
    let r = app.put_json(&admin, "/studio/settings", bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let fields: Vec<String> = json(r).await["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        fields,
        ["sender", "turnaround.standard_days", "standard_sizes"]
    );

    // Wednesday 2026-03-04 is a holiday: a Monday upload is due Friday, not Thursday.
    settings["holidays"] = json!(["2026-03-04"]);
    settings["branding"]["studio_name"] = json!("Bright Studio");
    let r = app.put_json(&admin, "/studio/settings", settings).await;
    assert_eq!(r.status(), StatusCode::OK);
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let id = in_production(&app, &team, &admin, false).await;
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["retouch_due_at"], "2026-03-06T23:59:59Z");
    app.run_jobs().await;
    let welcome = app.emails().await;
    assert!(
        welcome
            .iter()
            .all(|m| m.subject.starts_with("Bright Studio")
                || !m.subject.contains("your headshot for")),
        "emails carry the studio's name"
    );
    app.finish().await;
}

#[tokio::test]
async fn two_retouchers_never_take_the_same_headshot() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let ana = app.staff("retoucher").await;
    let ben = app.staff("retoucher").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let id = in_production(&app, &team, &admin, true).await;

    let r = app
        .post(&ana, &format!("/studio/headshots/{id}/claim"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let item = json(r).await;
    assert_eq!(item["claimed_by_you"], true);
    let queue = json(app.get(&ben, "/studio/queue?stage=retouching").await).await;
    assert_eq!(queue["items"][0]["claimed_by"], "Staff Person");
    assert_eq!(queue["items"][0]["claimed_by_you"], false);

    // Ben can neither claim, release nor deliver Ana's job.
    let r = app
        .post(&ben, &format!("/studio/headshots/{id}/claim"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("already working")
    );
    let r = app
        .post(&ben, &format!("/studio/headshots/{id}/release"))
        .await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = app
        .upload(
            &ben,
            &format!("/studio/headshots/{id}/deliver"),
            "cutout",
            cutout_png(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);

    // An admin releases it; Ben claims and delivers; the claim ends.
    let r = app
        .post(&admin, &format!("/studio/headshots/{id}/release"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post(&ben, &format!("/studio/headshots/{id}/claim"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .upload(
            &ben,
            &format!("/studio/headshots/{id}/deliver"),
            "cutout",
            cutout_png(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post(&ben, &format!("/studio/headshots/{id}/claim"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "delivered: not claimable");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn qc_reasons_come_from_the_settings_and_the_team_preferences() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    settings["qc_reasons"] = json!([
        {"code": "business_attire", "label": "Please wear business attire"},
        {"code": "no_pets", "label": "No pets in the photo"}
    ]);
    assert_eq!(
        app.put_json(&admin, "/studio/settings", settings)
            .await
            .status(),
        StatusCode::OK
    );
    let reasons = json(app.get(&admin, "/studio/qc-reasons").await).await;
    let codes: Vec<&str> = reasons["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["business_attire", "no_pets", "other"]);

    // The team picks what applies to it; an unknown code is refused.
    let r = app
        .put_json(
            &team.token,
            "/team/preferences",
            json!({"qc_reasons": ["sunglasses"]}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .put_json(
            &team.token,
            "/team/preferences",
            json!({"qc_reasons": ["no_pets"]}),
        )
        .await;
    let prefs = json(r).await;
    assert_eq!(prefs["items"][1]["selected"], true);
    assert_eq!(prefs["items"][0]["selected"], false);

    let id = in_production(&app, &team, &admin, false).await;
    let r = app
        .post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "new_photo", "reasons": ["face_camera"]}),
        )
        .await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "no longer in the catalogue"
    );
    let r = app
        .post_json(
            &admin,
            &format!("/studio/headshots/{id}/quality-check"),
            json!({"decision": "new_photo", "reasons": ["no_pets"]}),
        )
        .await;
    let h = json(r).await;
    assert_eq!(h["qc_reasons"][0]["label"], "No pets in the photo");
    app.run_jobs().await;
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.contains("new photo"))
        .unwrap();
    assert!(mail.text.contains("No pets in the photo"));
    app.finish().await;
}

/// The studio delivers portrait ratios beside squares; a team's style
/// frames its people chest up.
#[tokio::test]
async fn portrait_ratios_and_chest_up_framing_reach_the_delivered_files() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    assert_eq!(settings["standard_ratios"], json!(["1:1"]));
    settings["standard_sizes"] = json!([1000]);
    settings["standard_ratios"] = json!(["16:9"]);
    let r = app
        .client
        .put(app.api("/studio/settings"))
        .bearer_auth(&admin)
        .json(&settings)
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "not a ratio we deliver"
    );
    settings["standard_ratios"] = json!(["3:4", "1:1", "4:5"]);
    app.put_json(&admin, "/studio/settings", settings).await;
    let style = json!({"name": "Deck", "background_id": "bg-navy", "shape": "square", "framing": "sideways"});
    let r = app.post_json(&team.token, "/styles", style).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await.to_string().contains("chest_up"));
    let style = json!({"name": "Deck", "background_id": "bg-navy", "shape": "square", "framing": "chest_up"});
    let r = app.post_json(&team.token, "/styles", style).await;
    assert_eq!(json(r).await["framing"], "chest_up");
    let id = in_production(&app, &team, &admin, true).await;
    app.upload(
        &admin,
        &format!("/studio/headshots/{id}/deliver"),
        "cutout",
        cutout_png(),
    )
    .await;
    app.run_jobs().await;
    app.post(&team.token, &format!("/headshots/{id}/approve"))
        .await;
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let mut finals: Vec<(i64, i64)> = files
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["watermarked"] == false)
        .map(|f| (f["width"].as_i64().unwrap(), f["height"].as_i64().unwrap()))
        .collect();
    finals.sort();
    assert_eq!(finals, [(750, 1000), (800, 1000), (1000, 1000)]);
    app.finish().await;
}

#[tokio::test]
async fn a_delivery_is_rendered_in_the_style_it_entered_production_with() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    settings["standard_sizes"] = json!([1000, 300]);
    app.put_json(&admin, "/studio/settings", settings).await;
    let style = json!({
        "name": "Website", "background_id": "bg-navy", "shape": "circle",
        "background_color": "#ffffff", "outline_color": "#ff0000", "outline_width": 20,
        "extra_background_ids": ["bg-office"]
    });
    let r = app.post_json(&team.token, "/styles", style).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = in_production(&app, &team, &admin, true).await;
    // A later change of the team's style does not touch this headshot.
    let plain = json!({"name": "Plain", "background_id": "bg-white", "shape": "square"});
    let plain_id = json(app.post_json(&team.token, "/styles", plain).await).await["id"].clone();
    app.put_json(
        &team.token,
        "/team/default-style",
        json!({"style_id": plain_id}),
    )
    .await;
    app.run_jobs().await; // the welcome email

    app.upload(
        &admin,
        &format!("/studio/headshots/{id}/deliver"),
        "cutout",
        cutout_png(),
    )
    .await;
    assert_eq!(
        app.run_jobs().await,
        1,
        "the email; the files exist already"
    );
    app.post(&team.token, &format!("/headshots/{id}/approve"))
        .await;
    let files = json(
        app.get(&team.token, &format!("/headshots/{id}/files"))
            .await,
    )
    .await;
    let files = files.as_array().unwrap();
    let finals: Vec<&Value> = files.iter().filter(|f| f["watermarked"] == false).collect();
    let previews = files.len() - finals.len();
    assert_eq!(finals.len(), 4, "2 backgrounds × 2 sizes");
    assert_eq!(previews, 2, "one preview per background");
    for f in &finals {
        assert_eq!(f["shape"], "circle");
        assert_eq!(f["format"], "png");
    }
    let navy = finals
        .iter()
        .find(|f| f["background_id"] == "bg-navy" && f["width"] == 1000)
        .unwrap();
    let bytes = app
        .client
        .get(navy["url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap().to_rgba8();
    assert_eq!(img.dimensions(), (1000, 1000));
    assert_eq!(img.get_pixel(3, 3).0[3], 0, "outside the circle");
    let rim = img.get_pixel(500, 3).0;
    assert!(rim[0] > 200 && rim[1] < 60, "the red outline: {rim:?}");
    let behind = img.get_pixel(500, 60).0;
    assert!(
        behind[2] > behind[0] + 30 && behind[3] == 255,
        "the navy background behind the head: {behind:?}"
    );
    let office = finals
        .iter()
        .find(|f| f["background_id"] == "bg-office")
        .unwrap();
    assert_eq!(office["format"], "png");
    app.finish().await;
}

#[tokio::test]
async fn success_staff_answer_help_requests_by_email() {
    let app = TestApp::spawn().await;
    let success = app.staff("success").await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    let r = app
        .post_json(
            &team.token,
            "/support-requests",
            json!({"kind": "other", "headshot_ids": [], "message": "Can we get a grey background?"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = json(r).await["id"].as_str().unwrap().to_string();
    app.run_jobs().await;

    let path = format!("/studio/support-requests/{id}/answer");
    let r = app.post_json(&qc, &path, json!({"message": "Sure"})).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN, "not QC's job");
    let r = app
        .post_json(&success, &path, json!({"message": " "}))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post_json(
            &success,
            &path,
            json!({"message": "Yes: pick Studio grey in your style."}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(json(r).await["status"], "answered");
    app.run_jobs().await;
    let answer = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.contains("an answer to your request"))
        .expect("the answer is emailed");
    assert!(
        answer.to.contains("lead-"),
        "to the team's leader: {}",
        answer.to
    );
    assert!(answer.text.contains("pick Studio grey") && answer.text.contains("grey background?"));

    let mine = json(app.get(&team.token, "/support-requests").await).await;
    assert_eq!(
        mine["items"][0]["replies"][0]["message"],
        "Yes: pick Studio grey in your style."
    );
    let r = app
        .client
        .put(app.api(&format!("/studio/support-requests/{id}/status")))
        .bearer_auth(&success)
        .json(&json!({"status": "closed"}))
        .send()
        .await
        .unwrap();
    assert_eq!(json(r).await["status"], "closed");
    app.finish().await;
}

#[tokio::test]
async fn retouching_is_ordered_by_due_time_expedited_first_on_ties() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    let invite = |email: &'static str| {
        let (app, team) = (&app, &team);
        async move {
            json(app.invite(team, email).await).await["id"]
                .as_str()
                .unwrap()
                .to_string()
        }
    };
    let (a, b, c) = (
        invite("a@acme.test").await,
        invite("b@acme.test").await,
        invite("c@acme.test").await,
    );
    let upload_and_pass = |id: String| {
        let (app, team, admin) = (&app, &team, &admin);
        async move {
            app.upload(
                &team.token,
                &format!("/headshots/{id}/photo"),
                "photo",
                good_photo(),
            )
            .await;
            app.post_json(
                admin,
                &format!("/studio/headshots/{id}/quality-check"),
                json!({"decision": "pass"}),
            )
            .await;
        }
    };
    // Monday: A (due Thursday). Wednesday: B expedited (due Thursday too), C (due Monday).
    upload_and_pass(a.clone()).await;
    app.clock.advance(jiff::SignedDuration::from_hours(48));
    app.post(&team.token, &format!("/headshots/{b}/expedite"))
        .await;
    upload_and_pass(b.clone()).await;
    upload_and_pass(c.clone()).await;
    let queue = json(app.get(&admin, "/studio/queue?stage=retouching").await).await;
    let order: Vec<&str> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["id"].as_str().unwrap())
        .collect();
    assert_eq!(order, [b.as_str(), a.as_str(), c.as_str()]);
    assert_eq!(
        queue["items"][0]["retouch_due_at"],
        queue["items"][1]["retouch_due_at"]
    );
    assert_eq!(queue["items"][0]["late"], false);

    // Friday: the two due Thursday are late, the third is not.
    app.clock.advance(jiff::SignedDuration::from_hours(48));
    let queue = json(app.get(&admin, "/studio/queue?stage=retouching").await).await;
    let late: Vec<bool> = queue["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["late"].as_bool().unwrap())
        .collect();
    assert_eq!(late, [true, true, false]);
    app.run_jobs().await;
    app.finish().await;
}
