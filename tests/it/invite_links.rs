//! Open invite links: leaders make, list and turn them off; a colleague at
//! an allowed domain asks to join, confirms the address from an email, and
//! gets a headshot — one credit and one place on the link, once, however
//! often the button is pressed — or nothing at all when the link is full,
//! expired, turned off, or the team is out of credits.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};

fn link_body(cap: i64, expires_at: &str) -> Value {
    json!({"name": "Paris office", "domains": ["acme.test", "acme.fr"], "cap": cap,
           "expires_at": expires_at, "due_date": "2026-03-20"})
}

async fn make_link(app: &TestApp, team: &Team, cap: i64, expires_at: &str) -> Value {
    let r = app
        .post_json(&team.token, "/invite-links", link_body(cap, expires_at))
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    json(r).await
}

/// A new link's address, to share.
async fn join_url(app: &TestApp, team: &Team, cap: i64, expires_at: &str) -> String {
    make_link(app, team, cap, expires_at).await["url"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Sends the join form from `c`; the answer's HTML.
async fn ask(c: &Client, url: &str, first: &str, email: &str) -> String {
    let html = page(c, url).await;
    let form = [
        ("csrf", csrf(&html)),
        ("first_name", first.to_string()),
        ("last_name", "Martin".to_string()),
        ("email", email.to_string()),
    ];
    let r = c.post(url).form(&form).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.text().await.unwrap()
}

/// The confirmation link emailed to `to` (after the jobs ran).
async fn confirmation(app: &TestApp, to: &str) -> String {
    app.run_jobs().await;
    let prefix = format!("{}/join/confirm/", app.base);
    let mails = app.emails_to(to).await;
    let mail = mails
        .iter()
        .find(|m| m.text.contains(&prefix))
        .unwrap_or_else(|| panic!("no confirmation email to {to}"));
    link_in(&mail.text, &prefix)
}

fn location(r: &Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

async fn links(app: &TestApp, team: &Team) -> Vec<Value> {
    json(app.get(&team.token, "/invite-links").await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

async fn headshots(app: &TestApp, team: &Team) -> Vec<Value> {
    json(app.get(&team.token, "/headshots").await).await["items"]
        .as_array()
        .unwrap()
        .clone()
}

#[tokio::test]
async fn leaders_make_list_and_turn_off_invite_links() {
    let app = TestApp::spawn().await;
    let team = app.team().await;

    // Every problem at once.
    let bad = json!({"domains": ["acme"], "cap": 0, "expires_at": "2026-03-01", "due_date": "2026-03-03"});
    let r = app.post_json(&team.token, "/invite-links", bad).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        error_fields(r).await,
        ["domains", "cap", "expires_at", "due_date"]
    );
    let r = app
        .post_json(&team.token, "/invite-links", link_body(5, "2027-06-01"))
        .await;
    assert_eq!(error_fields(r).await, ["expires_at"], "a year at most");
    assert!(links(&app, &team).await.is_empty());

    let l = make_link(&app, &team, 2, "2026-03-10").await;
    let url = l["url"].as_str().unwrap().to_string();
    assert!(url.starts_with(&format!("{}/join/", app.base)), "{l}");
    assert_eq!(l["domains"], json!(["acme.test", "acme.fr"]));
    assert_eq!((l["cap"].as_i64(), l["used"].as_i64()), (Some(2), Some(0)));
    // The end of 10 March in the team's zone (Paris).
    assert_eq!(l["expires_at"], "2026-03-10T23:00:00Z");
    assert_eq!(l["due_date"], "2026-03-20");
    assert_eq!(l["state"], "open");
    // Listed with the same link, to copy again.
    let listed = links(&app, &team).await;
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0]["url"], url.as_str());

    let c = browser();
    let html = page(&c, &url).await;
    assert!(html.contains("Get your headshot with Acme"), "{html}");
    assert!(html.contains("acme.test or acme.fr"), "{html}");
    let r = c.get(format!("{url}x")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "an unknown link");

    // The share link may not manage them (they spend credits).
    let share = c
        .get(format!("{}/invite-links", team.share_url))
        .send()
        .await
        .unwrap();
    assert_eq!(share.status(), StatusCode::FORBIDDEN);

    // Turned off, twice: the join page says so.
    let id = l["id"].as_str().unwrap();
    for _ in 0..2 {
        let r = app
            .delete(&team.token, &format!("/invite-links/{id}"))
            .await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    assert_eq!(links(&app, &team).await[0]["state"], "revoked");
    let html = page(&c, &url).await;
    assert!(html.contains("was turned off"), "{html}");
    assert!(!html.contains("first_name"), "no form: {html}");
    let other = app.team().await;
    let r = app
        .delete(&other.token, &format!("/invite-links/{id}"))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "another team's link");
    app.finish().await;
}

#[tokio::test]
async fn a_colleague_joins_once_with_a_confirmed_address_however_often_they_press() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 3).await;
    let url = join_url(&app, &team, 2, "2026-03-10").await;

    let c = browser();
    let html = ask(&c, &url, "Ana", "ana@gmail.com").await;
    assert!(
        html.contains("Use your address at acme.test or acme.fr"),
        "{html}"
    );
    assert!(html.contains("value=\"ana@gmail.com\""), "kept: {html}");
    let html = ask(&c, &url, "Ana", "Ana@Acme.test").await;
    assert!(html.contains("Check your email"), "{html}");
    assert!(html.contains("ana@acme.test"), "{html}");
    assert_eq!(app.available(&team).await, 3, "nothing spent yet");
    assert!(headshots(&app, &team).await.is_empty());

    let link = confirmation(&app, "ana@acme.test").await;
    let mail = app.emails_to("ana@acme.test").await.remove(0);
    assert!(mail.subject.contains("Acme"), "{}", mail.subject);
    assert!(mail.text.contains("Hello Ana Martin"), "{}", mail.text);
    // Opening the link (a mail scanner does) confirms nothing.
    let html = page(&c, &link).await;
    assert!(html.contains("Confirm and start"), "{html}");
    assert_eq!(app.available(&team).await, 3);

    // Pressed twice at once: one headshot, one credit, one place.
    let form = [("csrf", csrf(&html))];
    let (a, b) = tokio::join!(
        c.post(&link).form(&form).send(),
        c.post(&link).form(&form).send()
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.status(), StatusCode::SEE_OTHER);
    assert_eq!(b.status(), StatusCode::SEE_OTHER);
    let member_page = location(&a);
    assert!(
        member_page.starts_with(&format!("{}/m/", app.base)),
        "{member_page}"
    );
    assert_eq!(location(&b), member_page);
    assert_eq!(app.available(&team).await, 2);
    assert_eq!(links(&app, &team).await[0]["used"], 1);
    let hs = headshots(&app, &team).await;
    assert_eq!(hs.len(), 1);
    assert_eq!(hs[0]["member"]["email"], "ana@acme.test");
    assert_eq!(hs[0]["due_date"], "2026-03-20");
    let id = hs[0]["id"].as_str().unwrap();
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert!(
        h["events"][0]["actor"]
            .as_str()
            .unwrap()
            .contains("invite link \"Paris office\""),
        "{h}"
    );

    // The welcome email, once, with the same personal page.
    app.run_jobs().await;
    let mails = app.emails_to("ana@acme.test").await;
    assert_eq!(mails.len(), 2, "the confirmation and one welcome");
    assert!(
        mails.iter().any(|m| m.text.contains(&member_page)),
        "the welcome carries the same page"
    );

    // Pressed again later: the same page, nothing more spent.
    let html = page(&c, &link).await;
    assert!(html.contains("You're in, Ana"), "{html}");
    let r = c.post(&link).form(&form).send().await.unwrap();
    assert_eq!(location(&r), member_page);
    assert_eq!(app.available(&team).await, 2);
    let html = page(&c, &member_page).await;
    assert!(html.contains("Ana"), "{html}");
    app.finish().await;
}

#[tokio::test]
async fn full_closed_or_out_of_credit_links_spend_nothing() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let c = browser();

    // Credits run out between asking and confirming: nothing is spent,
    // and the same confirmation works once the leader adds credits.
    let url = join_url(&app, &team, 5, "2026-03-10").await;
    ask(&c, &url, "Bob", "bob@acme.test").await;
    ask(&c, &url, "Cat", "cat@acme.fr").await;
    let bob = confirmation(&app, "bob@acme.test").await;
    let cat = confirmation(&app, "cat@acme.fr").await;
    assert_eq!(press_link(&c, &bob).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.available(&team).await, 0);
    let r = press_link(&c, &cat).await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("no credits left"));
    assert_eq!(links(&app, &team).await[0]["used"], 1);
    assert_eq!(headshots(&app, &team).await.len(), 1);
    // With no credit at all, the form says so before any email.
    let html = ask(&c, &url, "Dan", "dan@acme.test").await;
    assert!(html.contains("no credits left"), "{html}");
    app.run_jobs().await;
    assert!(app.emails_to("dan@acme.test").await.is_empty());
    app.grant(&team, &admin, 3).await;
    assert_eq!(press_link(&c, &cat).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.available(&team).await, 2);

    // The cap: the second of two for one place gets nothing.
    let full = join_url(&app, &team, 1, "2026-03-10").await;
    ask(&c, &full, "Eve", "eve@acme.test").await;
    ask(&c, &full, "Fay", "fay@acme.test").await;
    let eve = confirmation(&app, "eve@acme.test").await;
    let fay = confirmation(&app, "fay@acme.test").await;
    assert_eq!(press_link(&c, &eve).await.status(), StatusCode::SEE_OTHER);
    // (The full link's page has no button left: posted as a stale tab would.)
    assert!(page(&c, &fay).await.contains("This invite link is full"));
    let token = csrf(&page(&c, &url).await);
    let r = c.post(&fay).form(&[("csrf", &token)]).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("This invite link is full"));
    assert_eq!(app.available(&team).await, 1);
    assert!(page(&c, &full).await.contains("This invite link is full"));

    // Turned off after the email went out.
    let l = make_link(&app, &team, 5, "2026-03-10").await;
    ask(&c, l["url"].as_str().unwrap(), "Gus", "gus@acme.test").await;
    let gus = confirmation(&app, "gus@acme.test").await;
    let r = app
        .delete(
            &team.token,
            &format!("/invite-links/{}", l["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let html = page(&c, &gus).await;
    assert!(html.contains("was turned off"), "{html}");
    assert!(!html.contains("Confirm and start"), "{html}");
    let r = c.post(&gus).form(&[("csrf", &token)]).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("was turned off"));

    // Expired: the link ends with its last day, though the confirmation
    // email's day has not ended yet.
    let short = join_url(&app, &team, 5, "2026-03-02").await;
    ask(&c, &short, "Hal", "hal@acme.test").await;
    let hal = confirmation(&app, "hal@acme.test").await;
    app.clock.set("2026-03-02T23:30:00Z".parse().unwrap());
    let r = c.post(&hal).form(&[("csrf", &token)]).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("has expired"));
    assert!(page(&c, &short).await.contains("has expired"));
    assert_eq!(app.available(&team).await, 1, "nothing spent since the cap");
    assert_eq!(headshots(&app, &team).await.len(), 3);
    app.finish().await;
}

#[tokio::test]
async fn someone_already_in_the_team_is_taken_to_their_headshot_for_no_credit() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 2).await;
    let invited = json(app.invite(&team, "ana@acme.test").await).await;
    let url = join_url(&app, &team, 5, "2026-03-10").await;
    let c = browser();
    ask(&c, &url, "Ana", "ana@acme.test").await;
    let link = confirmation(&app, "ana@acme.test").await;
    let r = press_link(&c, &link).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), invited["member_url"].as_str().unwrap());
    assert_eq!(app.available(&team).await, 1);
    assert_eq!(links(&app, &team).await[0]["used"], 0);
    assert_eq!(headshots(&app, &team).await.len(), 1);
    app.finish().await;
}

#[tokio::test]
async fn the_leaders_page_makes_lists_and_turns_off_links() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    let dashboard = leader.page("/team").await;
    assert!(dashboard.contains("/team/invite-links"), "{dashboard}");
    let html = leader.page("/team/invite-links").await;
    assert!(html.contains("No invite links yet"), "{html}");
    assert!(html.contains("No credit left"), "{html}");

    let fields = [
        ("name", "Lyon"),
        ("domains", "acme"),
        ("cap", "10"),
        ("expires_at", "2026-03-10"),
        ("due_date", "2026-03-20"),
    ];
    let r = leader.post("/team/invite-links", &fields).await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = r.text().await.unwrap();
    assert!(html.contains("is not a mail domain"), "{html}");
    assert!(html.contains("value=\"Lyon\""), "kept: {html}");
    assert!(links(&app, &team).await.is_empty());

    let mut fields = fields;
    fields[1] = ("domains", "@Acme.test, acme.fr");
    let html = leader
        .post("/team/invite-links", &fields)
        .await
        .text()
        .await
        .unwrap();
    assert!(html.contains("is ready"), "{html}");
    let l = links(&app, &team).await.remove(0);
    assert_eq!(l["domains"], json!(["acme.test", "acme.fr"]));
    assert!(html.contains(l["url"].as_str().unwrap()), "{html}");
    assert!(html.contains("0 of 10"), "{html}");
    assert!(html.contains("10 Mar 2026"), "the last day: {html}");

    let id = l["id"].as_str().unwrap();
    let r = leader
        .post(&format!("/team/invite-links/{id}/revoke"), &[])
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("nobody can join through it"), "{html}");
    assert!(html.contains("Turned off"), "{html}");
    assert_eq!(links(&app, &team).await[0]["state"], "revoked");
    app.finish().await;
}

#[tokio::test]
async fn one_address_is_mailed_a_few_times_a_day_at_most() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let url = join_url(&app, &team, 5, "2026-03-10").await;
    let c = browser();
    for _ in 0..3 {
        assert!(
            ask(&c, &url, "Ana", "ana@acme.test")
                .await
                .contains("Check your email")
        );
    }
    let html = ask(&c, &url, "Ana", "ana@acme.test").await;
    assert!(html.contains("Too many requests"), "{html}");
    // Colleagues on the same network still get through.
    assert!(
        ask(&c, &url, "Bob", "bob@acme.test")
            .await
            .contains("Check your email")
    );
    app.run_jobs().await;
    assert_eq!(app.emails_to("ana@acme.test").await.len(), 3);
    app.finish().await;
}

#[tokio::test]
async fn two_requests_to_join_for_one_address_confirmed_at_once_make_one_headshot() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 3).await;
    let url = join_url(&app, &team, 5, "2026-03-10").await;
    // The form sent twice ("no email? fill in the form again"), then both
    // emails' buttons pressed at the same moment.
    let c = browser();
    ask(&c, &url, "Ana", "ana@acme.test").await;
    ask(&c, &url, "Ana", "ana@acme.test").await;
    app.run_jobs().await;
    let prefix = format!("{}/join/confirm/", app.base);
    let links: Vec<String> = app
        .emails_to("ana@acme.test")
        .await
        .iter()
        .map(|m| link_in(&m.text, &prefix))
        .collect();
    assert_eq!(links.len(), 2);
    assert_ne!(links[0], links[1]);
    let token = csrf(&page(&c, &url).await);
    let form = [("csrf", token.as_str())];
    let (a, b) = tokio::join!(
        c.post(&links[0]).form(&form).send(),
        c.post(&links[1]).form(&form).send()
    );
    let (a, b) = (a.unwrap(), b.unwrap());
    assert_eq!(a.status(), StatusCode::SEE_OTHER);
    assert_eq!(b.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&a), location(&b));
    assert_eq!(app.available(&team).await, 2, "one credit");
    assert_eq!(headshots(&app, &team).await.len(), 1);
    assert_eq!(self::links(&app, &team).await[0]["used"], 1);

    // A day later the confirmation no longer opens the page, and says
    // where the personal link is.
    app.clock.advance(jiff::SignedDuration::from_hours(25));
    let r = c.get(&links[0]).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("You joined already"));
    app.run_jobs().await;
    app.finish().await;
}
