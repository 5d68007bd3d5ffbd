//! The team dashboard in the browser: progress, filters, the selection
//! toolbar, CSV import with preview, live sections, the share link page.

use crate::helpers::page as get;
use crate::helpers::*;
use reqwest::StatusCode;

const FILE: &str = "first_name;last_name;email\r\nAna;Silva;ana@acme.test\r\nBo;Chen;bo@acme.test\r\nCy;Diaz;cy@acme.test\r\n";

#[tokio::test]
async fn import_select_and_act_from_the_dashboard() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 3).await;
    let c = browser();
    let base = team.share_url.clone();
    let html = get(&c, &base).await;
    assert!(
        html.contains("+ Invite Team Member")
            && html.contains("Download CSV")
            && html.contains("0%</strong> approved")
    );

    // Drop a CSV: a preview first, nothing created; then confirm.
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf(&html))
        .part(
            "file",
            reqwest::multipart::Part::bytes(FILE.as_bytes().to_vec()).file_name("team.csv"),
        );
    let preview = c
        .post(format!("{base}/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(preview.contains("Invite 3 members") && preview.contains("bo@acme.test"));
    assert_eq!(
        json(app.get(&team.token, "/headshots").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        0
    );
    let csv_field = preview
        .split("<textarea name=\"csv\" hidden>")
        .nth(1)
        .unwrap()
        .split("</textarea>")
        .next()
        .unwrap();
    let csv_text = csv_field
        .replace("&#13;", "\r")
        .replace("&#10;", "\n")
        .replace("&#59;", ";")
        .replace("&#64;", "@")
        .replace("&#46;", ".");
    let done = c
        .post(format!("{base}/import/confirm"))
        .form(&[("csrf", csrf(&preview)), ("csv", csv_text)])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("3 members invited"), "{done}");
    let items = json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(items.len(), 3);

    // A bad file shows every problem by line and imports nothing.
    let bad = "first_name,last_name,email\nAna,,ana@\n";
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf(&done))
        .part(
            "file",
            reqwest::multipart::Part::bytes(bad.as_bytes().to_vec()).file_name("bad.csv"),
        );
    let page = c
        .post(format!("{base}/import"))
        .multipart(form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Nothing was imported") && page.contains("<td>2</td><td>last_name</td>"));

    // Select two rows and send reminders; one of them was reminded already.
    let (a, b) = (
        items[0]["id"].as_str().unwrap(),
        items[1]["id"].as_str().unwrap(),
    );
    app.post(&team.token, &format!("/headshots/{b}/remind"))
        .await;
    let html = get(&c, &base).await;
    let form = [
        ("csrf", csrf(&html)),
        ("action", "remind".into()),
        ("ids", a.into()),
        ("ids", b.into()),
    ];
    let page = c
        .post(format!("{base}/bulk"))
        .form(&form)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("1 reminded."), "{page}");
    assert!(page.contains("Bo Chen: Bo Chen was reminded less than 24 hours ago"));
    let page = c
        .post(format!("{base}/bulk"))
        .form(&[("csrf", csrf(&page)), ("action", "remind".into())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("Select at least one headshot"));

    // Filters and the live fragment.
    let found = get(&c, &format!("{base}?q=chen")).await;
    assert!(found.contains("Bo Chen") && !found.contains("Ana Silva"));
    let fragment = get(&c, &format!("{base}/sections?status=invited")).await;
    assert!(fragment.contains("Ana Silva") && !fragment.contains("<html"));
    // The status CSV from the menu.
    let r = c.get(format!("{base}/export.csv")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().lines().count() == 4);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn the_progress_bar_counts_sections_and_pages_split_large_teams() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 60).await;
    app.invite_many(&team, 60).await;
    let c = browser();
    let html = get(&c, &team.share_url).await;
    assert!(html.contains("Team Members: 60") && html.contains("aria-current=\"page\">1<"));
    assert!(html.contains("class=\"count\">60<"));
    let page2 = get(&c, &format!("{}?page=2", team.share_url)).await;
    assert!(page2.contains("P59 Member") && !page2.contains("P0 Member<"));
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn signed_in_leaders_manage_the_share_link_but_its_holders_cannot() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let holder = browser();
    let html = get(&holder, &format!("{}/share", team.share_url)).await;
    let r = holder
        .post(format!("{}/share/rotate", team.share_url))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    assert!(leader.page("/team/share").await.contains(&team.share_url));
    let r = leader.post("/team/share/revoke", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        holder.get(&team.share_url).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    app.finish().await;
}

#[tokio::test]
async fn a_second_leader_is_invited_and_signs_in_with_an_emailed_link() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app
        .post_json(
            &team.token,
            "/leaders",
            serde_json::json!({"name": "Kim Lee", "email": "kim@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app
        .post_json(
            &team.token,
            "/leaders",
            serde_json::json!({"name": "Kim Lee", "email": "kim@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        json(app.get(&team.token, "/leaders").await).await["items"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(app.run_jobs().await, 1);
    let invite = app.emails_to("kim@acme.test").await.pop().unwrap();
    assert!(
        invite.subject.contains("invited you") || invite.subject.contains("invited"),
        "{}",
        invite.subject
    );
    let link = invite
        .text
        .lines()
        .find(|l| l.contains("/login/link/"))
        .unwrap()
        .trim()
        .to_string();

    let kim = signed_in_with_link(&link).await;
    assert!(
        get(&kim, &format!("{}/team", app.base))
            .await
            .contains("credits available")
    );

    // Later, without a password: ask for a link on the sign-in page.
    app.clock.advance(jiff::SignedDuration::from_mins(3));
    let other = browser();
    let html = get(&other, &format!("{}/login", app.base)).await;
    let page = other
        .post(format!("{}/login/email", app.base))
        .form(&[("csrf", csrf(&html)), ("email", "kim@acme.test".into())])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("If an account uses this address"));
    // Unknown addresses get the same answer and no email; repeats are throttled.
    other
        .post(format!("{}/login/email", app.base))
        .form(&[("csrf", csrf(&html)), ("email", "ghost@acme.test".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(app.run_jobs().await, 1);
    other
        .post(format!("{}/login/email", app.base))
        .form(&[("csrf", csrf(&html)), ("email", "kim@acme.test".into())])
        .send()
        .await
        .unwrap();
    assert_eq!(app.run_jobs().await, 0, "one link per two minutes");
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|m| m.subject.starts_with("Your sign-in link"))
        .unwrap();
    assert_eq!(mail.to, "kim@acme.test");
    let audit = json(app.get(&team.token, "/audit").await).await;
    assert!(
        audit["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["action"] == "invited Kim Lee to lead the team")
    );
    app.finish().await;
}

#[tokio::test]
async fn live_updates_follow_changes_and_stop_when_the_share_link_is_revoked() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let mut live = browser()
        .get(format!("{}/live", team.share_url))
        .send()
        .await
        .unwrap();
    assert_eq!(live.status(), StatusCode::OK);
    let first = next(&mut live).await.expect("the current token");
    assert!(first.starts_with("event: version\ndata: "), "{first}");

    // A change reaches the open stream as a new token.
    app.invite(&team, "ana@acme.test").await;
    let changed = next(&mut live).await.expect("the new token");
    assert!(changed.starts_with("event: version\ndata: "), "{changed}");
    assert_ne!(changed, first);

    // Revoked: the stream ends at its next check.
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let r = leader.post("/team/share/revoke", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    while let Some(event) = next(&mut live).await {
        assert!(
            !event.contains("event:"),
            "no update after revocation: {event}"
        );
    }
    app.run_jobs().await;
    app.finish().await;
}

/// The next piece of a server-sent-events stream, or `None` at its end.
async fn next(live: &mut reqwest::Response) -> Option<String> {
    tokio::time::timeout(std::time::Duration::from_secs(10), live.chunk())
        .await
        .expect("an event or the end within 10 s")
        .unwrap()
        .map(|b| String::from_utf8_lossy(&b).into_owned())
}
