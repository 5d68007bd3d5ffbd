//! A leader corrects a member's name or email (`PATCH /headshots/{id}` and
//! the headshot page): a new email gets a new welcome and a new personal
//! link, and the old link stops working at once.

use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::json;
use teamshot::domain::HeadshotStatus;

async fn welcomes_to(app: &TestApp, to: &str) -> Vec<String> {
    app.run_jobs().await;
    app.emails()
        .await
        .into_iter()
        .filter(|m| m.to.contains(to) && m.subject.contains("your headshot for"))
        .filter(|m| !m.subject.starts_with("Reminder"))
        .map(|m| m.text)
        .collect()
}

#[tokio::test]
async fn a_new_email_gets_a_new_link_and_the_old_one_dies() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme-typo.test").await).await;
    let id = h["id"].as_str().unwrap().to_string();
    let old = secret_of(h["member_url"].as_str().unwrap());
    assert_eq!(welcomes_to(&app, "ana@acme-typo.test").await.len(), 1);
    let path = format!("/headshots/{id}");

    // A name alone: same link, no email.
    let r = app
        .patch_json(&team.token, &path, json!({"last_name": " Souza "}))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v = json(r).await;
    assert_eq!(v["member"]["last_name"], "Souza");
    assert_eq!(v["member_url"], h["member_url"]);
    assert_eq!(app.get(&old, "/me").await.status(), StatusCode::OK);

    // Everything wrong at once is said at once, and nothing changes.
    let r = app
        .patch_json(
            &team.token,
            &path,
            json!({"first_name": "  ", "email": "ana@"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let problem = json(r).await.to_string();
    assert!(
        problem.contains("first_name") && problem.contains("email"),
        "{problem}"
    );
    let r = app.patch_json(&team.token, &path, json!({})).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // The email: twice, as a double click would; one change, one welcome.
    let change = json!({"email": "ana@acme.test"});
    let first = json(app.patch_json(&team.token, &path, change.clone()).await).await;
    let again = app.patch_json(&team.token, &path, change).await;
    assert_eq!(again.status(), StatusCode::OK);
    assert_eq!(json(again).await["member_url"], first["member_url"]);
    let new = secret_of(first["member_url"].as_str().unwrap());
    assert_ne!(new, old);
    let mails = welcomes_to(&app, "ana@acme.test").await;
    assert_eq!(mails.len(), 1, "one new welcome");
    assert!(mails[0].contains(&new), "the new link is in it");
    assert!(
        app.get(&old, "/me").await.status().is_client_error(),
        "the old link is dead"
    );
    assert_eq!(app.get(&new, "/me").await.status(), StatusCode::OK);
    let r = app
        .client
        .get(format!("{}/m/{old}", app.base))
        .send()
        .await
        .unwrap();
    assert!(
        r.status().is_client_error(),
        "the old page too: {}",
        r.status()
    );

    let history = json(app.get(&team.token, &path).await).await["events"].to_string();
    assert!(history.contains("corrected the name"), "{history}");
    assert!(
        history.contains("ana@acme-typo.test → ana@acme.test"),
        "{history}"
    );
    app.finish().await;
}

#[tokio::test]
async fn two_different_corrections_at_once_one_wins() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());
    let (a, b) = tokio::join!(
        app.patch_json(&team.token, &path, json!({"email": "one@acme.test"})),
        app.patch_json(&team.token, &path, json!({"email": "two@acme.test"}))
    );
    // Overlapping, the second loses (409); one after the other, both apply.
    let mut codes = [a.status(), b.status()];
    codes.sort();
    assert!(
        codes == [StatusCode::OK, StatusCode::CONFLICT] || codes == [StatusCode::OK; 2],
        "{codes:?}"
    );
    let now = json(app.get(&team.token, &path).await).await;
    let current = now["member"]["email"].as_str().unwrap().to_string();
    let link = secret_of(now["member_url"].as_str().unwrap());
    app.run_jobs().await;
    let mails = app.emails().await;
    let welcomes: Vec<_> = mails
        .iter()
        .filter(|m| m.to.contains("one@") || m.to.contains("two@"))
        .collect();
    assert_eq!(
        welcomes.len(),
        1,
        "one welcome, for the address that stayed"
    );
    assert!(welcomes[0].to.contains(current.split('@').next().unwrap()));
    assert!(welcomes[0].text.contains(&link), "with the link that works");
    app.finish().await;
}

#[tokio::test]
async fn approved_headshots_keep_their_details_and_the_page_corrects_the_others() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let approved = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let r = app
        .patch_json(
            &team.token,
            &format!("/headshots/{}", approved.id),
            json!({"first_name": "Anna"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        json(r).await["detail"]
            .as_str()
            .unwrap()
            .contains("approved")
    );

    let m = app.headshot_at(&team, HeadshotStatus::InRetouching).await;
    let leader = crate::helpers::PageClient::with_link(&app.base, &team.login_url).await;
    let path = format!("/team/headshots/{}/details", m.id);
    let page = leader.page(&format!("/team/headshots/{}", m.id)).await;
    assert!(page.contains("Correct the name or email"), "{page}");
    let r = leader
        .post(
            &path,
            &[
                ("first_name", "Ana"),
                ("last_name", "Silva"),
                ("email", "nope"),
            ],
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(
        html.contains("<details class=\"facts-box\" open>"),
        "the form with the problem is open"
    );
    // A problem with the due date leaves the corrections folded.
    let r = leader.post(&path, &[("due_date", "2020-01-01")]).await;
    let html = r.text().await.unwrap();
    assert!(html.contains("role=\"alert\""), "{html}");
    assert!(
        !html.contains("<details class=\"facts-box\" open>"),
        "{html}"
    );
    let r = leader
        .post(
            &path,
            &[
                ("first_name", "Ana"),
                ("last_name", "Silva"),
                ("email", "ana.silva@acme.test"),
            ],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("A new personal link is on its way to ana.silva@acme.test"),
        "{html}"
    );
    assert_eq!(welcomes_to(&app, "ana.silva@acme.test").await.len(), 1);
    let page = leader
        .page(&format!("/team/headshots/{}", approved.id))
        .await;
    assert!(
        !page.contains("Correct the name or email"),
        "not once approved"
    );
    app.finish().await;
}

#[tokio::test]
async fn corrections_of_different_fields_at_once_both_stay() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let h = json(app.invite(&team, "ana@acme.test").await).await;
    let path = format!("/headshots/{}", h["id"].as_str().unwrap());
    let (a, b) = tokio::join!(
        app.patch_json(&team.token, &path, json!({"first_name": "Anna"})),
        app.patch_json(&team.token, &path, json!({"last_name": "Souza"}))
    );
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let now = json(app.get(&team.token, &path).await).await;
    assert_eq!(now["member"]["first_name"], "Anna");
    assert_eq!(now["member"]["last_name"], "Souza");
    app.run_jobs().await;
    app.finish().await;
}

/// A share link is passed around: it may fix a typo in a name, not send a
/// member's personal link to another address.
#[tokio::test]
async fn the_share_link_corrects_names_but_not_addresses() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let m = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let c = browser();
    let page_url = format!("{}/headshots/{}", team.share_url, m.id);
    let html = page(&c, &page_url).await;
    assert!(!html.contains("Open the member's own page"), "{html}");
    let token = csrf(&html);
    let r = c
        .post(format!("{page_url}/details"))
        .form(&[
            ("csrf", token.as_str()),
            ("email", "someone@elsewhere.test"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = c
        .post(format!("{page_url}/details"))
        .form(&[("csrf", token.as_str()), ("first_name", "Anna")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(h["member"]["first_name"], "Anna");
    assert_ne!(h["member"]["email"], "someone@elsewhere.test");
    app.run_jobs().await;
    app.finish().await;
}
