//! Operational limits: who may read `/metrics`.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn metrics_can_need_a_token_or_live_on_their_own_address() {
    let token = "m".repeat(40);
    let t = token.clone();
    let app = TestApp::spawn_with(move |s| s.metrics_token = Some(t.into())).await;
    let url = format!("{}/metrics", app.base);
    let r = app.client.get(&url).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .get(&url)
        .bearer_auth("wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .get(&url)
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("teamshot_jobs_queue_up 1"));
    app.finish().await;

    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let listen: std::net::SocketAddr = format!("127.0.0.1:{port}").parse().unwrap();
    let app = TestApp::spawn_with(move |s| s.metrics_listen = Some(listen)).await;
    let r = app
        .client
        .get(format!("{}/metrics", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::NOT_FOUND,
        "not on the public listener"
    );
    let r = app
        .client
        .get(format!("http://{listen}/metrics"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.finish().await;
}

/// Posts the password form; the answer's status and text.
async fn try_password(app: &TestApp, email: &str, password: &str) -> (StatusCode, String) {
    let c = browser();
    let html = page(&c, &format!("{}/login", app.base)).await;
    let r = c
        .post(format!("{}/login", app.base))
        .form(&[
            ("csrf", csrf(&html)),
            ("email", email.to_string()),
            ("password", password.to_string()),
        ])
        .send()
        .await
        .unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn only_failures_count_and_a_locked_account_still_takes_its_link() {
    let app = TestApp::spawn().await;
    let (email, s) = app.staff_account("qc").await;
    for _ in 0..9 {
        assert_eq!(try_password(&app, &email, "wrong").await.0, StatusCode::OK);
    }
    // The right password is not a failure: one more wrong one is still only
    // the tenth failure, not a lock.
    assert_eq!(
        try_password(&app, &email, &s.password).await.0,
        StatusCode::SEE_OTHER
    );
    assert_eq!(try_password(&app, &email, "wrong").await.0, StatusCode::OK);
    let (status, text) = try_password(&app, &email, "wrong").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        text.contains("use the sign-in link"),
        "the way out is named"
    );
    // Locked, even with the right password; a sign-in link still works.
    assert_eq!(
        try_password(&app, &email, &s.password).await.0,
        StatusCode::TOO_MANY_REQUESTS
    );
    let link = app.svc.create_login_link(&s.id).await.unwrap();
    signed_in_with_link(&link).await;
    app.finish().await;
}

#[tokio::test]
async fn one_address_cannot_try_many_accounts() {
    let app = TestApp::spawn().await;
    let limit = teamshot::services::sign_in_limits::ADDRESS_ATTEMPTS;
    for n in 0..limit {
        let email = format!("nobody{n}@example.test");
        assert_eq!(try_password(&app, &email, "guess").await.0, StatusCode::OK);
    }
    let (status, text) = try_password(&app, "another@example.test", "guess").await;
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(text.contains("from your network"), "{text}");
    app.finish().await;
}

/// Reads until the server closes the connection or `within` passes; what
/// arrived, and whether it closed.
async fn read_until_closed(
    s: &mut tokio::net::TcpStream,
    within: std::time::Duration,
) -> (String, bool) {
    use tokio::io::AsyncReadExt;
    let mut got = Vec::new();
    let mut buf = [0u8; 1024];
    let deadline = tokio::time::Instant::now() + within;
    loop {
        match tokio::time::timeout_at(deadline, s.read(&mut buf)).await {
            Ok(Ok(0)) | Ok(Err(_)) => return (String::from_utf8_lossy(&got).into(), true),
            Ok(Ok(n)) => got.extend_from_slice(&buf[..n]),
            Err(_) => return (String::from_utf8_lossy(&got).into(), false),
        }
    }
}

#[tokio::test]
async fn slow_clients_are_cut_off_and_connections_are_bounded() {
    use std::time::Duration;
    use tokio::io::AsyncWriteExt;
    let app = TestApp::spawn_with(|s| {
        s.header_timeout = Duration::from_secs(1);
        s.body_timeout = Duration::from_secs(1);
        s.max_connections = 2;
    })
    .await;
    let addr = app.base.trim_start_matches("http://").to_string();

    // Headers that never finish: the connection is closed.
    let mut slow = tokio::net::TcpStream::connect(&addr).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (_, closed) = read_until_closed(&mut slow, Duration::from_secs(5)).await;
    assert!(closed, "slow headers are cut off");

    // A body that stops arriving gets an answer instead of holding on.
    let mut stalled = tokio::net::TcpStream::connect(&addr).await.unwrap();
    stalled
        .write_all(
            b"POST /api/v1/headshots HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"first",
        )
        .await
        .unwrap();
    let (answer, _) = read_until_closed(&mut stalled, Duration::from_secs(5)).await;
    assert!(answer.starts_with("HTTP/1.1 4"), "{answer}");

    // Two connections that send nothing hold both places; a third client
    // waits until they are cut off, then is served.
    let idle: Vec<_> =
        futures::future::join_all((0..2).map(|_| tokio::net::TcpStream::connect(addr.clone())))
            .await;
    tokio::time::sleep(Duration::from_millis(200)).await;
    let started = std::time::Instant::now();
    let r = app
        .client
        .get(format!("{}/healthz", app.base))
        .timeout(Duration::from_secs(10))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "served only once a place was free ({:?})",
        started.elapsed()
    );
    drop(idle);
    app.finish().await;
}

#[tokio::test]
async fn a_teams_background_is_stored_as_new_pixels_without_the_cameras_metadata() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    // A real camera JPEG, with its EXIF block (make, model, dates…).
    let original = landscape_photo();
    assert!(original.windows(6).any(|w| w == b"Exif\0\0"));
    let r = app
        .upload(&team.token, "/backgrounds", "file", original.clone())
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let bg = json(r).await;
    let r = app
        .client
        .get(bg["preview_url"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.headers()["content-type"], "image/jpeg");
    let served = r.bytes().await.unwrap();
    assert!(served.starts_with(&[0xFF, 0xD8]), "a JPEG");
    assert!(
        !served.windows(6).any(|w| w == b"Exif\0\0"),
        "no EXIF reaches anyone"
    );
    assert_ne!(
        served.as_ref(),
        original.as_slice(),
        "made again from pixels"
    );
    let img = image::load_from_memory(&served).unwrap();
    assert_eq!((img.width(), img.height()), (3648, 2736));
    app.finish().await;
}

#[tokio::test]
async fn a_locked_paid_picture_shows_only_a_small_watermarked_preview() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let form = reqwest::multipart::Form::new()
        .text("name", "Gallery")
        .text("free", "false")
        .text("price_cents", "900")
        .part(
            "image",
            reqwest::multipart::Part::bytes(good_photo()).file_name("gallery.png"),
        );
    let r = app
        .client
        .post(app.api("/studio/backgrounds"))
        .bearer_auth(&admin)
        .multipart(form)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let id = json(r).await["id"].as_str().unwrap().to_string();
    let listed = || {
        let (app, token, id) = (&app, team.token.clone(), id.clone());
        async move {
            let bgs = json(app.get(&token, "/backgrounds").await).await;
            bgs["items"]
                .as_array()
                .unwrap()
                .iter()
                .find(|b| b["id"] == id.as_str())
                .unwrap()
                .clone()
        }
    };
    let bg = listed().await;
    assert_eq!(bg["locked"], true);
    let url = bg["preview_url"].as_str().unwrap();
    assert!(url.contains("/locked-preview.jpg"), "{url}");
    let bytes = app
        .client
        .get(url)
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    let img = image::load_from_memory(&bytes).unwrap();
    assert!(
        img.width().max(img.height()) <= 480,
        "{}×{}",
        img.width(),
        img.height()
    );
    // The full picture's link is signed for another purpose: this one's
    // signature does not open it.
    let forged = url.replace("/locked-preview.jpg", "/image");
    let r = app.client.get(&forged).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);

    // Unlocked, the team gets the full picture.
    let r = app
        .post(&team.token, &format!("/backgrounds/{id}/unlock"))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let bg = listed().await;
    assert_eq!(bg["locked"], false);
    let bytes = app
        .client
        .get(bg["preview_url"].as_str().unwrap())
        .send()
        .await
        .unwrap()
        .bytes()
        .await
        .unwrap();
    assert_eq!(image::load_from_memory(&bytes).unwrap().width(), 1280);
    app.run_jobs().await;
    app.finish().await;
}

/// Files waiting in the spool folder (large uploads are written there while
/// they are checked).
fn spooled(app: &TestApp) -> usize {
    std::fs::read_dir(app.svc.settings.spool_dir())
        .map(|d| d.count())
        .unwrap_or(0)
}

#[tokio::test]
async fn reference_pictures_wait_on_disk_and_leave_nothing_behind() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let send = |refs: Vec<Vec<u8>>| {
        let mut form = reqwest::multipart::Form::new().text("notes", "A bright office, blurred");
        for r in refs {
            form = form.part(
                "references",
                reqwest::multipart::Part::bytes(r).file_name("ref.jpg"),
            );
        }
        app.client
            .post(app.api("/custom-backgrounds"))
            .bearer_auth(&team.token)
            .multipart(form)
            .send()
    };
    // One bad picture among good ones: nothing is kept, on disk or in storage.
    let r = send(vec![
        photo("hopper.jpg"),
        b"not a picture".to_vec(),
        photo("hopper.jpg"),
    ])
    .await
    .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(spooled(&app), 0, "the spool is emptied");
    let listed = json(app.get(&team.token, "/custom-backgrounds").await).await;
    assert_eq!(listed["items"].as_array().unwrap().len(), 0);
    // Good ones are stored as new pixels, without their camera data.
    let original = landscape_photo();
    let r = send(vec![photo("hopper.jpg"), original.clone()])
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    assert_eq!(spooled(&app), 0);
    let order = json(r).await;
    let refs = order["request"]["references"].as_array().unwrap();
    assert_eq!(refs.len(), 2);
    for r in refs {
        let url = r["url"].as_str().unwrap();
        let served = app
            .client
            .get(url)
            .send()
            .await
            .unwrap()
            .bytes()
            .await
            .unwrap();
        assert!(!served.windows(6).any(|w| w == b"Exif\0\0"), "no EXIF");
    }
    app.run_jobs().await;
    app.finish().await;
}
