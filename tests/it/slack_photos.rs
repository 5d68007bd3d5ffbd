//! A member's own Slack photo, against a local server that speaks Slack's
//! documented endpoints and records what each request carried: the consent
//! page (`/oauth/v2/authorize`, answered at once with a code), the token
//! exchange (`POST /api/oauth.v2.access`: the app's credentials by HTTP
//! Basic, each code once), `GET /api/users.info` (the person's address,
//! with their token), `POST /api/users.setPhoto` (the person's bearer
//! token, multipart `image`, 512 to 1024 px) and `POST /api/auth.revoke`.
//! Slack answers HTTP 200 with `{"ok": false, "error": …}` for refusals.

use crate::fixtures::{Member, PageClient};
use crate::helpers::*;
use axum::extract::{Multipart, Query, State};
use axum::http::{HeaderMap, StatusCode as AxStatus};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};
use teamshot::domain::HeadshotStatus;

const CLIENT_ID: &str = "1234.5678";
const CLIENT_SECRET: &str = "slack-app-secret";
const ACME: &str = "T0ACME";

/// One photo the stand-in received.
#[derive(Debug, Clone)]
struct Photo {
    token: String,
    content_type: String,
    jpeg: Vec<u8>,
}

#[derive(Default)]
struct Slack {
    /// Codes given and not yet traded: code → (workspace, user, address).
    codes: Mutex<HashMap<String, (String, String, String)>>,
    /// People's addresses, by user id.
    emails: Mutex<HashMap<String, String>>,
    /// Who signs in at the next consent (else a leader of Acme).
    signs_in_as: Mutex<Option<String>>,
    /// Tokens given: token → user.
    tokens: Mutex<HashMap<String, String>>,
    revoked: Mutex<HashSet<String>>,
    photos: Mutex<Vec<Photo>>,
    /// The next consent is given in this workspace instead.
    elsewhere: Mutex<Option<String>>,
    /// The next `users.setPhoto` calls are rate limited.
    limited: Mutex<usize>,
    issued: Mutex<usize>,
}

impl Slack {
    fn next(&self) -> usize {
        let mut n = self.issued.lock().unwrap();
        *n += 1;
        *n
    }
}

async fn authorize(
    State(s): State<Arc<Slack>>,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(
        q["user_scope"],
        "users.profile:write,users:read,users:read.email"
    );
    assert!(!q.contains_key("scope"), "no bot scopes");
    // The person signs in (to the workspace asked for, else Acme's) and
    // allows the app.
    let workspace = s
        .elsewhere
        .lock()
        .unwrap()
        .take()
        .or_else(|| q.get("team").cloned())
        .unwrap_or_else(|| ACME.into());
    let email = s
        .signs_in_as
        .lock()
        .unwrap()
        .take()
        .unwrap_or_else(|| "leader@acme.test".into());
    let n = s.next();
    let code = format!("code-{n}");
    s.codes
        .lock()
        .unwrap()
        .insert(code.clone(), (workspace, format!("U{n:04}"), email));
    let mut back = url::Url::parse(&q["redirect_uri"]).unwrap();
    back.query_pairs_mut()
        .append_pair("code", &code)
        .append_pair("state", &q["state"]);
    Redirect::to(back.as_str()).into_response()
}

fn ok(v: serde_json::Value) -> Response {
    axum::Json(v).into_response()
}

fn refused(error: &str) -> Response {
    ok(json!({"ok": false, "error": error}))
}

async fn access(State(s): State<Arc<Slack>>, h: HeaderMap, body: String) -> Response {
    let basic = format!(
        "Basic {}",
        base64::Engine::encode(
            &base64::engine::general_purpose::STANDARD,
            format!("{CLIENT_ID}:{CLIENT_SECRET}")
        )
    );
    if h.get("authorization").and_then(|v| v.to_str().ok()) != Some(basic.as_str()) {
        return refused("invalid_client");
    }
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    assert!(
        form["redirect_uri"].contains("/integrations/slack/"),
        "{form:?}"
    );
    let Some((workspace, user, email)) = s.codes.lock().unwrap().remove(&form["code"]) else {
        return refused("invalid_code");
    };
    s.emails.lock().unwrap().insert(user.clone(), email);
    let token = format!("xoxp-{user}-{}", s.next());
    s.tokens.lock().unwrap().insert(token.clone(), user.clone());
    let name = if workspace == ACME {
        "Acme"
    } else {
        "Elsewhere"
    };
    ok(json!({
        "ok": true, "app_id": "A0APP",
        "authed_user": {"id": user, "scope": "users.profile:write,users:read,users:read.email", "access_token": token, "token_type": "user"},
        "team": {"id": workspace, "name": name},
        "enterprise": null, "is_enterprise_install": false,
    }))
}

/// The bearer token, if Slack would take it.
fn live_token(s: &Slack, h: &HeaderMap) -> Result<String, &'static str> {
    let token = h
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .ok_or("not_authed")?
        .to_string();
    if !s.tokens.lock().unwrap().contains_key(&token) {
        return Err("invalid_auth");
    }
    if s.revoked.lock().unwrap().contains(&token) {
        return Err("token_revoked");
    }
    Ok(token)
}

async fn set_photo(State(s): State<Arc<Slack>>, h: HeaderMap, mut form: Multipart) -> Response {
    {
        let mut limited = s.limited.lock().unwrap();
        if *limited > 0 {
            *limited -= 1;
            return (
                AxStatus::TOO_MANY_REQUESTS,
                [("retry-after", "30")],
                axum::Json(json!({"ok": false, "error": "ratelimited"})),
            )
                .into_response();
        }
    }
    let token = match live_token(&s, &h) {
        Ok(t) => t,
        Err(e) => return refused(e),
    };
    let mut image = None;
    while let Some(field) = form.next_field().await.unwrap() {
        if field.name() == Some("image") {
            let content_type = field.content_type().unwrap_or_default().to_string();
            image = Some((content_type, field.bytes().await.unwrap().to_vec()));
        }
    }
    let Some((content_type, jpeg)) = image else {
        return refused("invalid_form_data");
    };
    let Ok(picture) = image::load_from_memory(&jpeg) else {
        return refused("bad_image");
    };
    let side = picture.width().max(picture.height());
    if !(512..=1024).contains(&side) {
        return refused("too_large");
    }
    s.photos.lock().unwrap().push(Photo {
        token,
        content_type,
        jpeg,
    });
    ok(json!({"ok": true}))
}

/// `users.info`: the person's profile, with its address (the token's
/// scopes include `users:read.email`).
async fn user_info(
    State(s): State<Arc<Slack>>,
    h: HeaderMap,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    if let Err(e) = live_token(&s, &h) {
        return refused(e);
    }
    let Some(email) = s.emails.lock().unwrap().get(&q["user"]).cloned() else {
        return refused("user_not_found");
    };
    ok(json!({"ok": true, "user": {"id": q["user"], "profile": {"email": email}}}))
}

async fn revoke(State(s): State<Arc<Slack>>, h: HeaderMap) -> Response {
    match live_token(&s, &h) {
        Ok(t) => {
            s.revoked.lock().unwrap().insert(t);
            ok(json!({"ok": true, "revoked": true}))
        }
        Err(e) => refused(e),
    }
}

async fn slack() -> (String, Arc<Slack>) {
    let s = Arc::new(Slack::default());
    let app = axum::Router::new()
        .route("/oauth/v2/authorize", get(authorize))
        .route("/api/oauth.v2.access", post(access))
        .route("/api/users.setPhoto", post(set_photo))
        .route("/api/auth.revoke", post(revoke))
        .route("/api/users.info", get(user_info))
        .with_state(s.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, s)
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

/// The member's phone: their page, and its button pressed.
struct Phone {
    client: reqwest::Client,
    page: String,
    /// The member's address: who signs in to Slack (unless the test says
    /// otherwise).
    email: String,
    slack: Arc<Slack>,
}

impl Phone {
    async fn new(app: &TestApp, team: &Team, m: &Member, slack: &Arc<Slack>) -> Self {
        let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
        Self {
            client: browser(),
            page: format!("{}/m/{}", app.base, m.secret),
            email: h["member"]["email"].as_str().unwrap().to_uppercase(),
            slack: slack.clone(),
        }
    }

    async fn html(&self) -> String {
        page(&self.client, &self.page).await
    }

    /// Presses *Use my headshot on Slack*: the address Slack sends the
    /// phone back to, once the person has allowed it.
    async fn allow(&self) -> String {
        let html = self.html().await;
        let r = self
            .client
            .post(format!("{}/slack", self.page))
            .form(&[("csrf", csrf(&html))])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        let consent = location(&r);
        assert!(consent.contains("team=T0ACME"), "{consent}");
        self.slack
            .signs_in_as
            .lock()
            .unwrap()
            .get_or_insert_with(|| self.email.clone());
        location(&browser().get(&consent).send().await.unwrap())
    }

    async fn back(&self, url: &str) -> reqwest::Response {
        self.client.get(url).send().await.unwrap()
    }
}

async fn profile_photo(app: &TestApp, team: &Team, m: &Member) -> serde_json::Value {
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    h["profile_photos"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["provider"] == "slack")
        .cloned()
        .unwrap_or(json!(null))
}

/// The app with the studio's Slack app set up against the stand-in (at
/// the base URL returned).
async fn with_slack() -> (TestApp, Arc<Slack>, String) {
    let (base, s) = slack().await;
    let app = TestApp::spawn_with(|st| {
        st.slack.app = Some(teamshot::config::photo_push::PushApp {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.to_string().into(),
        });
        st.slack.base = base.parse().unwrap();
    })
    .await;
    (app, s, base)
}

/// The tokens given that are still live at Slack.
fn live_tokens(s: &Slack) -> Vec<String> {
    let tokens = s.tokens.lock().unwrap();
    let revoked = s.revoked.lock().unwrap();
    tokens
        .keys()
        .filter(|t| !revoked.contains(*t))
        .cloned()
        .collect()
}

#[tokio::test]
async fn members_choose_their_headshot_as_their_slack_photo() {
    let (app, s, base) = with_slack().await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;
    let waiting = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let phone = Phone::new(&app, &team, &waiting, &s).await;
    assert!(
        !phone.html().await.contains("Slack"),
        "not before the team connects"
    );

    // The team names its workspace; the leader's own token only served for
    // that and is revoked at once.
    let r = leader.post("/team/integrations/slack/connect", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let consent = location(&r);
    assert!(consent.starts_with(&format!("{base}oauth/v2/authorize?")));
    let back = location(&browser().get(&consent).send().await.unwrap());
    assert!(back.starts_with(&format!("{}/integrations/slack/callback?", app.base)));
    let html = leader
        .client
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Connected Slack"), "{html}");
    assert!(html.contains("Use my headshot on Slack"), "{html}");
    let list = json(app.get(&team.token, "/team/integrations").await).await;
    let item = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["provider"] == "slack")
        .unwrap()
        .clone();
    assert_eq!(item["account"], json!("Acme"), "{list}");
    app.run_jobs().await;
    assert_eq!(s.revoked.lock().unwrap().len(), 1, "the leader's token");
    // Approvals of members who did not allow it push nothing to Slack.
    let quiet = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    assert_eq!(profile_photo(&app, &team, &quiet).await, json!(null));

    // A member allows it before approving: kept (sealed) until then.
    assert!(phone.html().await.contains("Use my headshot on Slack"));
    let back = phone.allow().await;
    assert!(
        back.starts_with(&format!("{}/integrations/slack/member-callback?", app.base)),
        "{back}"
    );
    // Another browser (without the phone's cookie) neither finishes it
    // nor spends it.
    let r = browser().get(&back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("another browser"));
    let r = phone.back(&back).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(location(&r), format!("/m/{}#slack-h", waiting.secret));
    assert!(phone.html().await.contains("as soon as it is approved"));
    assert_eq!(
        profile_photo(&app, &team, &waiting).await["state"],
        json!("consented")
    );
    assert!(leader.page("/team").await.contains("Slack: at approval"));
    let sealed: String = sqlx::query_scalar("SELECT token_sealed FROM slack_photo_grants")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert!(
        !sealed.contains("xoxp"),
        "the member's token is sealed at rest"
    );
    // The answer works once.
    let r = phone.back(&back).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);

    // Approved: the photo is set with the member's token, a square JPEG
    // within Slack's 512–1024 px; the token is revoked and forgotten.
    let r = app
        .post(&team.token, &format!("/headshots/{}/approve", waiting.id))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    let photos = s.photos.lock().unwrap().clone();
    assert_eq!(photos.len(), 1);
    assert!(photos[0].token.starts_with("xoxp-U"));
    assert_eq!(photos[0].content_type, "image/jpeg");
    let picture =
        image::load_from_memory_with_format(&photos[0].jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((picture.width(), picture.height()), (648, 648));
    assert!(s.revoked.lock().unwrap().contains(&photos[0].token));
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM slack_photo_grants")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert_eq!(held, 0);
    assert_eq!(
        profile_photo(&app, &team, &waiting).await["state"],
        json!("pushed")
    );
    assert!(leader.page("/team").await.contains("pushed to Slack ✓"));
    let html = phone.html().await;
    assert!(
        html.contains("Your headshot is your Slack photo in Acme ✓"),
        "{html}"
    );

    // An approved member pressing twice (both consents finish): one photo,
    // and no token left live.
    let approved = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let phone2 = Phone::new(&app, &team, &approved, &s).await;
    let first = phone2.allow().await;
    let second = phone2.allow().await;
    assert_eq!(phone2.back(&first).await.status(), StatusCode::SEE_OTHER);
    assert_eq!(phone2.back(&second).await.status(), StatusCode::SEE_OTHER);
    app.run_jobs().await;
    assert_eq!(s.photos.lock().unwrap().len(), 2, "one more photo");
    assert_eq!(
        profile_photo(&app, &team, &approved).await["state"],
        json!("pushed")
    );

    // Rate limited: tried again like a webhook.
    let later = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let phone3 = Phone::new(&app, &team, &later, &s).await;
    *s.limited.lock().unwrap() = 1;
    let back = phone3.allow().await;
    assert_eq!(phone3.back(&back).await.status(), StatusCode::SEE_OTHER);
    app.run_jobs().await;
    let p = profile_photo(&app, &team, &later).await;
    assert_eq!(p["state"], json!("retrying"), "{p}");
    assert!(
        p["detail"].as_str().unwrap().contains("rate limiting"),
        "{p}"
    );
    assert!(phone3.html().await.contains("being set"));
    app.clock.advance(jiff::SignedDuration::from_secs(61));
    app.run_jobs().await;
    assert_eq!(
        profile_photo(&app, &team, &later).await["state"],
        json!("pushed")
    );
    assert_eq!(s.photos.lock().unwrap().len(), 3);

    // Someone else holding the member's link: their Slack account's
    // address is not the member's, so refused (and its token revoked).
    let borrowed = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let phone5 = Phone::new(&app, &team, &borrowed, &s).await;
    *s.signs_in_as.lock().unwrap() = Some("someone@else.test".into());
    let back = phone5.allow().await;
    let r = phone5.back(&back).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(
        html.contains("That Slack account is someone@else.test"),
        "{html}"
    );
    assert_eq!(profile_photo(&app, &team, &borrowed).await, json!(null));

    // Signed in to another workspace: refused, its token revoked, nothing
    // kept.
    let other = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let phone4 = Phone::new(&app, &team, &other, &s).await;
    *s.elsewhere.lock().unwrap() = Some("T0OTHER".into());
    let back = phone4.allow().await;
    let r = phone4.back(&back).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let html = r.text().await.unwrap();
    assert!(html.contains("That was not the Acme workspace"), "{html}");
    app.run_jobs().await;
    assert_eq!(profile_photo(&app, &team, &other).await, json!(null));
    assert_eq!(s.photos.lock().unwrap().len(), 3);
    let live = live_tokens(&s);
    assert!(live.is_empty(), "every token given was revoked: {live:?}");
    app.finish().await;
}

#[tokio::test]
async fn a_withdrawn_slack_consent_fails_once_and_disconnecting_drops_the_rest() {
    let (app, s, _) = with_slack().await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;
    let r = leader.post("/team/integrations/slack/connect", &[]).await;
    let back = location(&browser().get(location(&r)).send().await.unwrap());
    assert_eq!(
        leader.client.get(&back).send().await.unwrap().status(),
        StatusCode::OK
    );

    // The leader looking at a member's page cannot allow it for them: the
    // Slack account would be the leader's.
    let m = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let html = leader.page(&format!("/m/{}", m.secret)).await;
    assert!(!html.contains("Use my headshot on Slack"), "{html}");
    let r = leader.post(&format!("/m/{}/slack", m.secret), &[]).await;
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Allowed, then taken back at Slack before the approval: said once,
    // not retried; the button is back.
    let phone = Phone::new(&app, &team, &m, &s).await;
    let back = phone.allow().await;
    assert_eq!(phone.back(&back).await.status(), StatusCode::SEE_OTHER);
    let tokens: Vec<String> = s.tokens.lock().unwrap().keys().cloned().collect();
    s.revoked.lock().unwrap().extend(tokens);
    app.post(&team.token, &format!("/headshots/{}/approve", m.id))
        .await;
    app.run_jobs().await;
    let p = profile_photo(&app, &team, &m).await;
    assert_eq!(p["state"], json!("failed"), "{p}");
    assert!(
        p["detail"].as_str().unwrap().contains("token_revoked"),
        "{p}"
    );
    let html = phone.html().await;
    assert!(html.contains("could not be set"), "{html}");
    assert!(html.contains("Use my headshot on Slack"), "{html}");
    app.clock.advance(jiff::SignedDuration::from_secs(3600));
    app.run_jobs().await;
    assert!(s.photos.lock().unwrap().is_empty(), "not retried");

    // Cancelled at Slack: nothing kept.
    let html = phone.html().await;
    let r = phone
        .client
        .post(format!("{}/slack", phone.page))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    let state = url::Url::parse(&location(&r))
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .to_string();
    let r = phone
        .back(&format!(
            "{}/integrations/slack/member-callback?error=access_denied&state={state}",
            app.base
        ))
        .await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("nothing changed"));

    // Another member's browser neither finishes nor spends this member's
    // consent.
    let m3 = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let phone3 = Phone::new(&app, &team, &m3, &s).await;
    let back = phone3.allow().await;
    let r = phone.back(&back).await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("expired or was already used")
    );
    assert_eq!(phone3.back(&back).await.status(), StatusCode::SEE_OTHER);
    // Erased while the consent is held: its token is revoked.
    assert_eq!(live_tokens(&s).len(), 1);
    let html = phone3.html().await;
    let r = phone3
        .client
        .post(format!("{}/erase", phone3.page))
        .form(&[("csrf", csrf(&html).as_str()), ("confirm", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.run_jobs().await;
    assert!(live_tokens(&s).is_empty(), "{:?}", live_tokens(&s));
    // Deleted before its upload while the consent is held: revoked too.
    let m4 = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let phone4 = Phone::new(&app, &team, &m4, &s).await;
    let back = phone4.allow().await;
    assert_eq!(phone4.back(&back).await.status(), StatusCode::SEE_OTHER);
    let r = app
        .delete(&team.token, &format!("/headshots/{}", m4.id))
        .await;
    assert!(r.status().is_success(), "{}", r.status());
    app.run_jobs().await;
    assert!(live_tokens(&s).is_empty(), "{:?}", live_tokens(&s));

    // Consents held when the team disconnects go with it.
    let m2 = app.headshot_at(&team, HeadshotStatus::Delivered).await;
    let phone2 = Phone::new(&app, &team, &m2, &s).await;
    let back = phone2.allow().await;
    assert_eq!(phone2.back(&back).await.status(), StatusCode::SEE_OTHER);
    for _ in 0..2 {
        let r = app.delete(&team.token, "/team/integrations/slack").await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    let held: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM slack_photo_grants")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert_eq!(held, 0);
    app.run_jobs().await;
    let live = live_tokens(&s);
    assert!(live.is_empty(), "the tokens held were revoked: {live:?}");
    assert!(!phone2.html().await.contains("Slack photo"));
    app.post(&team.token, &format!("/headshots/{}/approve", m2.id))
        .await;
    app.run_jobs().await;
    assert!(s.photos.lock().unwrap().is_empty());
    // Connected again: the member is offered Slack afresh.
    let r = leader.post("/team/integrations/slack/connect", &[]).await;
    let back = location(&browser().get(location(&r)).send().await.unwrap());
    assert_eq!(
        leader.client.get(&back).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert!(phone2.html().await.contains("Use my headshot on Slack"));
    app.run_jobs().await;
    app.finish().await;
}
