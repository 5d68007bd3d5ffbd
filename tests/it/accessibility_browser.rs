//! axe-core (from npm, installed by `scripts/test`) inside real Chromium on
//! every kind of page — sign-in, the leader's pages, the member's page at
//! each status, the studio's — at a laptop's size and a phone's: no serious
//! or critical violation of WCAG 2.x A and AA, colour contrast included.

use crate::chromium::Browser;
use crate::helpers::*;
use teamshot::domain::HeadshotStatus;

/// The axe-core script: `TEAMSHOT_TEST_AXE`, or where `scripts/test` puts it.
fn axe_source() -> String {
    let path = std::env::var("TEAMSHOT_TEST_AXE").unwrap_or_else(|_| {
        let home = std::env::var("HOME").unwrap_or_default();
        format!("{home}/.cache/teamshot-test/npm/node_modules/axe-core/axe.min.js")
    });
    std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read axe-core at {path} ({e}); run scripts/test, which installs it from npm")
    })
}

/// Runs axe on the page open in `b`; returns its serious and critical
/// violations as lines (rule, help, the first elements).
async fn violations(b: &Browser, axe: &str) -> Vec<String> {
    b.client
        .execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .expect("axe-core loads");
    let found = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1]; \
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}}) \
               .then(r => done(r.violations \
                 .filter(v => v.impact === 'serious' || v.impact === 'critical') \
                 .map(v => v.id + ': ' + v.help + ' — ' + v.nodes.slice(0, 3) \
                   .map(n => n.target.join(' ') + ' (' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ')').join('; ')))) \
               .catch(e => done(['axe failed: ' + e]));",
            vec![],
        )
        .await
        .expect("axe-core runs");
    found
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap_or_default().to_string())
        .collect()
}

#[tokio::test]
#[ignore = "needs Chromium, chromedriver and axe-core; scripts/test installs them and runs this"]
async fn every_kind_of_page_passes_axe_at_both_sizes() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let mut member_pages = Vec::new();
    for status in [
        HeadshotStatus::Invited,
        HeadshotStatus::TutorialStarted,
        HeadshotStatus::InQualityCheck,
        HeadshotStatus::NewPhotoRequested,
        HeadshotStatus::InRetouching,
        HeadshotStatus::Delivered,
        HeadshotStatus::Approved,
    ] {
        let m = app.headshot_at(&team, status).await;
        member_pages.push((format!("the member's page ({status})"), m));
    }
    // A photo waiting for the quality check, so the QC page shows one.
    let _waiting = app.headshot_at(&team, HeadshotStatus::InQualityCheck).await;
    // An invitation held back: the dashboard's card and the preview of
    // the email.
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let r = app
        .post_json(
            &team.token,
            "/headshots",
            serde_json::json!({"first_name": "Hal", "last_name": "Held", "email": "hal@acme.test",
                               "due_date": "2026-03-16", "send_invite": false}),
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    // A member's paid re-edit after the guarantee, waiting for a leader:
    // the dashboard's banner, the approval on the headshot page, the
    // member's waiting notice.
    let asking = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    app.clock.advance(jiff::SignedDuration::from_hours(24 * 31));
    let r = app
        .post_json(
            &asking.secret,
            "/me/re-edit",
            serde_json::json!({"notes": "Softer light, please"}),
        )
        .await;
    assert_eq!(json(r).await["awaiting_approval"]["status"], "waiting");
    app.run_jobs().await;
    let leader_id = teamshot::db::users::leaders_of(&app.svc.db.pool, &team.id)
        .await
        .unwrap()[0]
        .id
        .clone();
    let unsubscribe = app
        .svc
        .unsubscribe_url(&leader_id, teamshot::domain::notices::NoticeKind::Digest);
    // The same leader leads a second team (the dashboard's team menu).
    let leader =
        teamshot::db::users::get(&app.svc.db.pool, &teamshot::domain::UserId::of(&leader_id))
            .await
            .unwrap()
            .unwrap();
    let second = teamshot::services::teams::NewTeam {
        name: "Acme Two".into(),
        leader_email: leader.email,
        leader_name: leader.name,
        timezone: None,
        language: None,
    };
    let second = app
        .svc
        .create_team(teamshot::services::teams::Creator::Operator, second)
        .await
        .unwrap()
        .team_id;
    app.run_jobs().await;
    let (admin_email, admin) = app.staff_account("admin").await;
    // The Get started page, open, and a sign-up's confirmation page.
    crate::self_service::open_self_service(&app, &admin.api_token, &[]).await;
    let form = [
        ("name", "Acme Italia"),
        ("leader_name", "Rita Moreno"),
        ("leader_email", "rita@acme.example"),
        ("quantity", "12"),
    ];
    crate::self_service::sign_up(&app, &browser(), &form).await;
    let confirm = crate::self_service::confirmation_link(&app, "rita@acme.example").await;
    // An open invite link, listed on its page, and its join form.
    let invite_link = app
        .post_json(
            &team.token,
            "/invite-links",
            serde_json::json!({"name": "Paris office", "domains": ["acme.test"], "cap": 20,
                               "expires_at": "2026-06-30", "due_date": "2026-07-15"}),
        )
        .await;
    assert_eq!(invite_link.status(), reqwest::StatusCode::CREATED);
    let join_url = json(invite_link).await["url"].as_str().unwrap().to_string();
    // Periodic refresh on, so its page lists who comes next.
    let refresh = app
        .patch_json(
            &team.token,
            "/team",
            serde_json::json!({"refresh_months": 12}),
        )
        .await;
    assert_eq!(refresh.status(), reqwest::StatusCode::OK);
    // Questions for members, so their pages show the form.
    let questions = serde_json::json!({"fields": [{"label": "Job title"},
        {"label": "Office", "kind": "choice", "choices": ["Paris", "Berlin"]}]});
    let intake = app.put_json(&team.token, "/team/intake", questions).await;
    assert_eq!(intake.status(), reqwest::StatusCode::OK);
    // A department with an allowance, so its page, the dashboard's filter
    // and the leaders' "Leads" column show.
    let department = app
        .post_json(
            &team.token,
            "/departments",
            serde_json::json!({"name": "Marketing", "allowance": 10}),
        )
        .await;
    assert_eq!(department.status(), reqwest::StatusCode::CREATED);
    // A fresh install, for the first run's page.
    let fresh = TestApp::spawn().await;
    let axe = axe_source();
    let b = Browser::start().await;

    let mut problems = Vec::new();
    for (w, h) in [(1366u32, 900u32), (390, 844)] {
        b.client.set_window_size(w, h).await.unwrap();
        let mut check = async |what: String, url: String| {
            b.goto(&url).await;
            for v in violations(&b, &axe).await {
                problems.push(format!("{what} at {w}×{h}: {v}"));
            }
        };
        b.client.delete_all_cookies().await.unwrap();
        check("the sign-in page".into(), format!("{}/login", app.base)).await;
        check(
            "the first run's setup".into(),
            format!("{}/setup", fresh.base),
        )
        .await;
        for (what, m) in &member_pages {
            check(what.clone(), format!("{}/m/{}", app.base, m.secret)).await;
        }
        check(
            "the member's page with a paid request waiting".into(),
            format!("{}/m/{}", app.base, asking.secret),
        )
        .await;
        check("the unsubscribe page".into(), unsubscribe.clone()).await;
        check("get started".into(), format!("{}/get-started", app.base)).await;
        check("a sign-up's confirmation".into(), confirm.clone()).await;
        check("an open invite link's join form".into(), join_url.clone()).await;

        // The leader of two teams, signed in with an emailed link: the
        // dashboard with the team menu, switched to the first team by it.
        let link = {
            let leaders = teamshot::db::users::leaders_of(&app.svc.db.pool, &team.id)
                .await
                .unwrap();
            // Each round opens on the second team, so the menu has a
            // switch to make.
            teamshot::db::users::set_home_team(&app.svc.db.pool, &leader_id, &second)
                .await
                .unwrap();
            app.svc.create_login_link(&leaders[0].id).await.unwrap()
        };
        b.goto(&link).await;
        b.click("form button[type=submit]").await;
        b.wait_for_text("Choose a password").await;
        check(
            "the dashboard with the team menu".into(),
            format!("{}/team", app.base),
        )
        .await;
        b.click(&format!("#switch-team option[value='{}']", team.id))
            .await;
        b.click(".team-switch button").await;
        b.wait_for_text("Acme ▾").await;
        let delivered = &member_pages[5].1;
        let asked = &member_pages[3].1;
        for (what, path) in [
            ("the dashboard", "/team".to_string()),
            (
                "a delivered headshot",
                format!("/team/headshots/{}", delivered.id),
            ),
            (
                "a headshot that needs a new photo",
                format!("/team/headshots/{}", asked.id),
            ),
            (
                "a headshot with a paid request waiting",
                format!("/team/headshots/{}", asking.id),
            ),
            (
                "a held-back invitation's email",
                "/team/invites/preview".into(),
            ),
            ("the Headshot Style", "/team/style".into()),
            ("credits and invoices", "/team/credits".into()),
            ("email notices", "/team/notices".into()),
            ("help", "/team/help".into()),
            ("team leaders", "/team/leaders".into()),
            ("the audit log", "/team/audit".into()),
            ("webhooks", "/team/webhooks".into()),
            ("API tokens", "/team/tokens".into()),
            ("invite links", "/team/invite-links".into()),
            ("periodic refresh", "/team/refresh".into()),
            ("questions for members", "/team/intake".into()),
            ("departments", "/team/departments".into()),
            ("company sign-in", "/team/sso".into()),
            ("profile photos", "/team/integrations".into()),
            ("extra sizes", "/team/resize".into()),
            ("custom background", "/team/custom-background".into()),
        ] {
            check(what.into(), format!("{}{path}", app.base)).await;
        }

        // The studio's pages, as an admin.
        b.sign_in(&app.base, &admin_email, &admin.password).await;
        for (what, path) in [
            ("the studio's queue", "/studio"),
            ("quality check", "/studio/qc"),
            ("studio settings", "/studio/settings"),
            ("help requests", "/studio/support"),
            ("the background library", "/studio/backgrounds"),
            ("invoices", "/studio/invoices"),
            ("staff", "/studio/staff"),
            ("staff sign-in", "/studio/sso"),
            ("reports", "/studio/reports"),
            ("dead jobs", "/studio/jobs"),
            ("the studio's audit log", "/studio/audit"),
        ] {
            check(what.into(), format!("{}{path}", app.base)).await;
        }
    }
    b.stop().await;
    assert!(
        problems.is_empty(),
        "{} accessibility problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    fresh.finish().await;
    app.finish().await;
}
