//! Approved headshots set as profile photos in Microsoft Entra ID, against
//! a local server that speaks the documented Microsoft endpoints: the admin
//! consent page (`/organizations/v2.0/adminconsent`, answered at once), the
//! token endpoint (client credentials), Graph's user lookup
//! (`GET /v1.0/users?$filter=`) and photo upload
//! (`PUT /v1.0/users/{id}/photo/$value`: bearer token, `image/jpeg`, at
//! most 4 MB). It records what each request carried.

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
const TENANT: &str = "0b1c2d3e-acme-tenant";
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
    /// The next uploads answered 503.
    fail_next: Mutex<usize>,
}

async fn consent(Query(q): Query<HashMap<String, String>>) -> Response {
    assert_eq!(q["client_id"], CLIENT_ID);
    assert_eq!(q["scope"], "https://graph.microsoft.com/.default");
    // The admin consented: back to the application with the tenant.
    let mut back = url::Url::parse(&q["redirect_uri"]).unwrap();
    back.query_pairs_mut()
        .append_pair("admin_consent", "True")
        .append_pair("tenant", TENANT)
        .append_pair("state", &q["state"]);
    Redirect::to(back.as_str()).into_response()
}

async fn token(Path(tenant): Path<String>, body: String) -> Response {
    let form: HashMap<String, String> = url::form_urlencoded::parse(body.as_bytes())
        .into_owned()
        .collect();
    let ok = tenant == TENANT
        && form.get("client_id").map(String::as_str) == Some(CLIENT_ID)
        && form.get("client_secret").map(String::as_str) == Some(CLIENT_SECRET)
        && form.get("grant_type").map(String::as_str) == Some("client_credentials")
        && form.get("scope").map(String::as_str) == Some("https://graph.microsoft.com/.default");
    if !ok {
        return (
            AxStatus::BAD_REQUEST,
            axum::Json(json!({"error": "invalid_request", "error_description": "AADSTS90002: Tenant not found."})),
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

/// The stand-in, on a free port: its base URL and what it received.
async fn graph() -> (String, Arc<Graph>) {
    let g = Arc::new(Graph::default());
    let app = axum::Router::new()
        .route("/organizations/v2.0/adminconsent", get(consent))
        .route("/{tenant}/oauth2/v2.0/token", post(token))
        .route("/v1.0/users", get(users))
        .route("/v1.0/users/{user}/photo/$value", put(photo))
        .with_state(g.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (base, g)
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
        consent_url.starts_with(&format!("{base}organizations/v2.0/adminconsent?")),
        "{consent_url}"
    );
    let r = browser().get(&consent_url).send().await.unwrap();
    let back = location(&r);
    assert!(
        back.starts_with(&format!("{}/integrations/entra/callback?", app.base)),
        "{back}"
    );
    // Someone else's browser cannot finish it.
    let stranger = PageClient::leader_now(&app, &app.team().await).await;
    let r = stranger.client.get(&back).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
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
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;
    let ghost = json(app.invite(&team, "ghost@acme.test").await).await;
    let ghost = crate::fixtures::Member {
        id: ghost["id"].as_str().unwrap().into(),
        secret: secret_of(ghost["member_url"].as_str().unwrap()),
    };
    app.move_invited_to(&team, &ghost, HeadshotStatus::Approved)
        .await;
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
