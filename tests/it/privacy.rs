//! Retention and privacy: the studio's retention deletes an approved
//! headshot's original photos and drafts after N days (finals kept, with
//! the clock the tests control); a member or a leader exports everything
//! held about the member, or erases it — once, whoever presses twice.

use crate::fixtures::{Member, PageClient};
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use std::io::Read;
use teamshot::domain::HeadshotStatus;

/// The storage keys of a headshot's uploaded photos.
async fn original_keys(app: &TestApp, id: &str) -> Vec<String> {
    sqlx::query_scalar("SELECT storage_key FROM photos WHERE headshot_id = $1")
        .bind(id)
        .fetch_all(&app.svc.db.pool)
        .await
        .unwrap()
}

async fn stored(app: &TestApp, key: &str) -> bool {
    app.svc.storage.get(key).await.is_ok()
}

async fn files_of(app: &TestApp, token: &str, id: &str) -> Vec<Value> {
    json(app.get(token, &format!("/headshots/{id}/files")).await)
        .await
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn retention_deletes_originals_and_drafts_after_approval_and_keeps_the_finals() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let approved = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let waiting = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    app.run_jobs().await;
    let keys = original_keys(&app, &approved.id).await;
    assert_eq!(keys.len(), 1);
    assert!(stored(&app, &keys[0]).await);
    // A photo sent after the approval (a paid re-do waiting for its fee)
    // is not the retention's: it stays, row and object.
    let later_key = format!("{}-later", keys[0]);
    app.svc
        .storage
        .put(
            &teamshot::storage::StorageKey::Original {
                team_id: teamshot::domain::TeamId::of(&team.id),
                headshot_id: teamshot::domain::HeadshotId::of(&approved.id),
                photo_id: format!("{}-later", keys[0].rsplit('/').next().unwrap()),
            },
            bytes::Bytes::from_static(b"later photo"),
        )
        .await
        .unwrap();
    assert!(stored(&app, &later_key).await);
    sqlx::query(
        "INSERT INTO photos (id, headshot_id, storage_key, content_type, bytes, width, height, uploaded_by, created_at) \
         VALUES ($1, $2, $3, 'image/jpeg', 11, 1, 1, 'member', $4)",
    )
    .bind(uuid::Uuid::now_v7().to_string())
    .bind(&approved.id)
    .bind(&later_key)
    .bind(jiff::Timestamp::from_second(1_773_000_000).unwrap().as_millisecond())
    .execute(&app.svc.db.pool)
    .await
    .unwrap();
    let before = json(
        app.get(&team.token, &format!("/headshots/{}", approved.id))
            .await,
    )
    .await;
    assert!(before["thumbnail_url"].is_string());

    // Off by default: nothing is deleted, however old.
    app.clock.set("2026-06-01T10:00:00Z".parse().unwrap());
    assert_eq!(app.svc.apply_retention().await.unwrap(), 0);

    app.change_studio_settings(&admin, |s| s["rules"]["retention_days"] = json!(30))
        .await;
    app.clock.set("2026-03-31T10:00:00Z".parse().unwrap());
    assert_eq!(app.svc.apply_retention().await.unwrap(), 0, "29 days");
    app.clock.set("2026-04-01T10:00:00Z".parse().unwrap());
    // Two schedulers at once: one deletion.
    let (a, b) = tokio::join!(app.svc.apply_retention(), app.svc.apply_retention());
    assert_eq!(a.unwrap() + b.unwrap(), 1);

    // The rows are gone at once; the objects go with the queued job, so a
    // crash before it runs loses nothing: the job is still there.
    assert_eq!(
        original_keys(&app, &approved.id).await,
        std::slice::from_ref(&later_key)
    );
    assert!(
        stored(&app, &keys[0]).await,
        "deleted by the job, not before"
    );
    assert!(app.pending_jobs().await >= 1);
    app.run_jobs().await;
    assert!(!stored(&app, &keys[0]).await, "the original is gone");
    assert!(stored(&app, &later_key).await, "the later photo stays");

    let after = json(
        app.get(&team.token, &format!("/headshots/{}", approved.id))
            .await,
    )
    .await;
    assert!(after["sources_deleted_at"].is_string(), "{after}");
    assert!(after["thumbnail_url"].is_null());
    assert!(
        after["events"]
            .to_string()
            .contains("original photos and drafts deleted")
    );
    // The finals stay, and still download.
    let finals = files_of(&app, &team.token, &approved.id).await;
    assert!(!finals.is_empty());
    let url = finals[0]["url"].as_str().unwrap();
    assert_eq!(
        app.client.get(url).send().await.unwrap().status(),
        StatusCode::OK
    );
    // A headshot not approved keeps its photo.
    assert_eq!(original_keys(&app, &waiting.id).await.len(), 1);
    assert_eq!(app.svc.apply_retention().await.unwrap(), 0, "done once");
    let audit = json(app.get(&admin, "/studio/audit").await).await;
    assert!(
        audit
            .to_string()
            .contains("deleted the original photos and drafts of 1 headshot"),
        "{audit}"
    );
    app.finish().await;
}

fn unzip(bytes: &[u8]) -> zip::ZipArchive<std::io::Cursor<Vec<u8>>> {
    zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

/// An export's `member.json`.
fn member_json(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>) -> Value {
    let mut doc = String::new();
    zip.by_name("member.json")
        .unwrap()
        .read_to_string(&mut doc)
        .unwrap();
    serde_json::from_str(&doc).unwrap()
}

#[tokio::test]
async fn a_member_exports_their_data_without_its_location_then_erases_it_once() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let m = Member {
        id: h["id"].as_str().unwrap().to_string(),
        secret: secret_of(h["member_url"].as_str().unwrap()),
    };
    let original = crate::photos_for_leaders::camera_jpeg_with_location();
    assert!(teamshot::imaging::checks::read_exif(&original).camera);
    let r = app.upload(&m.secret, "/me/photo", "photo", original).await;
    assert_eq!(r.status(), StatusCode::CREATED);

    // The export: member.json and the photo, without camera or location data.
    let r = app.get(&m.secret, "/me/personal-data").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "application/zip");
    let mut zip = unzip(&r.bytes().await.unwrap());
    let doc = member_json(&mut zip);
    assert_eq!(doc["email"], "ana@acme.test");
    assert_eq!(doc["headshots"][0]["first_name"], "Ana");
    assert_eq!(doc["headshots"][0]["credits"][0]["credits"], -1);
    let photo_name = doc["headshots"][0]["photos"][0]["file"]
        .as_str()
        .unwrap()
        .to_string();
    let mut photo = Vec::new();
    zip.by_name(&photo_name)
        .unwrap()
        .read_to_end(&mut photo)
        .unwrap();
    assert!(
        !teamshot::imaging::checks::read_exif(&photo).camera,
        "no camera data, no GPS"
    );
    image::load_from_memory(&photo).expect("the photo still opens");
    // A leader gets the same; the share link does not.
    let r = app
        .get(&team.token, &format!("/headshots/{}/personal-data", m.id))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let share = app
        .client
        .get(format!(
            "{}/headshots/{}/personal-data.zip",
            team.share_url, m.id
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(share.status(), StatusCode::FORBIDDEN);

    // Not confirmed: refused, nothing erased.
    let r = app.post_json(&m.secret, "/me/erase", json!({})).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(json(r).await.to_string().contains("cannot be undone"));
    let c = browser();
    let member_page = format!("{}/m/{}", app.base, m.secret);
    let html = page(&c, &member_page).await;
    assert!(html.contains("Download my data (ZIP)") && html.contains("Erase my data"));
    let r = c
        .post(format!("{member_page}/erase"))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("Tick the box to confirm the erasure: nothing was erased.")
    );
    let keys = original_keys(&app, &m.id).await;
    assert!(stored(&app, &keys[0]).await);

    // Pressed twice at once: one erasure.
    let body = json!({"confirm": true});
    let (a, b) = tokio::join!(
        app.post_json(&m.secret, "/me/erase", body.clone()),
        app.post_json(&m.secret, "/me/erase", body.clone())
    );
    let ok: Vec<StatusCode> = [a.status(), b.status()]
        .into_iter()
        .filter(|s| s.is_success())
        .collect();
    assert_eq!(ok.len(), 1, "{:?} {:?}", a.status(), b.status());
    app.run_jobs().await;
    assert!(!stored(&app, &keys[0]).await, "the photo is deleted");
    // The personal link opens nothing; the team no longer lists Ana; the
    // ledger keeps the credit spent, under no name.
    assert!(!app.get(&m.secret, "/me").await.status().is_success());
    let list = json(app.get(&team.token, "/headshots").await).await;
    assert_eq!(list["items"].as_array().unwrap().len(), 0);
    let ledger = json(app.get(&team.token, "/ledger").await)
        .await
        .to_string();
    assert!(ledger.contains(&m.id) && ledger.contains("-1"), "{ledger}");
    assert!(!ledger.contains("ana@acme.test"), "{ledger}");
    let leader = PageClient::leader_now(&app, &team).await;
    let audit = leader.page("/team/audit").await;
    assert!(audit.contains("personal data erased") && audit.contains("Erased member"));
    assert!(!audit.contains("ana@acme.test"));
    app.finish().await;
}

#[tokio::test]
async fn a_member_erases_only_their_own_headshot_when_colleagues_share_the_address() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 2).await;
    let mut secrets = Vec::new();
    for first in ["Ana", "Bo"] {
        let body = json!({"first_name": first, "last_name": "Shared", "email": "team@acme.test", "due_date": "2026-03-16"});
        let h = json(app.post_json(&team.token, "/headshots", body).await).await;
        secrets.push(secret_of(h["member_url"].as_str().unwrap()));
    }
    // Ana's export holds Ana alone.
    let r = app.get(&secrets[0], "/me/personal-data").await;
    let doc = member_json(&mut unzip(&r.bytes().await.unwrap()));
    assert_eq!(doc["headshots"].as_array().unwrap().len(), 1);
    assert_eq!(doc["headshots"][0]["first_name"], "Ana");
    // Ana's erasure leaves Bo.
    let r = app
        .post_json(&secrets[0], "/me/erase", json!({"confirm": true}))
        .await;
    assert_eq!(json(r).await["erased"], 1);
    let me = json(app.get(&secrets[1], "/me").await).await;
    assert_eq!(me["headshot"]["member"]["first_name"], "Bo");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_leader_erases_every_headshot_of_a_members_address_from_the_page() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let first = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let email = json(
        app.get(&team.token, &format!("/headshots/{}", first.id))
            .await,
    )
    .await["member"]["email"]
        .as_str()
        .unwrap()
        .to_string();
    app.grant(&team, &admin, 1).await;
    let second = json(app.invite(&team, &email).await).await;
    let other = app.headshot_at(&team, HeadshotStatus::Invited).await;
    app.run_jobs().await;

    let leader = PageClient::leader_now(&app, &team).await;
    let path = format!("/team/headshots/{}", first.id);
    let html = leader.page(&path).await;
    assert!(html.contains("Personal data") && html.contains("personal-data.zip"));
    let r = leader
        .client
        .get(format!("{}{path}/personal-data.zip", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let doc = member_json(&mut unzip(&r.bytes().await.unwrap()));
    assert_eq!(
        doc["headshots"].as_array().unwrap().len(),
        2,
        "both headshots of the address"
    );

    // The box not ticked: the page says so, nothing is erased.
    let r = leader.post(&format!("{path}/erase"), &[]).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("An erasure cannot be undone: tick the box")
    );
    assert_eq!(
        json(app.get(&team.token, "/headshots").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        3
    );

    let r = leader
        .post(&format!("{path}/erase"), &[("confirm", "on")])
        .await;
    assert!(r.status().is_redirection(), "{}", r.status());
    app.run_jobs().await;
    let list = json(app.get(&team.token, "/headshots").await).await;
    let ids: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids,
        [other.id.as_str()],
        "both of the address erased, the colleague kept"
    );
    let second_id = second["id"].as_str().unwrap();
    assert_eq!(
        app.get(&team.token, &format!("/headshots/{second_id}"))
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    // Again (a second click): nothing left to erase.
    let r = leader
        .post(&format!("{path}/erase"), &[("confirm", "on")])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.finish().await;
}
