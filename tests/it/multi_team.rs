//! One person leading several teams: one account, a team menu on the
//! dashboard, each browser session looking at one team it still leads, and
//! email about each team naming that team.

use crate::fixtures::PageClient;
use crate::helpers::*;
use crate::self_service::{open_self_service, sign_up};
use reqwest::StatusCode;
use serde_json::json;

/// The team's leaders' ids and emails, as the API lists them (not the
/// invitations waiting).
async fn leaders(app: &TestApp, team: &Team) -> Vec<(String, String)> {
    json(app.get(&team.token, "/leaders").await).await["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["pending"] == false)
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
    assert!(
        t["leader_login_url"].is_null(),
        "no link to an existing account: {t}"
    );
    Team {
        id: s("team_id"),
        token: s("api_token"),
        login_url: String::new(),
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
    // account leads it (its name unchanged), the welcome says so, and no
    // sign-in link to that existing account is handed to the studio.
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

    // Signed in, the leader opens on the team they were looking at, with a
    // menu of both teams.
    let link = app.svc.create_login_link(&lee).await.unwrap();
    let mut first = PageClient::with_link(&app.base, &link).await;
    let html = first.page("/team").await;
    assert_eq!(dashboard_team(&html), "Acme");
    assert!(html.contains("action=\"/account/team\""), "{html}");
    assert!(html.contains(&format!(
        "<option value=\"{}\" selected>Acme</option>",
        acme.id
    )));
    assert!(html.contains(&format!("<option value=\"{}\">Beta Labs</option>", beta.id)));
    let stale = csrf(&html);
    let r = first.post("/account/team", &[("team", &beta.id)]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/team");
    assert_eq!(dashboard_team(&first.page("/team").await), "Beta Labs");
    assert!(first.page("/team/credits").await.contains("Beta Labs"));
    // A form left open on Acme's page (another tab) is refused, not
    // applied to Beta: nothing is invited.
    let r = first
        .client
        .post(format!("{}/team/leaders", app.base))
        .form(&[
            ("csrf", stale.as_str()),
            ("name", "Wrong Team"),
            ("email", "wrong@acme.test"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(r.text().await.unwrap().contains("Reload the page"));
    assert_eq!(leaders(&app, &beta).await.len(), 1);
    first.renew_csrf().await;

    // A second browser opens on the team last switched to, and switching
    // there leaves the first browser where it was.
    let link = app.svc.create_login_link(&lee).await.unwrap();
    let mut second = PageClient::with_link(&app.base, &link).await;
    assert_eq!(dashboard_team(&second.page("/team").await), "Beta Labs");
    second.post("/account/team", &[("team", &acme.id)]).await;
    second.renew_csrf().await;
    assert_eq!(dashboard_team(&second.page("/team").await), "Acme");
    assert_eq!(dashboard_team(&first.page("/team").await), "Beta Labs");

    // A team the account does not lead is not found; a form without its
    // CSRF token is refused; the share link has no session to switch.
    let other = app.team().await;
    let r = first.post("/account/team", &[("team", &other.id)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = first
        .client
        .post(format!("{}/account/team", app.base))
        .form(&[("team", acme.id.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(dashboard_team(&first.page("/team").await), "Beta Labs");
    let share = browser();
    let html = page(&share, &acme.share_url).await;
    assert!(!html.contains("/account/team"), "no menu on the share link");

    // Removed from Acme by its other leader: the second browser, looking at
    // Acme, is signed out (a page left open there must not act on Beta);
    // the first, on Beta, stays; the account keeps Beta alone.
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
    let r = second
        .client
        .get(format!("{}/team", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/login");
    let html = first.page("/team").await;
    assert_eq!(dashboard_team(&html), "Beta Labs");
    assert!(
        !html.contains("action=\"/account/team\""),
        "one team, no menu"
    );
    let r = first.post("/account/team", &[("team", &acme.id)]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "access taken back");
    assert_eq!(leaders(&app, &beta).await, [(lee.clone(), email.clone())]);
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_leader_of_another_team_joins_only_by_accepting_the_invitation() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let acme = app.team().await;
    let (lee, email) = leaders(&app, &acme).await.remove(0);
    let r = app
        .post_json(
            &admin,
            "/studio/teams",
            json!({"name": "Other Co", "leader_email": "olga@other.test", "leader_name": "Olga"}),
        )
        .await;
    let made = json(r).await;
    let other = Team {
        id: made["team_id"].as_str().unwrap().into(),
        token: made["api_token"].as_str().unwrap().into(),
        login_url: String::new(),
        share_url: String::new(),
    };
    app.run_jobs().await;

    // Another team invites Lee's address: an invitation waits, the answer
    // repeats what the inviter typed (nothing about Lee's account), and
    // inviting again changes nothing.
    let invite = json!({"name": "L. Leader", "email": email});
    let r = app
        .post_json(&other.token, "/leaders", invite.clone())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let sent = json(r).await;
    assert_eq!(sent["id"], lee.as_str());
    assert_eq!(sent["name"], "L. Leader");
    assert_eq!(sent["pending"], true);
    let r = app
        .post_json(&other.token, "/leaders", invite.clone())
        .await;
    assert_eq!(error_fields(r).await, ["email"]);
    let listed = json(app.get(&other.token, "/leaders").await).await;
    assert_eq!(listed["items"][1]["pending"], true, "{listed}");
    app.run_jobs().await;
    let mail = about(&app, &email, "once you accept").await;
    assert!(mail.subject.contains("Other Co"), "{}", mail.subject);
    // No sign-in link: anyone may invite, so the email is no way in.
    assert!(mail.text.contains(&format!("{}/team", app.base)));
    assert!(!mail.text.contains("/login/link/"), "{}", mail.text);

    // Until Lee accepts, the team is not Lee's: no menu, no switching, no
    // notices.
    let link = app.svc.create_login_link(&lee).await.unwrap();
    let mut lee_browser = PageClient::with_link(&app.base, &link).await;
    let html = lee_browser.page("/team").await;
    assert!(!html.contains("action=\"/account/team\""), "{html}");
    assert!(html.contains("invited you to lead"), "{html}");
    let r = lee_browser
        .post("/account/team", &[("team", &other.id)])
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(leaders(&app, &other).await.len(), 1);

    // Declined: nothing joins; the invitation is gone.
    let decline = format!("/account/invitations/{}/decline", other.id);
    let r = lee_browser.post(&decline, &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = lee_browser.post(&decline, &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND, "answered once");
    assert!(
        !lee_browser
            .page("/team")
            .await
            .contains("invited you to lead")
    );
    let listed = json(app.get(&other.token, "/leaders").await).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");

    // Invited again, then cancelled by the team: gone from Lee's page.
    let r = app
        .post_json(&other.token, "/leaders", invite.clone())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = app.delete(&other.token, &format!("/leaders/{lee}")).await;
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert!(
        !lee_browser
            .page("/team")
            .await
            .contains("invited you to lead")
    );

    // Invited once more and accepted, twice at once: Lee leads both, this
    // session looks at the new team, and the answer counted once.
    let r = app.post_json(&other.token, "/leaders", invite).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let accept = format!("/account/invitations/{}/accept", other.id);
    let (a, b) = tokio::join!(
        lee_browser.post(&accept, &[]),
        lee_browser.post(&accept, &[])
    );
    let mut codes = [a.status().as_u16(), b.status().as_u16()];
    codes.sort();
    // The second finds the invitation answered (404), or, sent after the
    // first's answer renewed the CSRF cookie, its form expired (403).
    assert_eq!(codes[0], 303, "{codes:?}");
    assert!(matches!(codes[1], 403 | 404), "{codes:?}");
    lee_browser.renew_csrf().await;
    let html = lee_browser.page("/team").await;
    assert_eq!(dashboard_team(&html), "Other Co");
    assert!(html.contains("action=\"/account/team\""), "{html}");
    assert_eq!(leaders(&app, &other).await.len(), 2);
    let audit = json(app.get(&other.token, "/audit").await)
        .await
        .to_string();
    assert!(audit.contains("accepted the invitation"), "{audit}");
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
    // Beta's email, opened in a session looking at Acme, opens Beta's
    // credits (the session switches first).
    let beta_mail = app
        .emails_to(&email)
        .await
        .into_iter()
        .find(|m| m.subject.contains("Beta Labs") && m.subject.to_lowercase().contains("credit"))
        .unwrap();
    let link = link_in(&beta_mail.text, &format!("{}/account/team/", app.base));
    let (lee, _) = leaders(&app, &acme).await.remove(0);
    let login = app.svc.create_login_link(&lee).await.unwrap();
    let leader = PageClient::with_link(&app.base, &login).await;
    assert_eq!(dashboard_team(&leader.page("/team").await), "Acme");
    let r = leader.client.get(&link).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/team/credits");
    assert!(leader.page("/team/credits").await.contains("Beta Labs"));

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
    let html = leader.page("/team").await;
    assert_eq!(dashboard_team(&html), "Acme");
    assert!(
        html.contains("Acme Labs</option>"),
        "in the team menu: {html}"
    );
    app.finish().await;
}
