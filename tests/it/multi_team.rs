//! One person leading several teams: one account, a team menu on the
//! dashboard, each browser session looking at one team it still leads, and
//! email about each team naming that team.

use crate::fixtures::PageClient;
use crate::helpers::*;
use crate::self_service::{open_self_service, sign_up};
use reqwest::StatusCode;
use serde_json::json;

/// The team's leaders' ids and emails, as the API lists them.
async fn leaders(app: &TestApp, team: &Team) -> Vec<(String, String)> {
    json(app.get(&team.token, "/leaders").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap().to_string();
            (s("id"), s("email"))
        })
        .collect()
}

/// The one email to `to` whose text holds `needle`.
async fn about(app: &TestApp, to: &str, needle: &str) -> teamshot::email::outbox::OutboxEntry {
    let mut found: Vec<_> = app
        .emails_to(to)
        .await
        .into_iter()
        .filter(|m| m.text.contains(needle))
        .collect();
    assert_eq!(found.len(), 1, "one email about {needle}: {found:?}");
    found.remove(0)
}

/// The name in the dashboard's heading.
fn dashboard_team(html: &str) -> &str {
    let start = html
        .find("<h1 class=\"inline-h\">")
        .expect("the team's heading")
        + 21;
    html[start..].split(" <span").next().unwrap()
}

/// A second team made by the studio for `email`'s leader.
async fn second_team(app: &TestApp, admin: &str, name: &str, email: &str) -> Team {
    let r = app
        .post_json(
            admin,
            "/studio/teams",
            json!({"name": name, "leader_email": email, "leader_name": "Someone Else", "timezone": "Europe/Paris"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let t = json(r).await;
    let s = |k: &str| t[k].as_str().unwrap().to_string();
    Team {
        id: s("team_id"),
        token: s("api_token"),
        login_url: s("leader_login_url"),
        share_url: s("share_url"),
    }
}

#[tokio::test]
async fn a_leader_of_two_teams_switches_between_them_without_signing_out() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let acme = app.team().await;
    let (lee, email) = leaders(&app, &acme).await.remove(0);

    // The studio makes a second team for the same address: the same
    // account leads it (its name unchanged), and the welcome says so.
    let beta = second_team(&app, &admin, "Beta Labs", &email).await;
    assert_eq!(leaders(&app, &beta).await, [(lee.clone(), email.clone())]);
    app.run_jobs().await;
    let welcome = about(&app, &email, "Beta Labs").await;
    assert!(welcome.subject.contains("Beta Labs"), "{}", welcome.subject);
    assert!(
        welcome
            .text
            .contains("Beta Labs now sits beside your other teams in the same account"),
        "{}",
        welcome.text
    );
    // The same leader and name again is a form sent twice.
    let r = app
        .post_json(
            &admin,
            "/studio/teams",
            json!({"name": "beta labs", "leader_email": email, "leader_name": "Lee"}),
        )
        .await;
    assert_eq!(error_fields(r).await, ["name"]);

    // Signed in, the leader opens on the team last joined, with a menu of
    // both teams.
    let first = PageClient::with_link(&app.base, &beta.login_url).await;
    let html = first.page("/team").await;
    assert_eq!(dashboard_team(&html), "Beta Labs");
    assert!(html.contains("action=\"/account/team\""), "{html}");
    assert!(html.contains(&format!("<option value=\"{}\">Acme</option>", acme.id)));
    assert!(html.contains(&format!(
        "<option value=\"{}\" selected>Beta Labs</option>",
        beta.id
    )));
    let r = first.post("/account/team", &[("team", &acme.id)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/team");
    assert_eq!(dashboard_team(&first.page("/team").await), "Acme");
    assert!(first.page("/team/credits").await.contains("Acme"));

    // A second browser opens on the team last switched to, and switching
    // there leaves the first browser where it was.
    let link = app.svc.create_login_link(&lee).await.unwrap();
    let second = PageClient::with_link(&app.base, &link).await;
    assert_eq!(dashboard_team(&second.page("/team").await), "Acme");
    second.post("/account/team", &[("team", &beta.id)]).await;
    assert_eq!(dashboard_team(&second.page("/team").await), "Beta Labs");
    assert_eq!(dashboard_team(&first.page("/team").await), "Acme");

    // A team the account does not lead is not found; a form without its
    // CSRF token is refused; the share link has no session to switch.
    let other = app.team().await;
    let r = first.post("/account/team", &[("team", &other.id)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = first
        .client
        .post(format!("{}/account/team", app.base))
        .form(&[("team", beta.id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(dashboard_team(&first.page("/team").await), "Acme");
    let share = browser();
    let html = page(&share, &acme.share_url).await;
    assert!(!html.contains("/account/team"), "no menu on the share link");

    // Removed from Acme by its other leader, the first browser falls back
    // to the team the account still leads; the account stays.
    let r = app
        .post_json(
            &acme.token,
            "/leaders",
            json!({"name": "Ann Other", "email": "ann@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app.delete(&acme.token, &format!("/leaders/{lee}")).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let html = first.page("/team").await;
    assert_eq!(dashboard_team(&html), "Beta Labs");
    assert!(
        !html.contains("action=\"/account/team\""),
        "one team, no menu"
    );
    let r = first.post("/account/team", &[("team", &acme.id)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "access taken back");
    assert_eq!(leaders(&app, &beta).await, [(lee.clone(), email.clone())]);

    // Invited back by Acme: the same account again, told so by email;
    // inviting again changes nothing.
    app.run_jobs().await;
    let invite = json!({"name": "Lee Again", "email": email});
    let r = app.post_json(&acme.token, "/leaders", invite.clone()).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(json(r).await["id"], lee.as_str());
    let r = app.post_json(&acme.token, "/leaders", invite).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(error_fields(r).await, ["email"]);
    app.run_jobs().await;
    let mail = about(&app, &email, "invited you to manage Acme").await;
    assert!(mail.text.contains("Acme now sits beside your other teams"));
    assert_eq!(leaders(&app, &acme).await.len(), 2);

    // A studio staff address leads no team.
    let (staff_email, _) = app.staff_account("qc").await;
    let r = app
        .post_json(
            &acme.token,
            "/leaders",
            json!({"name": "Quinn", "email": staff_email}),
        )
        .await;
    assert_eq!(error_fields(r).await, ["email"]);
    let r = app
        .post_json(
            &admin,
            "/studio/teams",
            json!({"name": "Gamma", "leader_email": staff_email, "leader_name": "Quinn"}),
        )
        .await;
    assert_eq!(error_fields(r).await, ["leader_email"]);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn each_team_sends_its_own_digest_and_notices_to_a_shared_leader() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let acme = app.team().await;
    let (_, email) = leaders(&app, &acme).await.remove(0);
    app.clock.set("2026-03-02T08:00:00Z".parse().unwrap());
    let beta = second_team(&app, &admin, "Beta Labs", &email).await;
    // One member each, due a week later, the credits falling below the
    // warning line: each team tells its leader it runs low, naming itself.
    for (team, member) in [(&acme, "ann@acme.test"), (&beta, "bo@beta.test")] {
        app.grant(team, &admin, teamshot::services::webhooks::LOW_CREDITS)
            .await;
        let r = app
            .post_json(
                &team.token,
                "/headshots",
                json!({"first_name": "Mem", "last_name": "Ber", "email": member, "due_date": "2026-03-09"}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    app.run_jobs().await;
    let subjects = |needle: &'static str| {
        let app = &app;
        let email = &email;
        async move {
            let mut s: Vec<String> = app
                .emails_to(email)
                .await
                .into_iter()
                .map(|m| m.subject)
                .filter(|s| s.to_lowercase().contains(needle))
                .collect();
            s.sort();
            s
        }
    };
    let low = subjects("credit").await;
    assert_eq!(low.len(), 2, "{low:?}");
    assert!(
        low[0].contains("Acme") && low[1].contains("Beta Labs"),
        "{low:?}"
    );

    // Monday morning in Paris: one weekly digest per team, once.
    app.clock.set("2026-03-16T08:00:00Z".parse().unwrap());
    let (a, b) = tokio::join!(app.svc.send_digests(), app.svc.send_digests());
    assert_eq!(a.unwrap() + b.unwrap(), 2);
    assert_eq!(app.svc.send_digests().await.unwrap(), 0);
    app.run_jobs().await;
    assert_eq!(
        subjects("digest").await,
        [
            "Acme: your weekly headshot digest",
            "Beta Labs: your weekly headshot digest"
        ]
    );
    app.finish().await;
}

#[tokio::test]
async fn a_leader_signing_up_for_another_team_finds_it_in_their_account() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let acme = app.team().await;
    let (lee, email) = leaders(&app, &acme).await.remove(0);
    open_self_service(&app, &admin, &[]).await;
    let c = browser();
    sign_up(
        &app,
        &c,
        &[
            ("name", "Acme Labs"),
            ("leader_name", "Lee Leader"),
            ("leader_email", &email),
            ("quantity", "5"),
            ("timezone", "Europe/Rome"),
        ],
    )
    .await;
    app.run_jobs().await;
    let mail = about(&app, &email, "/get-started/confirm/").await;
    let link = link_in(&mail.text, &format!("{}/get-started/confirm/", app.base));
    let html = page(&c, &link).await;
    // The mailbox's owner confirms: the team joins their account, and
    // they sign in as usual (their password, their second factor) rather
    // than through the sign-up's link.
    let r = c
        .post(&link)
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login");
    let teams =
        teamshot::db::team_leaders::teams_of(&app.svc.db.pool, &teamshot::domain::UserId::of(&lee))
            .await
            .unwrap();
    let names: Vec<&str> = teams.iter().map(|(_, n)| n.as_str()).collect();
    assert_eq!(names, ["Acme", "Acme Labs"]);
    app.run_jobs().await;
    let login = app.svc.create_login_link(&lee).await.unwrap();
    let leader = PageClient::with_link(&app.base, &login).await;
    assert_eq!(dashboard_team(&leader.page("/team").await), "Acme Labs");
    app.finish().await;
}
