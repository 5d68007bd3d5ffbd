//! Pages over real HTTP: who may open them, buying credits, the settings form.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn pages_need_the_right_person() {
    let app = TestApp::spawn().await;
    let c = browser();
    let r = c.get(format!("{}/team", app.base)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login");
    let r = c.get(format!("{}/studio", app.base)).send().await.unwrap();
    assert_eq!(r.headers()["location"], "/login");
    let r = c
        .get(format!("{}/m/not-a-secret", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = c
        .get(format!("{}/d/not-a-secret", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    app.finish().await;
}

#[tokio::test]
async fn the_leader_buys_credits_on_the_credits_page_and_staff_mark_the_invoice_paid() {
    let app = TestApp::spawn().await;
    let admin_pw = app
        .svc
        .create_staff("ada@studio.test", "Ada", teamshot::domain::StaffRole::Admin)
        .await
        .unwrap()
        .password;
    let team = app.team().await;
    let leader = browser();
    let html = page(&leader, &team.share_url).await;
    assert!(html.contains("No credit left"));
    let base = team.share_url.clone();

    let html = page(&leader, &format!("{base}/credits?quantity=60")).await;
    assert!(
        html.contains("$55.00") && html.contains("$3,300.00"),
        "60 credits at the 51–100 tier"
    );
    let form = |html: &str| {
        let key = html
            .split("name=\"key\" value=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .to_string();
        vec![
            ("csrf", csrf(html)),
            ("quantity", "60".to_string()),
            ("key", key),
        ]
    };
    let fields = form(&html);
    let done = leader
        .post(format!("{base}/credits/purchase"))
        .form(&fields)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(done.contains("60 credits added"));
    // A double submit of the same form buys nothing more.
    leader
        .post(format!("{base}/credits/purchase"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["credits"]["available"], 60);
    let html = page(&leader, &format!("{base}/credits")).await;
    let invoice = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.contains("/invoices/"))
        .unwrap()
        .to_string();
    let html = page(&leader, &format!("{}{invoice}", app.base)).await;
    assert!(
        html.contains("Invoice #")
            && html.contains("$3,300.00")
            && html.contains("Payable by bank transfer."),
        "{html}"
    );
    let err = page(&leader, &format!("{base}/credits?quantity=2000")).await;
    assert!(err.contains("ask the studio for your rate"));

    let studio = signed_in_with_password(&app, "ada@studio.test", admin_pw).await;
    let html = page(&studio, &format!("{}/studio/invoices", app.base)).await;
    assert!(html.contains("Mark paid"));
    let action = html
        .split("action=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.contains("mark-paid"))
        .unwrap()
        .to_string();
    let r = studio
        .post(format!("{}{action}", app.base))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&studio, &format!("{}/studio/invoices", app.base)).await;
    assert!(!html.contains("Mark paid") && html.contains("paid (invoice)"));
    app.finish().await;
}

/// The settings page reads every field back, refuses what it cannot read
/// (by field, saving nothing), and saves the rest.
#[tokio::test]
async fn the_settings_page_explains_bad_fields_and_saves_good_ones() {
    let app = TestApp::spawn().await;
    let created = app
        .svc
        .create_staff("ada@studio.test", "Ada", teamshot::domain::StaffRole::Admin)
        .await
        .unwrap();
    let studio = signed_in_with_password(&app, "ada@studio.test", created.password).await;
    let url = format!("{}/studio/settings", app.base);
    let before = app
        .svc
        .studio_settings()
        .await
        .unwrap()
        .branding
        .studio_name
        .clone();
    let html = page(&studio, &url).await;
    assert!(html.contains("value=\"20\"") && html.contains("1600, 800, 400"));
    let form = |holidays: &str, fee: &str| {
        vec![
            ("csrf", csrf(&html)),
            ("studio_name", "Bright Studio".into()),
            ("logo_url", String::new()),
            ("support_email", "help@bright.test".into()),
            ("sender", "Bright Studio <hello@bright.test>".into()),
            ("fee_expedite", fee.into()),
            ("fee_re_edit", "20".into()),
            ("fee_redo", "60".into()),
            ("fee_resize_per_file", "5".into()),
            ("fee_custom_background", "250".into()),
            ("standard_days", "3".into()),
            ("expedited_days", "1".into()),
            ("re_edit_days", "2".into()),
            ("holidays", holidays.into()),
            ("reminder_schedule", "-3, -1, +1".into()),
            ("reminder_hour", "8".into()),
            (
                "qc_reasons",
                "business_attire | Please wear business attire\nother | Other".into(),
            ),
            ("min_photo_kb", "600".into()),
            ("min_photo_side", "1200".into()),
            ("min_face_percent", "15".into()),
            ("min_sharpness", "15".into()),
            ("min_brightness", "80".into()),
            ("max_brightness", "220".into()),
            ("standard_sizes", "1600, 800px".into()),
            ("standard_ratios", "1:1".into()),
            ("standard_ratios", "4:5".into()),
        ]
    };
    let bad = studio
        .post(&url)
        .form(&form("2026-13-01", "twenty"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(bad.contains("&#34;twenty&#34; is not an amount"), "{bad}");
    assert!(bad.contains("YYYY-MM-DD"));
    let now = app.svc.studio_settings().await.unwrap();
    assert_eq!(now.branding.studio_name, before, "nothing saved");
    let good = studio
        .post(&url)
        .form(&form("2026-12-24\n2026-12-25", "19.50"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(good.contains("Settings saved"), "{good}");
    let saved = app.svc.studio_settings().await.unwrap();
    assert_eq!(saved.fees.expedite, 1950);
    assert_eq!(saved.reminder_hour, 8);
    assert_eq!(saved.holidays.len(), 2);
    assert_eq!(saved.standard_sizes, [1600, 800]);
    assert_eq!(
        saved.standard_ratios,
        [
            teamshot::domain::style::Ratio::Square,
            teamshot::domain::style::Ratio::FourByFive
        ]
    );
    assert_eq!(saved.reminder_schedule, [-3, -1, 1]);
    app.finish().await;
}
