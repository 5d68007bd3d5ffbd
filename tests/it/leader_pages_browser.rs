//! The leader's dashboard and headshot page and the member's page in real
//! Chromium, on a laptop (1366×900) and on a phone (390×844): nothing
//! wider than the screen, icon buttons labelled and reachable, the photo
//! shown at a useful size, the member's progress line.

use crate::chromium::Browser;
use crate::helpers::*;
use std::time::{Duration, Instant};
use teamshot::domain::HeadshotStatus;

/// Runs `script` (which returns a value) until `ok` accepts its result.
async fn until(
    b: &Browser,
    script: &str,
    ok: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    let start = Instant::now();
    loop {
        let v = b.client.execute(script, vec![]).await.unwrap();
        if ok(&v) {
            return v;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{script} gave {v}"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn fits(b: &Browser, what: &str, width: u32) {
    // The page's width and the window's, and what sticks out (outermost
    // first) when it is wider.
    let wide = b
        .client
        .execute(
            "const w = window.innerWidth; \
             const out = Array.from(document.querySelectorAll('body *')) \
               .filter(e => e.getBoundingClientRect().right > w + 1) \
               .filter(e => { for (let a = e.parentElement; a; a = a.parentElement) \
                   { if (a !== document.body && a !== document.documentElement && getComputedStyle(a).overflowX !== 'visible') return false; } return true; }) \
               .slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)); \
             return [document.documentElement.scrollWidth, w, out]",
            vec![],
        )
        .await
        .unwrap();
    assert!(
        wide[0].as_u64().unwrap() <= wide[1].as_u64().unwrap(),
        "{what} at {width} px is wider than the screen: {wide}"
    );
}

#[tokio::test]
#[ignore = "needs Chromium and chromedriver; scripts/test installs them and runs this"]
async fn the_leader_and_member_pages_fit_a_laptop_and_a_phone() {
    let app = TestApp::spawn().await;
    let team = app.team().await;
    let invited = app.headshot_at(&team, HeadshotStatus::Invited).await;
    let asked = app
        .headshot_at(&team, HeadshotStatus::NewPhotoRequested)
        .await;
    let b = Browser::start().await;
    for (w, h) in [(1366u32, 900u32), (390, 844)] {
        b.client.set_window_size(w, h).await.unwrap();

        b.goto(&team.share_url).await;
        b.wait_for_text("Team Members").await;
        fits(&b, "the dashboard", w).await;
        let bell = b
            .client
            .execute(
                "const b = document.querySelector('button.icon[value=remind]'); b.focus(); \
                 return [b.title, b.textContent.trim(), b.getBoundingClientRect().width, document.activeElement === b]",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(bell[0], "Send a reminder", "{bell}");
        assert!(
            bell[1].as_str().unwrap().starts_with("Send a reminder to"),
            "{bell}"
        );
        assert!(
            bell[2].as_f64().unwrap() >= 24.0,
            "a finger-sized target: {bell}"
        );
        assert_eq!(bell[3], true, "reachable by keyboard");

        b.goto(&format!("{}/headshots/{}", team.share_url, asked.id))
            .await;
        b.wait_for_text("Move forward with this photo").await;
        let shown = until(
            &b,
            "const i = document.querySelector('img.photo-large'); \
             return i && i.naturalWidth > 0 ? i.getBoundingClientRect().width : 0",
            |v| v.as_f64().unwrap_or(0.0) > 0.0,
        )
        .await;
        let least = f64::from(w.min(600)) * 0.5;
        assert!(
            shown.as_f64().unwrap() >= least,
            "the photo at {w} px is {shown} px wide"
        );
        fits(&b, "the headshot page", w).await;

        b.goto(&format!("{}/m/{}", app.base, invited.secret)).await;
        b.wait_for_text("Your headshot for").await;
        let steps = b
            .client
            .execute(
                "return [document.querySelectorAll('ol.progress li').length, \
                 document.querySelector('ol.progress [aria-current=step]').textContent]",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(steps[0], 6, "{steps}");
        assert!(steps[1].as_str().unwrap().contains("Your photo"), "{steps}");
        fits(&b, "the member's page", w).await;
    }
    b.stop().await;
    app.run_jobs().await;
    app.finish().await;
}
