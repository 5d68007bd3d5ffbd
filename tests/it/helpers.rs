//! `TestApp`: a real server on port 0 with its own data dir and its own
//! database (SQLite by default; a fresh PostgreSQL database when
//! `TEAMSHOT_TEST_DATABASE_URL` points at a server), a settable clock, and
//! typed helpers. Jobs run only when a test asks (`run_jobs`).

use reqwest::{Client, Response, StatusCode};
use serde_json::{Value, json};
use std::sync::Arc;
use teamshot::config::Settings;
use teamshot::services::Services;
use teamshot::services::clock::ManualClock;
use teamshot::startup::Application;
use tokio_util::sync::CancellationToken;

pub use crate::fixtures::{PageClient, wait_until};

/// Tests start on a Monday morning, so dates are predictable.
pub const START: &str = "2026-03-02T09:00:00Z";

pub struct TestApp {
    pub base: String,
    pub svc: Services,
    pub client: Client,
    pub clock: Arc<ManualClock>,
    pub dir: tempfile::TempDir,
    shutdown: CancellationToken,
    pg: Option<(String, String)>,
}

pub struct Team {
    pub id: String,
    pub token: String,
    pub login_url: String,
    pub share_url: String,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(tweak: impl FnOnce(&mut Settings)) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings::for_data_dir(dir.path()).unwrap();
        settings.workers = 0;
        // Seconds of inference per upload: only the cut-out tests turn it on.
        settings.cutouts = false;
        let pg = match std::env::var("TEAMSHOT_TEST_DATABASE_URL") {
            Ok(admin) if !admin.is_empty() => {
                let name = format!("t_{}", uuid::Uuid::new_v4().simple());
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                    .await
                    .unwrap();
                sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
                    .execute(&mut conn)
                    .await
                    .unwrap();
                let mut url = url::Url::parse(&admin).unwrap();
                url.set_path(&format!("/{name}"));
                settings.database_url = url.to_string().into();
                Some((admin, name))
            }
            _ => None,
        };
        // A real S3-compatible server when the test run provides one: each
        // test under its own prefix of the shared bucket.
        if let Ok(endpoint) = std::env::var("TEAMSHOT_TEST_S3_ENDPOINT")
            && !endpoint.is_empty()
        {
            settings.storage_url = format!("s3://teamshot-test/{}", uuid::Uuid::new_v4().simple())
                .parse()
                .unwrap();
            settings.s3 = teamshot::config::S3Settings {
                endpoint: Some(endpoint),
                region: Some("us-east-1".into()),
                access_key_id: Some("test".into()),
                secret_access_key: Some("test".to_string().into()),
            };
        }
        tweak(&mut settings);
        // Job runners only when a test asks for them (`settings.workers`);
        // the others run jobs one at a time with `run_jobs`.
        let workers = settings.workers;
        let clock = Arc::new(ManualClock::new(START.parse().unwrap()));
        let app = Application::build_with_clock(settings, clock.clone())
            .await
            .unwrap();
        let base = format!("http://{}", app.local_addr());
        let svc = app.services.clone();
        let shutdown = CancellationToken::new();
        tokio::spawn(app.run(workers, shutdown.clone()));
        let client = Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .unwrap();
        Self {
            base,
            svc,
            client,
            clock,
            dir,
            shutdown,
            pg,
        }
    }

    pub fn api(&self, path: &str) -> String {
        format!("{}/api/v1{path}", self.base)
    }

    pub async fn staff(&self, role: &str) -> String {
        self.staff_account(role).await.1.api_token
    }

    /// A staff account: its email, and its id, first API token and password.
    pub async fn staff_account(
        &self,
        role: &str,
    ) -> (String, teamshot::services::staff::StaffCreated) {
        let email = format!("{role}-{}@studio.test", uuid::Uuid::new_v4().simple());
        let role = teamshot::domain::StaffRole::parse(role).unwrap();
        let created = self
            .svc
            .create_staff(&email, "Staff Person", role)
            .await
            .unwrap();
        (email, created)
    }

    pub async fn team(&self) -> Team {
        let input = teamshot::services::teams::NewTeam {
            name: "Acme".into(),
            leader_email: format!("lead-{}@acme.test", uuid::Uuid::new_v4().simple()),
            leader_name: "Lee Leader".into(),
            timezone: Some("Europe/Paris".into()),
            language: None,
        };
        let t = self
            .svc
            .create_team(teamshot::services::teams::Creator::Operator, input)
            .await
            .unwrap();
        // The first leader's welcome email goes out, as a server's workers
        // would send it.
        self.run_jobs().await;
        Team {
            id: t.team_id,
            token: t.api_token,
            login_url: t.leader_login_url.expect("a new leader's link"),
            share_url: t.share_url,
        }
    }

    pub async fn grant(&self, team: &Team, admin: &str, n: i64) {
        let r = self
            .post_json(
                admin,
                &format!("/studio/teams/{}/credits", team.id),
                json!({"quantity": n}),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }

    pub async fn post_json(&self, token: &str, path: &str, body: Value) -> Response {
        self.client
            .post(self.api(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Invites `n` members "P{i} Member" by one CSV import (the team needs
    /// the credits).
    pub async fn invite_many(&self, team: &Team, n: usize) {
        let mut csv = String::from("first_name,last_name,email\n");
        for i in 0..n {
            csv.push_str(&format!("P{i},Member,p{i}@acme.test\n"));
        }
        let r = self
            .client
            .post(self.api("/headshots/import"))
            .bearer_auth(&team.token)
            .body(csv)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }

    pub async fn put_json(&self, token: &str, path: &str, body: Value) -> Response {
        self.client
            .put(self.api(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    /// Changes the studio's settings through the API, as an admin would:
    /// reads them, lets `change` edit the document, saves it.
    pub async fn change_studio_settings(&self, admin: &str, change: impl FnOnce(&mut Value)) {
        let mut settings = json(self.get(admin, "/studio/settings").await).await;
        change(&mut settings);
        let r = self.put_json(admin, "/studio/settings", settings).await;
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    }

    pub async fn patch_json(&self, token: &str, path: &str, body: Value) -> Response {
        self.client
            .patch(self.api(path))
            .bearer_auth(token)
            .json(&body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, token: &str, path: &str) -> Response {
        self.client
            .delete(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    /// The team's credits available now.
    pub async fn available(&self, team: &Team) -> i64 {
        json(self.get(&team.token, "/team").await).await["credits"]["available"]
            .as_i64()
            .unwrap()
    }

    pub async fn post(&self, token: &str, path: &str) -> Response {
        self.client
            .post(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, token: &str, path: &str) -> Response {
        self.client
            .get(self.api(path))
            .bearer_auth(token)
            .send()
            .await
            .unwrap()
    }

    pub async fn upload(&self, token: &str, path: &str, field: &str, data: Vec<u8>) -> Response {
        let part = reqwest::multipart::Part::bytes(data).file_name("photo.jpg");
        let form = reqwest::multipart::Form::new().part(field.to_string(), part);
        self.client
            .post(self.api(path))
            .bearer_auth(token)
            .multipart(form)
            .send()
            .await
            .unwrap()
    }

    /// Invite with a due date two weeks after the test clock's today.
    pub async fn invite(&self, team: &Team, email: &str) -> Response {
        let body = json!({"first_name": "Ana", "last_name": "Silva", "email": email, "due_date": "2026-03-16"});
        self.post_json(&team.token, "/headshots", body).await
    }

    pub async fn run_jobs(&self) -> usize {
        teamshot::jobs::run_until_idle(&self.svc).await.unwrap()
    }

    pub async fn emails(&self) -> Vec<teamshot::email::outbox::OutboxEntry> {
        teamshot::email::outbox::list(&self.svc.settings.outbox_dir())
            .await
            .unwrap()
    }

    /// The emails sent to `to`, oldest first.
    pub async fn emails_to(&self, to: &str) -> Vec<teamshot::email::outbox::OutboxEntry> {
        let mut mails = self.emails().await;
        mails.retain(|m| m.to == to);
        mails
    }

    pub async fn pending_jobs(&self) -> i64 {
        teamshot::db::jobs::pending_count(&self.svc.db.pool)
            .await
            .unwrap()
    }

    /// Stops the server and its job runners: for a test that leaves work
    /// queued on purpose, to clear it before `finish`.
    pub fn stop(&self) {
        self.shutdown.cancel();
    }

    /// Ends a test: every queued job must have been run. Drops the test's
    /// PostgreSQL database.
    pub async fn finish(mut self) {
        let left: Vec<(String, String, Option<String>)> =
            sqlx::query_as("SELECT kind, payload, last_error FROM jobs WHERE dead_at IS NULL")
                .fetch_all(&self.svc.db.pool)
                .await
                .unwrap();
        assert!(left.is_empty(), "the test left jobs queued: {left:?}");
        self.shutdown.cancel();
        if let Some((admin, name)) = self.pg.take() {
            self.svc.db.pool.close().await;
            drop_database(&admin, &name).await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        self.shutdown.cancel();
        if let Some((admin, name)) = self.pg.take() {
            // A test that failed before `finish`: drop its database from a
            // separate runtime (Drop is sync; FORCE ends the open connections).
            std::thread::spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .unwrap();
                rt.block_on(drop_database(&admin, &name));
            })
            .join()
            .ok();
        }
    }
}

async fn drop_database(admin: &str, name: &str) {
    if let Ok(mut c) = <sqlx::PgConnection as sqlx::Connection>::connect(admin).await {
        let drop = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(drop))
            .execute(&mut c)
            .await;
    }
}

pub fn photo(name: &str) -> Vec<u8> {
    std::fs::read(format!(
        "{}/tests/photos/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// A portrait that passes every upload check: the real astronaut portrait
/// (one face, upper middle) enlarged 2.5× to 1280×1280, as PNG (≈1.5 MB).
/// Made once per test run.
pub fn good_photo() -> Vec<u8> {
    static PHOTO: std::sync::OnceLock<Vec<u8>> = std::sync::OnceLock::new();
    PHOTO
        .get_or_init(|| {
            use image::ImageEncoder;
            let small = image::load_from_memory(&photo("astronaut.png"))
                .unwrap()
                .to_rgb8();
            let big =
                image::imageops::resize(&small, 1280, 1280, image::imageops::FilterType::Lanczos3);
            let mut out = Vec::new();
            image::codecs::png::PngEncoder::new(&mut out)
                .write_image(&big, 1280, 1280, image::ExtendedColorType::Rgb8)
                .unwrap();
            assert!(out.len() > 600_000, "the portrait must pass the size check");
            out
        })
        .clone()
}

/// A real camera JPEG (3648×2736, 4.9 MB, EXIF) without anyone in it.
pub fn landscape_photo() -> Vec<u8> {
    photo("fujifilm_frame0.jpg")
}

/// A cut-out: transparent around an opaque oval, as PNG.
pub fn cutout_png() -> Vec<u8> {
    use image::ImageEncoder;
    let (w, h) = (1200u32, 1500u32);
    let img = image::RgbaImage::from_fn(w, h, |x, y| {
        let dx = (x as f64 - 600.0) / 400.0;
        let dy = (y as f64 - 700.0) / 550.0;
        if dx * dx + dy * dy <= 1.0 {
            image::Rgba([180, 120, 90, 255])
        } else {
            image::Rgba([0, 0, 0, 0])
        }
    });
    let mut out = Vec::new();
    image::codecs::png::PngEncoder::new(&mut out)
        .write_image(&img, w, h, image::ExtendedColorType::Rgba8)
        .unwrap();
    out
}

pub async fn json(r: Response) -> Value {
    r.json().await.unwrap()
}

/// The secret at the end of a member URL.
pub fn secret_of(url: &str) -> String {
    url.rsplit('/').next().unwrap().to_string()
}

/// A browser-like client: keeps cookies, does not follow redirects.
/// A plain HTTP client (the TLS provider installed first, as `main` does).
pub fn http_client() -> Client {
    teamshot::tls::install_crypto_provider();
    Client::new()
}

pub fn browser() -> Client {
    teamshot::tls::install_crypto_provider();
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// A browser signed in through a one-time sign-in link (its page shows a
/// button, which posts the form).
pub async fn signed_in_with_link(link: &str) -> Client {
    let c = browser();
    let r = press_link(&c, link).await;
    assert_eq!(r.status(), reqwest::StatusCode::SEE_OTHER, "signed in");
    c
}

/// Opens a sign-in link's page in `c` and presses its button.
pub async fn press_link(c: &Client, link: &str) -> Response {
    let html = page(c, link).await;
    c.post(link)
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap()
}

/// The fields a problem document's `errors` name, in order.
pub async fn error_fields(r: Response) -> Vec<String> {
    json(r).await["errors"]
        .as_array()
        .expect("a problem document with errors")
        .iter()
        .map(|e| e["field"].as_str().unwrap().to_string())
        .collect()
}

/// The first address in an email's text that starts with `prefix`.
pub fn link_in(text: &str, prefix: &str) -> String {
    let start = text
        .find(prefix)
        .unwrap_or_else(|| panic!("no {prefix} in {text}"));
    text[start..].split_whitespace().next().unwrap().to_string()
}

/// The CSRF token in a page's forms.
pub fn csrf(html: &str) -> String {
    let start = html
        .find("name=\"csrf\" value=\"")
        .expect("the page has a form with a CSRF token")
        + 19;
    html[start..].split('"').next().unwrap().to_string()
}

/// GET a page that must answer 200; its HTML.
pub async fn page(c: &Client, url: &str) -> String {
    let r = c.get(url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "GET {url}");
    r.text().await.unwrap()
}

/// A browser signed in with a password.
pub async fn signed_in_with_password(app: &TestApp, email: &str, password: String) -> Client {
    let c = browser();
    let html = page(&c, &format!("{}/login", app.base)).await;
    let creds = [
        ("csrf", csrf(&html)),
        ("email", email.to_string()),
        ("password", password),
    ];
    let r = c
        .post(format!("{}/login", app.base))
        .form(&creds)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "signed in as {email}");
    c
}
