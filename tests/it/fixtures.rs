//! Typed shortcuts for tests: a headshot at any status in one call (walked
//! through the real API and pages, so every step is checked), a signed-in
//! page client that carries its CSRF token, and one `wait_until`.

use crate::helpers::*;
use reqwest::{Client, Response, StatusCode};
use serde_json::json;
use std::time::Duration;
use teamshot::domain::HeadshotStatus;

/// A team member's headshot: its id and the member's personal secret.
pub struct Member {
    pub id: String,
    pub secret: String,
}

impl TestApp {
    /// A new headshot of `team` (one credit granted for it), moved to
    /// `status` the way people move it: the member's link and tutorial,
    /// an upload, the QC decision, a delivery, the approval, a re-edit.
    pub async fn headshot_at(&self, team: &Team, status: HeadshotStatus) -> Member {
        let admin = self.staff("admin").await;
        self.grant(team, &admin, 1).await;
        let email = format!("m-{}@acme.test", uuid::Uuid::new_v4().simple());
        let r = self.invite(team, &email).await;
        assert_eq!(r.status(), StatusCode::CREATED, "invited");
        let h = json(r).await;
        let m = Member {
            id: h["id"].as_str().unwrap().to_string(),
            secret: secret_of(h["member_url"].as_str().unwrap()),
        };
        self.move_invited_to(team, &m, status).await;
        m
    }

    /// Moves an invited headshot to `status` (see `headshot_at`).
    pub async fn move_invited_to(&self, team: &Team, m: &Member, status: HeadshotStatus) {
        use HeadshotStatus::*;
        let admin = self.staff("admin").await;
        // Each status and the step that leads to it from the one before.
        let path = match status {
            Invited => &[][..],
            EmailOpened => &[EmailOpened][..],
            TutorialStarted => &[EmailOpened, TutorialStarted][..],
            InQualityCheck => &[InQualityCheck][..],
            NewPhotoRequested => &[InQualityCheck, NewPhotoRequested][..],
            InRetouching => &[InQualityCheck, InRetouching][..],
            Delivered => &[InQualityCheck, InRetouching, Delivered][..],
            Approved => &[InQualityCheck, InRetouching, Delivered, Approved][..],
            ReEditRequested => &[InQualityCheck, InRetouching, Delivered, ReEditRequested][..],
        };
        let page = browser();
        for step in path {
            let r = match step {
                EmailOpened => page
                    .get(format!("{}/m/{}", self.base, m.secret))
                    .send()
                    .await
                    .unwrap(),
                TutorialStarted => {
                    let html =
                        crate::helpers::page(&page, &format!("{}/m/{}", self.base, m.secret)).await;
                    page.post(format!("{}/m/{}/start", self.base, m.secret))
                        .form(&[("csrf", csrf(&html))])
                        .send()
                        .await
                        .unwrap()
                }
                InQualityCheck => {
                    self.upload(&m.secret, "/me/photo", "photo", good_photo())
                        .await
                }
                NewPhotoRequested | InRetouching => {
                    let decision = if *step == InRetouching {
                        json!({"decision": "pass"})
                    } else {
                        json!({"decision": "new_photo", "reasons": ["face_camera"]})
                    };
                    let path = format!("/studio/headshots/{}/quality-check", m.id);
                    self.post_json(&admin, &path, decision).await
                }
                Delivered => {
                    let path = format!("/studio/headshots/{}/deliver", m.id);
                    self.upload(&admin, &path, "image", good_photo()).await
                }
                Approved => self.post(&m.secret, "/me/approve").await,
                ReEditRequested => {
                    let body = json!({"notes": "A little brighter, please."});
                    self.post_json(&m.secret, "/me/re-edit", body).await
                }
                Invited => unreachable!("the start, not a step"),
            };
            assert!(
                r.status().is_success() || r.status().is_redirection(),
                "{step:?}: {}",
                r.status()
            );
        }
        let now = json(self.get(&team.token, &format!("/headshots/{}", m.id)).await).await;
        assert_eq!(now["status"], status.as_str(), "{now}");
    }
}

/// A browser signed in to the pages, which puts the CSRF token (read from
/// its cookie's twin in any page) into every form it posts.
pub struct PageClient {
    pub client: Client,
    pub base: String,
    csrf: String,
}

impl PageClient {
    /// The team's first leader, signed in with a sign-in link made now (for
    /// tests that moved the clock past the team's first link).
    pub async fn leader_now(app: &TestApp, team: &Team) -> Self {
        let leaders = teamshot::db::users::leaders_of(&app.svc.db.pool, &team.id)
            .await
            .unwrap();
        let link = app.svc.create_login_link(&leaders[0].id).await.unwrap();
        Self::with_link(&app.base, &link).await
    }

    /// Signed in through `link` (a one-time sign-in link).
    pub async fn with_link(base: &str, link: &str) -> Self {
        let client = signed_in_with_link(link).await;
        let html = crate::helpers::page(&client, &format!("{base}/account/password")).await;
        Self {
            client,
            base: base.to_string(),
            csrf: csrf(&html),
        }
    }

    /// A new staff account with `role`, signed in with its password.
    pub async fn staff(app: &TestApp, role: &str) -> Self {
        let (email, created) = app.staff_account(role).await;
        let client = signed_in_with_password(app, &email, created.password).await;
        let html = crate::helpers::page(&client, &format!("{}/account/password", app.base)).await;
        Self {
            client,
            base: app.base.clone(),
            csrf: csrf(&html),
        }
    }

    /// Reads the CSRF token again (after a team switch renewed it).
    pub async fn renew_csrf(&mut self) {
        self.csrf = csrf(&self.page("/account/password").await);
    }

    /// GET a page that must answer 200.
    pub async fn page(&self, path: &str) -> String {
        crate::helpers::page(&self.client, &format!("{}{path}", self.base)).await
    }

    /// POST a form, with the CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        form.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// POST a multipart form with one file in `field`, the CSRF token added.
    pub async fn post_file(&self, path: &str, field: &str, data: Vec<u8>) -> Response {
        let form = reqwest::multipart::Form::new()
            .text("csrf", self.csrf.clone())
            .part(
                field.to_string(),
                reqwest::multipart::Part::bytes(data).file_name("p.jpg"),
            );
        self.client
            .post(format!("{}{path}", self.base))
            .multipart(form)
            .send()
            .await
            .unwrap()
    }
}

/// Waits until `ready` answers true, checking every 50 ms; fails the test
/// after `seconds` with what was awaited.
pub async fn wait_until<F, Fut>(seconds: u64, what: &str, mut ready: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = tokio::time::Instant::now() + Duration::from_secs(seconds);
    while !ready().await {
        assert!(
            tokio::time::Instant::now() < deadline,
            "timed out after {seconds} s waiting for {what}"
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn a_headshot_can_be_had_at_every_status() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    for status in HeadshotStatus::ALL {
        app.headshot_at(&team, status).await;
    }
    app.run_jobs().await;
    app.finish().await;
}
