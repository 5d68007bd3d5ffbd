//! Approved headshots set as profile photos, against a local server that
//! speaks the documented endpoints of each service and records what each
//! request carried:
//! - Microsoft: the consent page (`/organizations/oauth2/v2.0/authorize`
//!   with `prompt=admin_consent`, answered at once with a code), the token
//!   endpoint (the code, whose ID token names the tenant; then client
//!   credentials), Graph's
//!   user lookup (`GET /v1.0/users?$filter=`) and photo upload
//!   (`PUT /v1.0/users/{id}/photo/$value`: bearer token, `image/jpeg`, at
//!   most 4 MB);
//! - Google: the consent page (`/o/oauth2/v2/auth`, answered at once with a
//!   code), the token endpoint (`/token`: the code, then the refresh token)
//!   and the Directory API's photo (`PUT /admin/directory/v1/users/{userKey}
//!   /photos/thumbnail`: JSON with web-safe base64 `photoData`).

use crate::fixtures::PageClient;
use crate::helpers::*;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode as AxStatus};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post, put};
use reqwest::StatusCode;
use serde_json::json;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use teamshot::domain::HeadshotStatus;

const CLIENT_ID: &str = "teamshot-app";
const CLIENT_SECRET: &str = "app-secret";
const TENANT: &str = "0b1c2d3e-0000-4000-8000-000000000ace";
const ENTRA_CODE: &str = "entra-consent-code";
const TOKEN: &str = "graph-token-for-acme";

/// One photo the stand-in received.
#[derive(Debug, Clone)]
struct Upload {
    user: String,
    authorization: String,
    content_type: String,
    jpeg: Vec<u8>,
}

#[derive(Default)]
struct Graph {
    uploads: Mutex<Vec<Upload>>,
    /// Google: the photos received, by user key, as sent.
    google: Mutex<Vec<(String, String, serde_json::Value)>>,
    /// The next uploads answered 503.
    fail_next: Mutex<usize>,
}

async fn consent(Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["prompt"], "admin_consent");
    assert_eq!(q["scope"], "openid https://graph.microsoft.com/.default");
    // An administrator of the tenant signed in and consented: back to the
    // application with a code.
    let mut back = url::Url::parse(&q["redirect_uri"]).unwrap();
    back.query_pairs_mut()
        .append_pair("code", ENTRA_CODE)
        .append_pair("state", &q["state"]);
    Redirect::to(back.as_str()).into_response()
}

async fn token(Path(tenant): Path<String>, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let field = |k: &str| form.get(k).map(String::as_str);
    let client =
        field("client_id") == Some(CLIENT_ID) && field("client_secret") == Some(CLIENT_SECRET);
    // The consent's code, at the `organizations` endpoint: an ID token
    // naming the administrator's tenant (unsigned here: read for `tid`).
    if client
        && tenant == "organizations"
        && field("grant_type") == Some("authorization_code")
        && field("code") == Some(ENTRA_CODE)
    {
        let payload = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            json!({"tid": TENANT, "email": "admin@acme.test"}).to_string(),
        );
        return axum::Json(json!({"token_type": "Bearer", "access_token": "delegated", "id_token": format!("e30.{payload}.sig")}))
            .into_response();
    }
    let ok = client
        && tenant == TENANT
        && field("grant_type") == Some("client_credentials")
        && field("scope") == Some("https://graph.microsoft.com/.default");
    if !ok {
        return (
            AxStatus::BAD_REQUEST,
            axum::Json(json!({"error": "invalid_grant", "error_description": "AADSTS70000: The provided value for the 'code' parameter is not valid."})),
        )
            .into_response();
    }
    axum::Json(json!({"token_type": "Bearer", "expires_in": 3599, "access_token": TOKEN}))
        .into_response()
}

fn authorized(h: &HeaderMap) -> bool {
    h.get("authorization").and_then(|v| v.to_str().ok()) == Some(&format!("Bearer {TOKEN}"))
}

/// `$filter=mail eq 'x' or userPrincipalName eq 'x'`: addresses starting
/// with "ghost" are not in the directory.
async fn users(h: HeaderMap, Query(q): Query<HashMap<String, String>>) -> Response {
    if !authorized(&h) {
        return AxStatus::UNAUTHORIZED.into_response();
    }
    let filter = &q["$filter"];
    let email = filter
        .split('\'')
        .nth(1)
        .expect("a quoted address in the filter")
        .to_string();
    assert_eq!(
        filter,
        &format!("mail eq '{email}' or userPrincipalName eq '{email}'")
    );
    let found = if email.starts_with("ghost") {
        json!([])
    } else {
        json!([{"id": format!("user-{email}")}])
    };
    axum::Json(json!({"value": found})).into_response()
}

async fn photo(
    State(g): State<Arc<Graph>>,
    Path(user): Path<String>,
    h: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    {
        let mut fail = g.fail_next.lock().unwrap();
        if *fail > 0 {
            *fail -= 1;
            return AxStatus::SERVICE_UNAVAILABLE.into_response();
        }
    }
    if !authorized(&h) {
        return AxStatus::UNAUTHORIZED.into_response();
    }
    if body.len() > 4 * 1024 * 1024 {
        return AxStatus::PAYLOAD_TOO_LARGE.into_response();
    }
    g.uploads.lock().unwrap().push(Upload {
        user,
        authorization: h["authorization"].to_str().unwrap().into(),
        content_type: h["content-type"].to_str().unwrap().into(),
        jpeg: body.to_vec(),
    });
    AxStatus::OK.into_response()
}

const GOOGLE_CODE: &str = "google-consent-code";
const GOOGLE_REFRESH: &str = "google-refresh-token";
const GOOGLE_ACCESS: &str = "google-access-token";

async fn google_consent(Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["response_type"], "code");
    assert_eq!(q["access_type"], "offline");
    assert!(
        q["scope"]
            .split(' ')
            .any(|s| s == "https://www.googleapis.com/auth/admin.directory.user")
    );
    let mut back = url::Url::parse(&q["redirect_uri"]).unwrap();
    back.query_pairs_mut()
        .append_pair("code", GOOGLE_CODE)
        .append_pair("state", &q["state"])
        .append_pair("scope", &q["scope"]);
    Redirect::to(back.as_str()).into_response()
}

async fn google_token(body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let client = form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET);
    let grant = form.get("grant_type").map(String::as_str);
    if client
        && grant == Some("authorization_code")
        && form.get("code").map(String::as_str) == Some(GOOGLE_CODE)
    {
        // An ID token whose payload names the administrator (unsigned here:
        // the application reads it only for display).
        let payload = base64::Engine::encode(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD,
            json!({"email": "admin@acme.test"}).to_string(),
        );
        return axum::Json(json!({
            "access_token": GOOGLE_ACCESS, "expires_in": 3599, "token_type": "Bearer",
            "refresh_token": GOOGLE_REFRESH, "id_token": format!("e30.{payload}.sig"),
            "scope": "https://www.googleapis.com/auth/admin.directory.user openid https://www.googleapis.com/auth/userinfo.email",
        }))
        .into_response();
    }
    if client
        && grant == Some("refresh_token")
        && form.get("refresh_token").map(String::as_str) == Some(GOOGLE_REFRESH)
    {
        return axum::Json(
            json!({"access_token": GOOGLE_ACCESS, "expires_in": 3599, "token_type": "Bearer"}),
        )
        .into_response();
    }
    (
        AxStatus::BAD_REQUEST,
        axum::Json(json!({"error": "invalid_grant", "error_description": "Bad Request"})),
    )
        .into_response()
}

async fn google_photo(
    State(g): State<Arc<Graph>>,
    Path(user): Path<String>,
    h: HeaderMap,
    body: String,
) -> Response {
    if h.get("authorization").and_then(|v| v.to_str().ok())
        != Some(&format!("Bearer {GOOGLE_ACCESS}"))
    {
        return AxStatus::UNAUTHORIZED.into_response();
    }
    if user.starts_with("ghost") {
        return (
            AxStatus::NOT_FOUND,
            axum::Json(json!({"error": {"code": 404, "message": "Resource Not Found: userKey"}})),
        )
            .into_response();
    }
    let sent: serde_json::Value = serde_json::from_str(&body).unwrap();
    g.google.lock().unwrap().push((
        user,
        h["content-type"].to_str().unwrap().into(),
        sent.clone(),
    ));
    axum::Json(json!({"kind": "admin#directory#user#photo", "mimeType": sent["mimeType"]}))
        .into_response()
}

/// The stand-in, on a free port: its base URL and what it received.
async fn graph() -> (String, Arc<Graph>) {
    let g = Arc::new(Graph::default());
    let app = axum::Router::new()
        .route("/organizations/oauth2/v2.0/authorize", get(consent))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/v1.0/users", get(users))
        .route("/v1.0/users/{user}/photo/$value", put(photo))
        .route("/o/oauth2/v2/auth", get(google_consent))
        .route("/token", post(google_token))
        .route(
            "/admin/directory/v1/users/{user}/photos/thumbnail",
            put(google_photo),
        )
        .with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, g)
}

/// An approved headshot of `ghost@acme.test`, whom no directory knows.
async fn approved_ghost(app: &TestApp, team: &Team) -> crate::fixtures::Member {
    let admin = app.staff("admin").await;
    app.grant(team, &admin, 1).await;
    let ghost = json(app.invite(team, "ghost@acme.test").await).await;
    let ghost = crate::fixtures::Member {
        id: ghost["id"].as_str().unwrap().into(),
        secret: secret_of(ghost["member_url"].as_str().unwrap()),
    };
    app.move_invited_to(team, &ghost, HeadshotStatus::Approved)
        .await;
    ghost
}

fn location(r: &reqwest::Response) -> String {
    r.headers()["location"].to_str().unwrap().to_string()
}

#[tokio::test]
async fn approved_headshots_become_entra_profile_photos() {
    let (base, g) = graph().await;
    let app = TestApp::spawn_with(|s| {
        s.entra.app = Some(teamshot::config::photo_push::PushApp {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.to_string().into(),
        });
        s.entra.login_base = base.parse().unwrap();
        s.entra.graph_base = base.parse().unwrap();
    })
    .await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;

    // Connecting: the leader goes to Microsoft's consent page, whose admin
    // consents, and comes back; the answer works once.
    let html = leader.page("/team/integrations").await;
    assert!(html.contains("Connect Microsoft Entra ID"), "{html}");
    let r = leader.post("/team/integrations/entra/connect", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let consent_url = location(&r);
    assert!(
        consent_url.starts_with(&format!("{base}organizations/oauth2/v2.0/authorize?")),
        "{consent_url}"
    );
    let r = browser().get(&consent_url).send().await.unwrap();
    let back = location(&r);
    assert!(
        back.starts_with(&format!("{}/integrations/entra/callback?", app.base)),
        "{back}"
    );
    // Someone else's browser neither finishes nor spends it; an address
    // naming a tenant (not a code) proves nothing.
    let stranger = PageClient::leader_now(&app, &app.team().await).await;
    let r = stranger.client.get(&back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    let state = url::Url::parse(&back)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .unwrap()
        .1
        .to_string();
    let forged = format!(
        "{}/integrations/entra/callback?state={state}&tenant={TENANT}&admin_consent=True",
        app.base
    );
    let r = leader.client.get(&forged).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert!(r.text().await.unwrap().contains("no authorisation code"));
    let r = leader.post("/team/integrations/entra/connect", &[]).await;
    let back = location(&browser().get(location(&r)).send().await.unwrap());
    let html = leader
        .client
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Connected Microsoft Entra ID"), "{html}");
    let r = leader.client.get(&back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST, "used once");
    let list = json(app.get(&team.token, "/team/integrations").await).await;
    assert_eq!(list["items"][0]["connected"], json!(true), "{list}");
    assert_eq!(list["items"][0]["account"], json!(TENANT));

    // An approval pushes the member's photo: a square JPEG of 648 px, with
    // the app's token, as the member's directory user.
    let m = app.headshot_at(&team, HeadshotStatus::Approved).await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(h["profile_photos"][0]["state"], json!("waiting"), "{h}");
    app.run_jobs().await;
    let email = h["member"]["email"].as_str().unwrap().to_string();
    let uploads = g.uploads.lock().unwrap().clone();
    assert_eq!(uploads.len(), 1);
    let u = &uploads[0];
    assert_eq!(u.user, format!("user-{email}"));
    assert_eq!(u.authorization, format!("Bearer {TOKEN}"));
    assert_eq!(u.content_type, "image/jpeg");
    let picture = image::load_from_memory_with_format(&u.jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((picture.width(), picture.height()), (648, 648));
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(h["profile_photos"][0]["state"], json!("pushed"), "{h}");
    assert!(leader.page("/team").await.contains("pushed to Entra ID ✓"));

    // Nobody with the address in the directory: said, not retried.
    let ghost = approved_ghost(&app, &team).await;
    app.run_jobs().await;
    let h = json(
        app.get(&team.token, &format!("/headshots/{}", ghost.id))
            .await,
    )
    .await;
    assert_eq!(h["profile_photos"][0]["state"], json!("no_account"), "{h}");
    assert!(leader.page("/team").await.contains("not in Entra ID"));

    // A service that does not answer is tried again, like a webhook.
    *g.fail_next.lock().unwrap() = 1;
    let m2 = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m2.id)).await).await;
    assert_eq!(h["profile_photos"][0]["state"], json!("retrying"), "{h}");
    assert!(
        h["profile_photos"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("503"),
        "{h}"
    );
    app.clock.advance(jiff::SignedDuration::from_secs(61));
    app.run_jobs().await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m2.id)).await).await;
    assert_eq!(h["profile_photos"][0]["state"], json!("pushed"), "{h}");
    assert_eq!(g.uploads.lock().unwrap().len(), 2);

    // Disconnected (twice): later approvals are not pushed.
    for _ in 0..2 {
        let r = app.delete(&team.token, "/team/integrations/entra").await;
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }
    let m3 = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m3.id)).await).await;
    assert_eq!(h["profile_photos"], json!([]), "{h}");
    assert_eq!(g.uploads.lock().unwrap().len(), 2);
    app.finish().await;
}

#[tokio::test]
async fn a_service_the_studio_has_not_set_up_cannot_be_connected() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;
    assert!(
        leader
            .page("/team/integrations")
            .await
            .contains("Not offered yet")
    );
    let r = leader.post("/team/integrations/entra/connect", &[]).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let r = leader.post("/team/integrations/nowhere/connect", &[]).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // The share link does not manage the team's services.
    let share = team.share_url.rsplit('/').next().unwrap().to_string();
    let r = browser()
        .get(format!("{}/d/{share}/integrations", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "it may look");
    app.finish().await;
}

#[tokio::test]
async fn approved_headshots_become_google_workspace_photos() {
    let (base, g) = graph().await;
    let app = TestApp::spawn_with(|s| {
        s.google.app = Some(teamshot::config::photo_push::PushApp {
            client_id: CLIENT_ID.into(),
            client_secret: CLIENT_SECRET.to_string().into(),
        });
        s.google.accounts_base = base.parse().unwrap();
        s.google.oauth_base = base.parse().unwrap();
        s.google.api_base = base.parse().unwrap();
    })
    .await;
    let team = app.team().await;
    let leader = PageClient::leader_now(&app, &team).await;
    let r = leader.post("/team/integrations/google/connect", &[]).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let consent_url = location(&r);
    assert!(
        consent_url.starts_with(&format!("{base}o/oauth2/v2/auth?")),
        "{consent_url}"
    );
    let back = location(&browser().get(&consent_url).send().await.unwrap());
    assert!(
        back.starts_with(&format!("{}/integrations/google/callback?", app.base)),
        "{back}"
    );
    let html = leader
        .client
        .get(&back)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Connected Google Workspace"), "{html}");
    let list = json(app.get(&team.token, "/team/integrations").await).await;
    let google = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["provider"] == "google")
        .unwrap()
        .clone();
    assert_eq!(google["account"], json!("admin@acme.test"), "{list}");
    let sealed: Option<String> = sqlx::query_scalar("SELECT secret_sealed FROM push_connections")
        .fetch_one(&app.svc.db.pool)
        .await
        .unwrap();
    assert!(
        !sealed.unwrap().contains(GOOGLE_REFRESH),
        "the refresh token is sealed at rest"
    );

    let m = app.headshot_at(&team, HeadshotStatus::Approved).await;
    app.run_jobs().await;
    let h = json(app.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
    assert_eq!(h["profile_photos"][0]["state"], json!("pushed"), "{h}");
    let sent = g.google.lock().unwrap().clone();
    assert_eq!(sent.len(), 1);
    let (user, content_type, body) = &sent[0];
    assert_eq!(user, h["member"]["email"].as_str().unwrap());
    assert!(
        content_type.starts_with("application/json"),
        "{content_type}"
    );
    assert_eq!(body["mimeType"], "JPEG");
    assert_eq!(
        (body["width"].clone(), body["height"].clone()),
        (json!(648), json!(648))
    );
    let data = body["photoData"].as_str().unwrap();
    assert!(
        !data.contains('+') && !data.contains('/'),
        "web-safe base64"
    );
    let jpeg =
        base64::Engine::decode(&base64::engine::general_purpose::URL_SAFE_NO_PAD, data).unwrap();
    let picture = image::load_from_memory_with_format(&jpeg, image::ImageFormat::Jpeg).unwrap();
    assert_eq!((picture.width(), picture.height()), (648, 648));
    assert!(leader.page("/team").await.contains("pushed to Google ✓"));

    // Not in the Workspace domain: said, not retried.
    let ghost = approved_ghost(&app, &team).await;
    app.run_jobs().await;
    let h = json(
        app.get(&team.token, &format!("/headshots/{}", ghost.id))
            .await,
    )
    .await;
    assert_eq!(h["profile_photos"][0]["state"], json!("no_account"), "{h}");
    app.finish().await;
}
