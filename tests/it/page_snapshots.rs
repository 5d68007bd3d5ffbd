//! The HTML of the main pages, compared with the reviewed copies in
//! `tests/it/snapshots/`: a template change shows up as a diff. Ids,
//! secrets, signatures and ports differ on every run, so they are replaced
//! by placeholders first. Accept a reviewed change with
//! `INSTA_UPDATE=always cargo nextest run --test it page_snapshots`.

use crate::fixtures::Member;
use crate::helpers::*;
use teamshot::domain::HeadshotStatus::*;

/// The page with what changes from run to run replaced.
fn stable(app: &TestApp, html: &str) -> String {
    let html = html.replace(&app.base, "http://teamshot.test");
    let rules = [
        // UUIDs (ids of every table).
        (
            r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
            "<id>",
        ),
        // Hex digests: signatures, content hashes of static files.
        (r"\b[0-9a-f]{12,}\b", "<hex>"),
        // Bearer secrets and CSRF tokens (URL-safe base64, 43 characters).
        (r"[A-Za-z0-9_-]{40,}", "<secret>"),
        // Signed links' expiry.
        (r"exp=\d+", "exp=<time>"),
    ];
    rules.iter().fold(html, |text, (pattern, with)| {
        regex::Regex::new(pattern)
            .unwrap()
            .replace_all(&text, *with)
            .into_owned()
    })
}

#[tokio::test]
async fn the_main_pages_keep_their_structure() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    // A headshot in every dashboard section.
    let invited = app.headshot_at(&team, Invited).await;
    app.headshot_at(&team, InRetouching).await;
    app.headshot_at(&team, NewPhotoRequested).await;
    let delivered: Member = app.headshot_at(&team, Delivered).await;
    app.run_jobs().await;

    let anyone = browser();
    let login = page(&anyone, &format!("{}/login", app.base)).await;
    insta::assert_snapshot!("login", stable(&app, &login));

    let leader = PageClient::with_link(&app.base, &team.login_url).await;
    insta::assert_snapshot!("dashboard", stable(&app, &leader.page("/team").await));
    let headshot = leader
        .page(&format!("/team/headshots/{}", delivered.id))
        .await;
    insta::assert_snapshot!("headshot", stable(&app, &headshot));

    let member = page(&anyone, &format!("{}/m/{}", app.base, invited.secret)).await;
    insta::assert_snapshot!("member_invited", stable(&app, &member));
    let member = page(&anyone, &format!("{}/m/{}", app.base, delivered.secret)).await;
    insta::assert_snapshot!("member_delivered", stable(&app, &member));

    let (email, qc) = app.staff_account("qc").await;
    let staff = signed_in_with_password(&app, &email, qc.password).await;
    let queue = page(&staff, &format!("{}/studio/qc", app.base)).await;
    insta::assert_snapshot!("studio_qc", stable(&app, &queue));
    app.finish().await;
}
