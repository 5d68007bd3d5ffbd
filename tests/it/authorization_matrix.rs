//! Every API route, taken from the router itself, against every kind of
//! caller. A route without an entry in `audience` fails the test: whoever
//! adds a route says who may call it, and this checks that it holds.
//!
//! Callers: nobody, the member of a headshot of team A and of team B, team A's
//! and team B's API tokens, each staff role, a deactivated staff member's
//! token and a revoked team token. Object ids in paths belong to team A (or
//! the studio), fresh for each route, so one route's effects cannot change
//! another's answer.

use crate::helpers::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Caller {
    Nobody,
    MemberA,
    MemberB,
    TeamA,
    TeamB,
    Admin,
    Qc,
    Retoucher,
    Success,
    Deactivated,
    Revoked,
}

const CALLERS: [Caller; 11] = [
    Caller::Nobody,
    Caller::MemberA,
    Caller::MemberB,
    Caller::TeamA,
    Caller::TeamB,
    Caller::Admin,
    Caller::Qc,
    Caller::Retoucher,
    Caller::Success,
    Caller::Deactivated,
    Caller::Revoked,
];

/// Who may call a route.
#[derive(Debug, Clone, Copy)]
enum Audience {
    /// Anyone (the answer depends on a signature or nothing at all).
    Public,
    /// The team's tokens (another team's token sees only its own team:
    /// 404 for team A's objects).
    Team,
    /// The team's tokens, and studio staff of any role (who see every team).
    TeamOrStaff,
    /// The team's tokens and the studio's admins (other staff: 403), for
    /// the team's invoices.
    TeamOrAdmin,
    /// A leader's decision on a headshot: staff see the headshot but may not
    /// decide for the team (403).
    TeamDecision,
    /// The member of one headshot (each member their own).
    Member,
    /// Staff with one of these roles; admins everything.
    Staff(&'static [&'static str]),
    /// Any staff member (for their own things).
    AnyStaff,
}

/// What a cell must answer: allowed (anything but 401/403/404/405), or
/// refused with exactly this status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    Refused(u16),
}

fn staff_role(c: Caller) -> Option<&'static str> {
    match c {
        Caller::Admin => Some("admin"),
        Caller::Qc => Some("qc"),
        Caller::Retoucher => Some("retoucher"),
        Caller::Success => Some("success"),
        _ => None,
    }
}

fn expect(aud: Audience, c: Caller, team_object: bool) -> Expect {
    use Caller::*;
    if matches!(c, Nobody | Deactivated | Revoked) {
        return match aud {
            Audience::Public => Expect::Allowed,
            _ => Expect::Refused(401),
        };
    }
    match aud {
        Audience::Public => Expect::Allowed,
        Audience::Team | Audience::TeamOrStaff => match c {
            TeamA => Expect::Allowed,
            TeamB if team_object => Expect::Refused(404),
            TeamB => Expect::Allowed,
            _ if matches!(aud, Audience::TeamOrStaff) && staff_role(c).is_some() => Expect::Allowed,
            _ => Expect::Refused(404),
        },
        Audience::TeamOrAdmin => match c {
            TeamA | Admin => Expect::Allowed,
            _ if staff_role(c).is_some() => Expect::Refused(403),
            _ => Expect::Refused(404),
        },
        Audience::Member => match c {
            MemberA | MemberB => Expect::Allowed,
            _ => Expect::Refused(404),
        },
        Audience::TeamDecision => match c {
            TeamA => Expect::Allowed,
            _ if staff_role(c).is_some() => Expect::Refused(403),
            _ => Expect::Refused(404),
        },
        Audience::Staff(roles) => match staff_role(c) {
            Some(have) if have == "admin" || roles.contains(&have) => Expect::Allowed,
            Some(_) => Expect::Refused(403),
            None => Expect::Refused(404),
        },
        Audience::AnyStaff => match staff_role(c) {
            Some(_) => Expect::Allowed,
            None => Expect::Refused(404),
        },
    }
}

/// Who may call `method path`, and a body that passes validation (so the
/// answer shows the rights, not a missing field).
fn audience(method: &Method, path: &str) -> Option<(Audience, Value)> {
    use Audience::*;
    let m = method.as_str();
    let none = Value::Null;
    Some(match (m, path.trim_start_matches("/api/v1")) {
        ("GET", "/team") | ("GET", "/headshots") | ("GET", "/headshots/export.csv") => (Team, none),
        ("GET", "/headshots/approved.zip") | ("GET", "/ledger") | ("GET", "/payments") => {
            (Team, none)
        }
        ("POST", "/headshots") => (
            Team,
            json!({"first_name": "Ann", "last_name": "Lee", "email": "ann@acme.test", "due_date": "2026-03-20"}),
        ),
        ("POST", "/headshots/import") => (Team, json!("csv")),
        // Lists of ids in a body: another team's ids are per-item errors ("no
        // such headshot"), checked below.
        ("POST", "/headshots/bulk") => (Team, json!({"action": "remind", "ids": ["{hids}"]})),
        ("POST", "/headshots/{id}/remind") => (Team, none),
        ("POST", "/headshots/{id}/send-invite") => (Team, none),
        ("POST", "/headshots/send-invites") => (Team, none),
        ("POST", "/share-link") | ("DELETE", "/share-link") => (Team, none),
        ("GET", "/headshots/{id}") => (TeamOrStaff, none),
        ("PATCH", "/headshots/{id}") => (Team, json!({"due_date": "2026-03-27"})),
        ("DELETE", "/headshots/{id}") => (Team, none),
        ("POST", "/headshots/{id}/move-forward") | ("POST", "/headshots/{id}/approve") => {
            (TeamDecision, none)
        }
        ("POST", "/headshots/{id}/re-edit") => (TeamDecision, json!({"notes": "Brighter, please"})),
        ("GET", "/headshots/{id}/files") => (TeamOrStaff, none),
        // Unconfirmed (422 once allowed): the matrix checks who may ask,
        // without erasing what later cells use.
        ("GET", "/headshots/{id}/personal-data") => (Team, none),
        ("POST", "/headshots/{id}/erase") => (Team, json!({})),
        ("PUT", "/headshots/{id}/intake") => (Team, json!({"values": {}})),
        ("GET", "/team/sso") | ("DELETE", "/team/sso") => (Team, none),
        ("GET", "/team/integrations") | ("DELETE", "/team/integrations/{provider}") => (Team, none),
        // No provider answers here: allowed callers get 422 from the
        // discovery check (tests/it/sso.rs signs in for real).
        ("PUT", "/team/sso") => (
            Team,
            json!({"issuer": "https://127.0.0.1:9", "client_id": "c", "client_secret": "s", "allowed_domains": ["acme.test"]}),
        ),
        ("GET", "/studio/sso") | ("DELETE", "/studio/sso") => (Staff(&[]), none),
        ("PUT", "/studio/sso") => (
            Staff(&[]),
            json!({"issuer": "https://127.0.0.1:9", "client_id": "c", "client_secret": "s", "allowed_domains": ["studio.test"]}),
        ),
        ("GET", "/team/intake") => (Team, none),
        ("PUT", "/team/intake") => (Team, json!({"fields": []})),
        ("PUT", "/me/intake") => (Member, json!({"values": {}})),
        ("POST", "/headshots/{id}/photo") | ("POST", "/headshots/{id}/redo") => {
            (TeamDecision, json!("multipart:photo"))
        }
        ("POST", "/headshots/{id}/expedite") => (Team, none),
        ("GET", "/credits/quote") => (Team, none),
        ("POST", "/credits/purchase") => (Team, json!({"quantity": 5})),
        ("GET", "/styles") => (Team, none),
        ("GET", "/styles/{id}/sample") => (Team, none),
        ("POST", "/styles") => (
            Team,
            json!({"name": "Plain", "background_id": "bg-white", "shape": "square"}),
        ),
        ("GET", "/team/preferences") => (Team, none),
        ("PATCH", "/team") => (Team, json!({"members_may_spend": false})),
        ("GET", "/spend-requests") => (Team, none),
        ("POST", "/spend-requests/{id}/approve") | ("POST", "/spend-requests/{id}/decline") => {
            (Team, none)
        }
        ("PUT", "/team/preferences") => (Team, json!({"qc_reasons": []})),
        ("PUT", "/team/default-style") => (Team, json!({"style_id": "{style}"})),
        ("GET", "/backgrounds") => (Team, none),
        ("POST", "/backgrounds") => (Team, json!("multipart:file")),
        ("POST", "/backgrounds/{id}/unlock") => (Team, none),
        ("GET", "/leaders") => (Team, none),
        ("POST", "/leaders") => (Team, json!({"name": "Bo", "email": "bo@acme.test"})),
        ("DELETE", "/leaders/{id}") => (Team, none),
        ("PUT", "/leaders/{id}/department") => (Team, json!({"department_id": null})),
        ("PUT", "/headshots/{id}/department") => (Team, json!({"department_id": null})),
        ("GET", "/departments") => (Team, none),
        ("POST", "/departments") => (Team, json!({"name": "Design", "allowance": 10})),
        ("GET", "/departments/{id}") | ("DELETE", "/departments/{id}") => (Team, none),
        ("PUT", "/departments/{id}") => (Team, json!({"name": "Design renamed"})),
        ("GET", "/team/tokens") => (Team, none),
        ("POST", "/team/tokens") => (Team, json!({"name": "HR system"})),
        ("DELETE", "/team/tokens/{id}") => (Team, none),
        ("GET", "/invite-links") => (Team, none),
        ("POST", "/invite-links") => (
            Team,
            json!({"domains": ["acme.test"], "cap": 5, "expires_at": "2026-03-20", "due_date": "2026-03-30"}),
        ),
        ("DELETE", "/invite-links/{id}") => (Team, none),
        ("GET", "/webhooks") => (Team, none),
        ("POST", "/webhooks") => (
            Team,
            json!({"url": "{hook}", "events": ["headshot.status_changed"]}),
        ),
        ("DELETE", "/webhooks/{id}") | ("GET", "/webhooks/{id}/deliveries") => (Team, none),
        ("GET", "/support-requests") => (Team, none),
        ("POST", "/support-requests") => (Team, json!({"kind": "other", "message": "Hello"})),
        ("GET", "/audit") => (Team, none),
        ("GET", "/custom-backgrounds") => (Team, none),
        ("POST", "/custom-backgrounds") => (Team, json!("multipart:references")),
        ("POST", "/custom-backgrounds/{id}/approve") => (Team, json!({"mockup_id": "x"})),
        ("GET", "/resizes") => (Team, none),
        ("POST", "/resizes") => (
            Team,
            json!({"headshot_ids": ["{hids}"], "width": 800, "height": 800, "format": "jpeg"}),
        ),
        ("GET", "/me") | ("GET", "/me/files") | ("GET", "/me/personal-data") => (Member, none),
        ("POST", "/me/erase") => (Member, json!({})),
        ("POST", "/me/photo") | ("POST", "/me/redo") => (Member, json!("multipart:photo")),
        ("POST", "/me/approve") => (Member, none),
        ("POST", "/me/re-edit") => (Member, json!({"notes": "Brighter"})),
        ("POST", "/stripe/webhook") => (Public, none),
        // (Asked with ?stage=quality_check: the QC queue.)
        ("GET", "/studio/queue") => (Staff(&["qc"]), none),
        ("GET", "/studio/qc-reasons") => (Staff(&["qc"]), none),
        ("GET", "/studio/headshots/{id}/photo")
        | ("GET", "/studio/headshots/{id}/draft-cutout") => (Staff(&["qc", "retoucher"]), none),
        ("POST", "/studio/headshots/{id}/quality-check") => {
            (Staff(&["qc"]), json!({"decision": "pass"}))
        }
        ("POST", "/studio/headshots/{id}/claim") | ("POST", "/studio/headshots/{id}/release") => {
            (Staff(&["retoucher"]), none)
        }
        ("POST", "/studio/headshots/{id}/deliver") => {
            (Staff(&["retoucher"]), json!("multipart:cutout"))
        }
        ("GET", "/studio/settings") => (Staff(&[]), none),
        ("PUT", "/studio/settings") => (Staff(&[]), json!("settings")),
        ("GET", "/studio/teams") => (Staff(&[]), none),
        ("POST", "/studio/teams") => (
            Staff(&[]),
            json!({"name": "Zed", "leader_email": "z@zed.test", "leader_name": "Zo"}),
        ),
        ("POST", "/studio/teams/{id}/credits") => (Staff(&[]), json!({"quantity": 1})),
        ("POST", "/studio/bounces") => (Staff(&[]), json!({"email": "gone@acme.test"})),
        ("PUT", "/studio/teams/{id}/rate") => (Staff(&[]), json!({"unit_price_cents": 3000})),
        ("PUT", "/studio/teams/{id}/express") => (Staff(&[]), json!({"enabled": false})),
        ("PUT", "/studio/teams/{id}/success-manager") => (Staff(&[]), json!({"email": ""})),
        ("GET", "/studio/payments") => (Staff(&[]), none),
        ("GET", "/payments/{id}/invoice.pdf") => (TeamOrAdmin, none),
        ("POST", "/studio/payments/{id}/mark-paid") => (Staff(&[]), none),
        ("GET", "/studio/support-requests") => (Staff(&["success"]), none),
        ("POST", "/studio/support-requests/{id}/answer") => {
            (Staff(&["success"]), json!({"message": "Done"}))
        }
        ("PUT", "/studio/support-requests/{id}/status") => {
            (Staff(&["success"]), json!({"status": "resolved"}))
        }
        ("GET", "/studio/custom-backgrounds") => (Staff(&["success"]), none),
        ("POST", "/studio/custom-backgrounds/{id}/mockups") => {
            (Staff(&["success"]), json!("multipart:mockup"))
        }
        ("GET", "/studio/backgrounds") => (Staff(&[]), none),
        ("POST", "/studio/backgrounds") => (Staff(&[]), json!("multipart:image")),
        ("PATCH", "/studio/backgrounds/{id}") => (
            Staff(&[]),
            json!({"name": "Lobby", "position": 0, "free": true}),
        ),
        ("GET", "/studio/staff") => (Staff(&[]), none),
        ("POST", "/studio/headshots/{id}/cancel") => (
            Staff(&["success"]),
            json!({"reason": "Left the company", "return_credit": true}),
        ),
        ("POST", "/studio/staff") => (
            Staff(&[]),
            json!({"email": "new-hire@studio.test", "name": "New Hire", "role": "qc"}),
        ),
        ("PATCH", "/studio/staff/{id}") => (Staff(&[]), json!({"role": "retoucher"})),
        ("POST", "/studio/staff/{id}/deactivate") | ("POST", "/studio/staff/{id}/reactivate") => {
            (Staff(&[]), none)
        }
        ("GET", "/studio/audit") => (Staff(&[]), none),
        ("GET", "/studio/reports") => (Staff(&[]), none),
        ("GET", "/studio/reports/{file}") => (Staff(&[]), none),
        ("GET", "/studio/jobs/dead") => (Staff(&[]), none),
        ("POST", "/studio/jobs/dead/retry") => (Staff(&[]), json!({})),
        ("GET", "/studio/tokens") => (AnyStaff, none),
        ("POST", "/studio/tokens") => (AnyStaff, json!({"name": "script"})),
        ("DELETE", "/studio/tokens/{id}") => (AnyStaff, none),
        _ => return None,
    })
}

struct Fixture {
    team_a: Team,
    team_b: Team,
    member_a: String,
    member_b: String,
    staff: Vec<(Caller, String, String)>,
    deactivated: String,
    revoked: String,
    /// The studio settings as they are (a valid body for saving them).
    settings: Value,
    hook: String,
    /// A style of team A.
    style: String,
}

impl Fixture {
    async fn new(app: &TestApp, hook: &str) -> Self {
        let (_, admin) = app.staff_account("admin").await;
        let mut staff = vec![(Caller::Admin, admin.api_token.clone(), admin.id.clone())];
        for (c, role) in [
            (Caller::Qc, "qc"),
            (Caller::Retoucher, "retoucher"),
            (Caller::Success, "success"),
        ] {
            let (_, s) = app.staff_account(role).await;
            staff.push((c, s.api_token, s.id));
        }
        let (_, gone) = app.staff_account("admin").await;
        let r = app
            .post(
                &admin.api_token,
                &format!("/studio/staff/{}/deactivate", gone.id),
            )
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        let team_a = app.team().await;
        let team_b = app.team().await;
        app.grant(&team_a, &admin.api_token, 500).await;
        app.grant(&team_b, &admin.api_token, 5).await;
        let member = |team: &Team, email: &str| {
            let (app, team, email) = (app, team.token.clone(), email.to_string());
            async move {
                let body = json!({"first_name": "Mo", "last_name": "Ng", "email": email, "due_date": "2026-03-16"});
                let h = json(app.post_json(&team, "/headshots", body).await).await;
                secret_of(h["member_url"].as_str().unwrap())
            }
        };
        let member_a = member(&team_a, "ma@acme.test").await;
        let member_b = member(&team_b, "mb@acme.test").await;
        let revoked = json(
            app.post_json(&team_a.token, "/team/tokens", json!({"name": "old"}))
                .await,
        )
        .await;
        let r = app
            .client
            .delete(app.api(&format!("/team/tokens/{}", revoked["id"].as_str().unwrap())))
            .bearer_auth(&team_a.token)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
        let style = json(
            app.post_json(
                &team_a.token,
                "/styles",
                json!({"name": "Plain", "background_id": "bg-white", "shape": "square"}),
            )
            .await,
        )
        .await["id"]
            .as_str()
            .unwrap()
            .to_string();
        Self {
            style,
            team_a,
            team_b,
            member_a,
            member_b,
            staff,
            deactivated: gone.api_token,
            revoked: revoked["token"].as_str().unwrap().to_string(),
            settings: json(app.get(&admin.api_token, "/studio/settings").await).await,
            hook: hook.to_string(),
        }
    }

    fn token(&self, c: Caller) -> Option<String> {
        Some(match c {
            Caller::Nobody => return None,
            Caller::MemberA => self.member_a.clone(),
            Caller::MemberB => self.member_b.clone(),
            Caller::TeamA => self.team_a.token.clone(),
            Caller::TeamB => self.team_b.token.clone(),
            Caller::Deactivated => self.deactivated.clone(),
            Caller::Revoked => self.revoked.clone(),
            other => self
                .staff
                .iter()
                .find(|(k, _, _)| *k == other)
                .map(|(_, t, _)| t.clone())?,
        })
    }

    /// A fresh team-A (or studio) object for the path's `{id}`.
    async fn id_for(&self, app: &TestApp, path: &str) -> String {
        let a = &self.team_a.token;
        let p = path.trim_start_matches("/api/v1");
        let id_of = |v: Value| v["id"].as_str().unwrap_or("missing").to_string();
        if p.starts_with("/headshots/") || p.starts_with("/studio/headshots/") {
            let email = format!("{}@acme.test", uuid::Uuid::new_v4().simple());
            let id = id_of(json(app.invite(&self.team_a, &email).await).await);
            if p == "/studio/headshots/{id}/photo" || p == "/studio/headshots/{id}/draft-cutout" {
                let r = app
                    .upload(a, &format!("/headshots/{id}/photo"), "photo", good_photo())
                    .await;
                assert_eq!(r.status(), StatusCode::CREATED);
            }
            return id;
        }
        if p.starts_with("/leaders/") {
            let email = format!("{}@acme.test", uuid::Uuid::new_v4().simple());
            let r = app
                .post_json(a, "/leaders", json!({"name": "Extra", "email": email}))
                .await;
            return id_of(json(r).await);
        }
        if p.starts_with("/departments/") {
            let name = format!("D {}", uuid::Uuid::new_v4().simple());
            return id_of(
                json(
                    app.post_json(a, "/departments", json!({"name": name}))
                        .await,
                )
                .await,
            );
        }
        if p.starts_with("/invite-links/") {
            let body = json!({"domains": ["acme.test"], "cap": 5, "expires_at": "2026-03-20", "due_date": "2026-03-30"});
            return id_of(json(app.post_json(a, "/invite-links", body).await).await);
        }
        if p.starts_with("/team/tokens/") {
            return id_of(json(app.post_json(a, "/team/tokens", json!({"name": "x"})).await).await);
        }
        if p.starts_with("/studio/tokens/") {
            // The QC member's own token: they and admins may revoke it.
            let qc = self.token(Caller::Qc).unwrap();
            return id_of(
                json(
                    app.post_json(&qc, "/studio/tokens", json!({"name": "x"}))
                        .await,
                )
                .await,
            );
        }
        if p.starts_with("/webhooks/") {
            let body = json!({"url": self.hook, "events": ["headshot.status_changed"]});
            return id_of(json(app.post_json(a, "/webhooks", body).await).await);
        }
        if p.starts_with("/studio/teams/") {
            return self.team_a.id.clone();
        }
        if p.starts_with("/studio/payments/") || p.starts_with("/payments/") {
            let r = app
                .post_json(a, "/credits/purchase", json!({"quantity": 1}))
                .await;
            return json(r).await["payment"]["id"].as_str().unwrap().to_string();
        }
        if p.starts_with("/studio/support-requests/") {
            let r = app
                .post_json(
                    a,
                    "/support-requests",
                    json!({"kind": "other", "message": "Hi"}),
                )
                .await;
            return id_of(json(r).await);
        }
        if p.starts_with("/studio/staff/") {
            let (_, s) = app.staff_account("qc").await;
            return s.id;
        }
        // Objects made through uploads (library backgrounds, custom
        // background requests): an id nobody has, so only the refusals
        // (401/403, or 404 for the wrong kind of caller) are checked.
        "00000000-0000-0000-0000-000000000000".into()
    }
}

/// The query a route needs to get past reading its parameters.
fn query_for(path: &str) -> &'static str {
    match path.trim_start_matches("/api/v1") {
        "/credits/quote" => "?quantity=1",
        "/studio/queue" => "?stage=quality_check",
        _ => "",
    }
}

/// A tiny PNG, for routes that take a file: enough to reach the rights
/// check (the allowed callers then hear what is wrong with the picture).
fn tiny_png() -> Vec<u8> {
    use image::ImageEncoder;
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&[200, 200, 200], 1, 1, image::ExtendedColorType::Rgb8)
        .unwrap();
    out
}

/// `body`: JSON, or `"csv"`, `"multipart:<field>"`, `"settings"`.
async fn call(
    app: &TestApp,
    method: &Method,
    path: &str,
    token: Option<&str>,
    body: &Value,
    settings: &Value,
) -> StatusCode {
    let mut req = app
        .client
        .request(method.clone(), format!("{}{path}", app.base));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    req = match body.as_str() {
        Some("csv") => req
            .header("content-type", "text/csv")
            .body("first_name,last_name,email,due_date\n"),
        Some("settings") => req.json(settings),
        Some(kind) if kind.starts_with("multipart:") => {
            let field = kind.trim_start_matches("multipart:").to_string();
            let part = reqwest::multipart::Part::bytes(tiny_png()).file_name("p.png");
            req.multipart(reqwest::multipart::Form::new().part(field, part))
        }
        _ if body.is_null() => req,
        _ => req.json(body),
    };
    req.send().await.unwrap().status()
}

#[tokio::test]
async fn every_api_route_answers_each_caller_as_its_audience_says() {
    // Webhook deliveries the calls cause go to a receiver that says 200.
    let receiver = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let hook = format!("http://{}/hook", receiver.local_addr().unwrap());
    tokio::spawn(async move {
        let app = axum::Router::new().route("/hook", axum::routing::post(|| async { "ok" }));
        axum::serve(receiver, app).await.unwrap()
    });
    let app = TestApp::spawn_with(|s| s.webhook_allow_private = true).await;
    let fx = Fixture::new(&app, &hook).await;
    let mut paths: Vec<String> = teamshot::http::routes(1_000_000)
        .paths()
        .iter()
        .filter(|p| p.starts_with("/api/v1/"))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    let methods = [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::PATCH,
        Method::DELETE,
    ];
    let mut problems = Vec::new();
    let mut cells = 0;
    let openapi: Value = app
        .client
        .get(format!("{}/api/openapi.json", app.base))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    for path in &paths {
        for method in &methods {
            // Routed methods only: the router answers 405 to the others.
            let probe = call(&app, method, path, None, &Value::Null, &fx.settings).await;
            if probe == StatusCode::METHOD_NOT_ALLOWED {
                continue;
            }
            // The contract: every route is described in the OpenAPI document.
            let described = &openapi["paths"][path.as_str()][method.as_str().to_lowercase()];
            if described.is_null() {
                problems.push(format!("{method} {path}: missing from /api/openapi.json"));
            }
            let Some((aud, body)) = audience(method, path) else {
                problems.push(format!(
                    "{method} {path}: no entry in the matrix; say who may call it"
                ));
                continue;
            };
            let has_id = path.contains("{id}");
            let id = if has_id {
                fx.id_for(&app, path).await
            } else {
                String::new()
            };
            let concrete = format!(
                "{}{}",
                path.replace("{id}", &id)
                    .replace("{file}", "teams.csv")
                    .replace("{provider}", "entra"),
                query_for(path)
            );
            let body: Value =
                serde_json::from_str(&body.to_string().replace("{hook}", &hook)).unwrap();
            // A body naming one of team A's objects makes the call about
            // team A: team B gets 404 for it like for a path id.
            let names_object = body.to_string().contains("{style}");
            let body: Value = if body.to_string().contains("{hids}") || names_object {
                let hid = fx.id_for(&app, "/headshots/{id}").await;
                let text = body
                    .to_string()
                    .replace("{hids}", &hid)
                    .replace("{style}", &fx.style);
                serde_json::from_str(&text).unwrap()
            } else {
                body
            };
            let has_id = has_id || names_object;
            // Refusals first: an allowed call may change what follows
            // (a deleted object answers 404 afterwards).
            let mut order: Vec<Caller> = CALLERS.to_vec();
            order.sort_by_key(|c| expect(aud, *c, has_id) == Expect::Allowed);
            let mut done = false;
            for caller in order {
                let want = expect(aud, caller, has_id);
                let token = fx.token(caller);
                let got = call(
                    &app,
                    method,
                    &concrete,
                    token.as_deref(),
                    &body,
                    &fx.settings,
                )
                .await;
                cells += 1;
                let ok = match want {
                    Expect::Refused(code) => got.as_u16() == code,
                    Expect::Allowed => {
                        let refused = matches!(got.as_u16(), 401 | 403 | 405)
                            || (got == StatusCode::NOT_FOUND
                                // A second caller finds a deleted or
                                // cancelled object gone.
                                && !(done
                                    && (*method == Method::DELETE || path.ends_with("/cancel")))
                                && !id.starts_with("00000000"));
                        !refused
                    }
                };
                if want == Expect::Allowed && got.is_success() {
                    done = true;
                }
                if !ok {
                    problems.push(format!(
                        "{method} {path} as {caller:?}: got {got}, expected {want:?}"
                    ));
                }
            }
        }
    }
    assert!(cells > 700, "the matrix covered {cells} cells");
    // Team B naming team A's headshot in a bulk action learns nothing but
    // "no such headshot".
    let a_headshot = fx.id_for(&app, "/headshots/{id}").await;
    let r = app
        .post_json(
            &fx.team_b.token,
            "/headshots/bulk",
            json!({"action": "remind", "ids": [a_headshot]}),
        )
        .await;
    let results = json(r).await;
    assert_eq!(results["results"][0]["ok"], false, "{results}");
    assert!(
        !results.to_string().contains("Mo"),
        "no names of team A: {results}"
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // Leave no job behind: run what the calls queued (webhooks reach the
    // local receiver).
    app.run_jobs().await;
    app.finish().await;
}
