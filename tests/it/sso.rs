//! Sign-in with an identity provider (OpenID Connect), against a real
//! provider: the npm package `oidc-provider` (a certified implementation),
//! started per test by `node` from `tests/support/oidc-provider.mjs`.
//! Its login form takes any name; the name is the address, verified unless
//! it holds `+unverified`.

use crate::helpers::*;
use crate::processes::Killed;
use reqwest::{Client, StatusCode};
use serde_json::json;
use std::io::BufRead;
use std::process::{Command, Stdio};

/// A running provider and its issuer (`http://127.0.0.1:PORT`).
struct Provider {
    _child: Killed,
    issuer: String,
}

async fn provider() -> Provider {
    let module = std::env::var("TEAMSHOT_TEST_OIDC_PROVIDER").unwrap_or_else(|_| {
        panic!(
            "TEAMSHOT_TEST_OIDC_PROVIDER is not set: run scripts/test, which installs oidc-provider"
        )
    });
    let script = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/support/oidc-provider.mjs"
    );
    let mut child = Command::new("node")
        .args([script, "0"])
        .env("OIDC_PROVIDER_MODULE", module)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start node ({e}); run scripts/test, which installs it"));
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    // The first line names the issuer; the rest is read and dropped so the
    // provider never blocks on a full pipe.
    std::thread::spawn(move || {
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let child = Killed(child);
    let line =
        tokio::task::spawn_blocking(move || rx.recv_timeout(std::time::Duration::from_secs(30)))
            .await
            .unwrap()
            .expect("the OpenID provider did not start within 30 s");
    let issuer = line
        .strip_prefix("listening ")
        .unwrap_or_else(|| panic!("unexpected first line from the provider: {line}"))
        .to_string();
    Provider {
        _child: child,
        issuer,
    }
}

/// An app that lets a team's provider be on 127.0.0.1.
async fn app() -> TestApp {
    TestApp::spawn_with(|s| s.webhook_allow_private = true).await
}

fn settings(issuer: &str, domains: &[&str], create_accounts: bool) -> serde_json::Value {
    json!({
        "issuer": issuer,
        "client_id": "teamshot",
        "client_secret": "teamshot-secret",
        "allowed_domains": domains,
        "create_accounts": create_accounts,
    })
}

fn location(r: &reqwest::Response) -> String {
    r.headers()
        .get("location")
        .unwrap_or_else(|| panic!("no Location in a {} answer", r.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// From the sign-in page's company form through the provider's login form
/// as `login`: the address the provider sends the browser back to.
async fn through_provider(
    app: &TestApp,
    browser: &Client,
    p: &Provider,
    email: &str,
    login: &str,
) -> String {
    let r = start(app, browser, email).await;
    assert_eq!(
        r.status(),
        StatusCode::SEE_OTHER,
        "{}",
        r.text().await.unwrap()
    );
    let authorize = location(&r);
    assert!(authorize.starts_with(&p.issuer), "{authorize}");
    for part in [
        "code_challenge_method=S256",
        "nonce=",
        "state=",
        "scope=openid",
    ] {
        assert!(authorize.contains(part), "{part} in {authorize}");
    }
    let r = browser.get(&authorize).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let issuer = url::Url::parse(&p.issuer).unwrap();
    let interaction = issuer.join(&location(&r)).unwrap();
    let r = browser
        .post(interaction)
        .form(&[("prompt", "login"), ("login", login), ("password", "any")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let resume = issuer.join(&location(&r)).unwrap();
    let r = browser.get(resume).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let back = location(&r);
    assert!(
        back.starts_with(&format!("{}/login/sso/callback?", app.base)),
        "{back}"
    );
    back
}

/// The sign-in page's company form, sent with `email`.
async fn start(app: &TestApp, browser: &Client, email: &str) -> reqwest::Response {
    let html = page(browser, &format!("{}/login", app.base)).await;
    assert!(
        html.contains("action=\"/login/sso\""),
        "the company sign-in is offered"
    );
    browser
        .post(format!("{}/login/sso", app.base))
        .form(&[("csrf", csrf(&html).as_str()), ("email", email)])
        .send()
        .await
        .unwrap()
}

/// The whole sign-in as `email` in a fresh browser: the callback's answer
/// and the browser (signed in when the answer is a 303 to a home page).
async fn sign_in(app: &TestApp, p: &Provider, email: &str) -> (reqwest::Response, Client) {
    sign_in_as(app, p, email, email).await
}

/// Starts with `email` on the sign-in page, then signs in at the provider
/// as `login` (the provider may name someone else than was typed).
async fn sign_in_as(
    app: &TestApp,
    p: &Provider,
    email: &str,
    login: &str,
) -> (reqwest::Response, Client) {
    let browser = browser();
    let back = through_provider(app, &browser, p, email, login).await;
    let r = browser.get(&back).send().await.unwrap();
    // Whatever the answer, the same answer again is refused.
    let again = browser.get(&back).send().await.unwrap();
    assert_eq!(again.status(), StatusCode::BAD_REQUEST);
    assert!(again.text().await.unwrap().contains("already used"));
    (r, browser)
}

async fn refused(r: reqwest::Response, status: StatusCode, says: &str) {
    assert_eq!(r.status(), status);
    let html = r.text().await.unwrap();
    assert!(html.contains(says), "{says:?} not in {html}");
}

#[tokio::test]
#[ignore = "needs node and oidc-provider (npm); scripts/test installs it and runs this"]
async fn leaders_sign_in_with_their_company_provider() {
    let p = provider().await;
    let app = app().await;
    let team = app.team().await;
    let leader = teamshot::db::users::leaders_of(&app.svc.db.pool, &team.id)
        .await
        .unwrap()
        .remove(0);

    // Refused settings say which field and why; nothing is stored.
    let mut wrong = settings(&format!("{}/elsewhere", p.issuer), &["acme.test"], false);
    let r = app.put_json(&team.token, "/team/sso", wrong.clone()).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("openid-configuration"));
    wrong["issuer"] = json!(p.issuer);
    wrong["client_secret"] = json!(null);
    wrong["allowed_domains"] = json!(["not a domain"]);
    let r = json(app.put_json(&team.token, "/team/sso", wrong).await).await;
    let fields: Vec<&str> = r["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["field"].as_str().unwrap())
        .collect();
    assert!(
        fields.contains(&"client_secret") && fields.contains(&"allowed_domains"),
        "{r}"
    );
    let off = json(app.get(&team.token, "/team/sso").await).await;
    assert_eq!(off["enabled"], json!(false), "nothing stored: {off}");
    assert_eq!(
        off["redirect_uri"],
        json!(format!("{}/login/sso/callback", app.base))
    );

    // Set up (the discovery suffix pasted too), twice: the same settings.
    let with_suffix = format!("{}/.well-known/openid-configuration", p.issuer);
    for _ in 0..2 {
        let r = app
            .put_json(
                &team.token,
                "/team/sso",
                settings(&with_suffix, &["acme.test"], false),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let s = json(r).await;
        assert_eq!(s["issuer"], json!(p.issuer));
        assert_eq!(
            s["redirect_uri"],
            json!(format!("{}/login/sso/callback", app.base))
        );
        assert!(
            !s.to_string().contains("teamshot-secret"),
            "the secret is never shown: {s}"
        );
    }
    let sealed: String = sqlx::query_scalar("SELECT client_secret_sealed FROM sso_providers")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert!(!sealed.contains("teamshot-secret"), "sealed at rest");

    // The same settings through the page: a refusal keeps what was typed.
    let lp = crate::fixtures::PageClient::leader_now(&app, &team).await;
    let form = [
        ("issuer", p.issuer.as_str()),
        ("client_id", "teamshot"),
        ("client_secret", ""),
        ("allowed_domains", "acme.test, not a domain"),
    ];
    let html = lp.post("/team/sso", &form).await.text().await.unwrap();
    assert!(
        html.contains("is not a mail domain") && html.contains("acme.test, not a domain"),
        "{html}"
    );
    let mut form = form;
    form[3].1 = "acme.test";
    let html = lp.post("/team/sso", &form).await.text().await.unwrap();
    assert!(
        html.contains("Saved: addresses at acme.test now sign in"),
        "{html}"
    );
    assert!(
        html.contains("/login/sso/callback"),
        "the redirect URI to register is shown"
    );

    // The team's leader signs in: a session on the dashboard.
    let (r, signed_in) = sign_in(&app, &p, &leader.email).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/team");
    let dashboard = page(&signed_in, &format!("{}/team", app.base)).await;
    assert!(dashboard.contains("Acme"));

    // The answer works once, and only in the browser that began it.
    let browser_a = browser();
    let back = through_provider(&app, &browser_a, &p, &leader.email, &leader.email).await;
    let r = browser().get(&back).send().await.unwrap();
    refused(r, StatusCode::BAD_REQUEST, "started in another browser").await;
    let r = browser_a.get(&back).send().await.unwrap();
    refused(r, StatusCode::BAD_REQUEST, "already used").await;

    // A colleague without an account: refused while the team does not
    // make accounts, then a new leader of the whole team.
    let (r, _) = sign_in(&app, &p, "new.colleague@acme.test").await;
    refused(r, StatusCode::FORBIDDEN, "No leader account uses").await;
    // A changed issuer needs the secret again (else the stored one could
    // be sent to another server).
    let r = app.put_json(&team.token, "/team/sso", json!({
        "issuer": format!("{}/", p.issuer), "client_id": "teamshot", "allowed_domains": ["acme.test"],
    })).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("client_secret"));
    let r = app.put_json(&team.token, "/team/sso", json!({
        "issuer": p.issuer, "client_id": "teamshot", "allowed_domains": ["acme.test", "studio.test"], "create_accounts": true,
    })).await;
    assert_eq!(r.status(), StatusCode::OK, "the stored secret is kept");
    let (r, colleague) = sign_in(&app, &p, "new.colleague@acme.test").await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert!(
        page(&colleague, &format!("{}/team", app.base))
            .await
            .contains("Acme")
    );
    let leaders = json(app.get(&team.token, "/leaders").await).await;
    assert!(
        leaders.to_string().contains("new.colleague@acme.test"),
        "{leaders}"
    );
    let audit = page(&signed_in, &format!("{}/team/audit", app.base)).await;
    assert!(
        audit.contains("by signing in with the company&#39;s identity provider")
            || audit.contains("by signing in with the company's identity provider"),
        "{audit}"
    );

    // A team's provider never opens a staff account, even one at a domain
    // the team lists.
    let (staff_email, _) = app.staff_account("qc").await;
    let (r, _) = sign_in_as(&app, &p, "someone@acme.test", &staff_email).await;
    refused(r, StatusCode::FORBIDDEN, "does not lead this team").await;

    // What the team's provider vouched for is that team alone: its session
    // sets no password and accepts no other team's invitation, and ends
    // once the account leads another team.
    let html = page(&colleague, &format!("{}/account/password", app.base)).await;
    let token = csrf(&html);
    let r = colleague
        .post(format!("{}/account/password", app.base))
        .form(&[
            ("csrf", token.as_str()),
            ("password", "a long new password"),
        ])
        .send()
        .await
        .unwrap();
    refused(
        r,
        StatusCode::FORBIDDEN,
        "vouches for you on that team alone",
    )
    .await;
    let elsewhere = app.team().await;
    let r = app
        .post_json(
            &elsewhere.token,
            "/leaders",
            json!({"name": "Col", "email": "new.colleague@acme.test"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let r = colleague
        .post(format!(
            "{}/account/invitations/{}/accept",
            app.base, elsewhere.id
        ))
        .form(&[("csrf", token.as_str())])
        .send()
        .await
        .unwrap();
    refused(
        r,
        StatusCode::FORBIDDEN,
        "vouches for you on that team alone",
    )
    .await;
    let (r, _) = sign_in(&app, &p, "new.colleague@acme.test").await;
    refused(r, StatusCode::FORBIDDEN, "invited to lead").await;
    sqlx::query("INSERT INTO team_leaders (team_id, user_id, added_at) VALUES ($1, (SELECT id FROM users WHERE email = $2), 0)")
        .bind(&elsewhere.id)
        .bind("new.colleague@acme.test")
        .execute(&app.svc.db.pool)
        .await
        .unwrap();
    let r = colleague
        .get(format!("{}/team", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "the session ended");
    assert_eq!(location(&r), "/login");

    // Unverified addresses and other domains are refused.
    let (r, _) = sign_in(&app, &p, "eve+unverified@acme.test").await;
    refused(r, StatusCode::FORBIDDEN, "did not confirm an email address").await;
    let r = start(&app, &browser(), "ana@elsewhere.test").await;
    refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "No company sign-in is set up for elsewhere.test",
    )
    .await;

    // A team's provider signs in leaders of that team alone: an account
    // that leads another team too keeps its password and links.
    let other = app.team().await;
    sqlx::query("INSERT INTO team_leaders (team_id, user_id, added_at) VALUES ($1, $2, 0)")
        .bind(&other.id)
        .bind(leader.id.as_str())
        .execute(&app.svc.db.pool)
        .await
        .unwrap();
    let r = start(&app, &browser(), &leader.email).await;
    refused(
        r,
        StatusCode::UNPROCESSABLE_ENTITY,
        "leads more than one team",
    )
    .await;

    // Turned off (twice): the form goes from the sign-in page.
    assert_eq!(
        app.delete(&team.token, "/team/sso").await.status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(
        app.delete(&team.token, "/team/sso").await.status(),
        StatusCode::NO_CONTENT
    );
    assert!(
        !page(&browser(), &format!("{}/login", app.base))
            .await
            .contains("/login/sso")
    );
    app.finish().await;
}

#[tokio::test]
#[ignore = "needs node and oidc-provider (npm); scripts/test installs it and runs this"]
async fn staff_sign_in_with_the_studio_provider_only_to_existing_accounts() {
    let p = provider().await;
    let app = app().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let (qc_email, qc) = app.staff_account("qc").await;

    // Only an admin sets it; it never makes staff accounts.
    let body = settings(&p.issuer, &["studio.test"], false);
    assert_eq!(
        app.put_json(&team.token, "/studio/sso", body.clone())
            .await
            .status(),
        StatusCode::NOT_FOUND
    );
    let qc_token = qc.api_token.clone();
    assert_eq!(
        app.put_json(&qc_token, "/studio/sso", body.clone())
            .await
            .status(),
        StatusCode::FORBIDDEN
    );
    let r = app
        .put_json(
            &admin,
            "/studio/sso",
            settings(&p.issuer, &["studio.test"], true),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        app.put_json(&admin, "/studio/sso", body).await.status(),
        StatusCode::OK
    );

    let (r, signed_in) = sign_in(&app, &p, &qc_email).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), "/studio");
    assert_eq!(
        signed_in
            .get(format!("{}/studio/qc", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    let audit = json(app.get(&admin, "/studio/audit").await).await;
    assert!(
        audit
            .to_string()
            .contains("signed in with the studio's identity provider"),
        "{audit}"
    );

    // Nobody becomes staff by signing in; a deactivated account stays out.
    let (r, _) = sign_in(&app, &p, "stranger@studio.test").await;
    refused(r, StatusCode::FORBIDDEN, "No staff account uses").await;
    let r = app
        .post_json(
            &admin,
            &format!("/studio/staff/{}/deactivate", qc.id),
            json!({}),
        )
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    let (r, _) = sign_in(&app, &p, &qc_email).await;
    refused(r, StatusCode::FORBIDDEN, "deactivated").await;
    app.finish().await;
}

#[tokio::test]
async fn a_team_provider_may_not_be_in_the_studio_network() {
    // The default server refuses private addresses for a team's provider.
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let r = app
        .put_json(
            &team.token,
            "/team/sso",
            settings("http://127.0.0.1:9", &["acme.test"], false),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("https://"));
    let r = app
        .put_json(
            &team.token,
            "/team/sso",
            settings("https://127.0.0.1:9", &["acme.test"], false),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("private address"));
    // The share link does not manage it (nor a department's leader:
    // `leader_team()`, tested for every such page in departments.rs).
    let share = team.share_url.rsplit('/').next().unwrap().to_string();
    let r = browser()
        .get(format!("{}/d/{share}/sso", app.base))
        .send()
        .await
        .unwrap();
    refused(
        r,
        StatusCode::FORBIDDEN,
        "The share link cannot manage the team&#39;s sign-in",
    )
    .await;
    app.finish().await;
}
