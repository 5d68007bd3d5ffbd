//! The browser journey over real HTTP: forms with CSRF tokens and cookies.

use crate::helpers::*;
use reqwest::StatusCode;

fn multipart(csrf: &str, field: &str, data: Vec<u8>) -> reqwest::multipart::Form {
    reqwest::multipart::Form::new()
        .text("csrf", csrf.to_string())
        .part(
            field.to_string(),
            reqwest::multipart::Part::bytes(data).file_name("p.jpg"),
        )
}

#[tokio::test]
async fn leader_member_and_studio_walk_the_journey_in_the_browser() {
    let app = TestApp::spawn().await;
    let admin_pw = app
        .svc
        .create_staff(
            "ada@studio.test",
            "Ada Admin",
            teamshot::domain::StaffRole::Admin,
        )
        .await
        .unwrap()
        .password;
    let team = app.team().await;
    let admin = app.staff("admin").await;
    app.grant(&team, &admin, 1).await;

    // The leader signs in with the one-time link and sets a password.
    let leader = browser();
    let html = page(&leader, &team.login_url).await;
    let r = leader
        .post(&team.login_url)
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let r = leader
        .post(&team.login_url)
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::BAD_REQUEST,
        "a sign-in link works once"
    );

    // Invite from the dashboard; a too-early due date is explained and the form keeps its values.
    let dash = page(&leader, &format!("{}/team", app.base)).await;
    assert!(dash.contains("1</strong> credits available"));
    let token = csrf(&dash);
    let bad = [
        ("csrf", token.as_str()),
        ("first_name", "Ana"),
        ("last_name", "Silva"),
        ("email", "ana@acme.test"),
        ("due_date", "2026-03-03"),
    ];
    let html = leader
        .post(format!("{}/team/invite", app.base))
        .form(&bad)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("at least 5 days"), "{html}");
    assert!(html.contains("value=\"ana@acme.test\""));
    let good = [
        ("csrf", token.as_str()),
        ("first_name", "Ana"),
        ("last_name", "Silva"),
        ("email", "ana@acme.test"),
        ("due_date", "2026-03-20"),
    ];
    let html = leader
        .post(format!("{}/team/invite", app.base))
        .form(&good)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Ana Silva is invited"));
    // A form without the CSRF token is refused.
    let forged = leader
        .post(format!("{}/team/invite", app.base))
        .form(&good[1..])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);

    // The member follows the emailed link: Email Opened, then the tutorial and upload.
    app.run_jobs().await;
    let mail = app.emails().await.pop().unwrap();
    let link = mail
        .text
        .lines()
        .find(|l| l.contains("/m/"))
        .unwrap()
        .trim()
        .to_string();
    let member = browser();
    let html = page(&member, &link).await;
    assert!(html.contains("Email Opened"));
    let r = member
        .post(format!("{link}/start"))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let html = page(&member, &link).await;
    assert!(html.contains("Tutorial Started") && html.contains("capture="));
    let html = member
        .post(format!("{link}/photo"))
        .multipart(multipart(&csrf(&html), "photo", photo("hopper.jpg")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        html.contains("at least 600 KB"),
        "the failed check is shown"
    );
    let html = member
        .post(format!("{link}/photo"))
        .multipart(multipart(&csrf(&html), "photo", good_photo()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("In Quality Check"));

    // Studio staff sign in with a password (a wrong one is explained), pass QC, deliver.
    let stranger = browser();
    let html = page(&stranger, &format!("{}/login", app.base)).await;
    let wrong = [
        ("csrf", csrf(&html)),
        ("email", "ada@studio.test".into()),
        ("password", "wrong-password".into()),
    ];
    let r = stranger
        .post(format!("{}/login", app.base))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert!(r.text().await.unwrap().contains("do not match"));
    let studio = signed_in_with_password(&app, "ada@studio.test", admin_pw).await;
    let html = page(&studio, &format!("{}/studio", app.base)).await;
    assert!(html.contains("<strong>1</strong> waiting for quality check"));
    let html = page(&studio, &format!("{}/studio/qc", app.base)).await;
    assert!(html.contains("Ana Silva"));
    let id = html
        .split("/studio/headshots/")
        .nth(1)
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let photo_res = studio
        .get(format!("{}/studio/photo/{id}", app.base))
        .send()
        .await
        .unwrap();
    assert_eq!(photo_res.status(), StatusCode::OK);
    let qc = [("csrf", csrf(&html)), ("decision", "pass".into())];
    let r = studio
        .post(format!("{}/studio/headshots/{id}/quality-check", app.base))
        .form(&qc)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER, "on to the next photo");
    let next = r.headers()["location"].to_str().unwrap().to_string();
    let html = page(&studio, &format!("{}{next}", app.base)).await;
    assert!(html.contains("In Retouching"), "{html}");
    assert!(html.contains("Nothing waiting"));
    let html = studio
        .post(format!("{}/studio/headshots/{id}/deliver", app.base))
        .multipart(multipart(&csrf(&html), "image", good_photo()))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Delivered Ana Silva"), "{html}");
    // Outsiders do not get originals.
    assert_eq!(
        member
            .get(format!("{}/studio/photo/{id}", app.base))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::SEE_OTHER
    );

    // While the files render the member is told so; then sees the
    // watermarked preview and approves; the final downloads.
    let html = page(&member, &link).await;
    assert!(html.contains("being prepared"), "{html}");
    app.run_jobs().await;
    let html = page(&member, &link).await;
    assert!(html.contains("Watermarked preview"));
    member
        .post(format!("{link}/approve"))
        .form(&[("csrf", csrf(&html))])
        .send()
        .await
        .unwrap();
    let html = page(&member, &link).await;
    assert!(html.contains("Approved"));
    let href = html
        .split("href=\"")
        .map(|s| s.split('"').next().unwrap())
        .find(|s| s.contains("/files/"))
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    let r = member.get(&href).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .starts_with("attachment")
    );

    // The admin reads the outbox; the leader sees the history.
    app.run_jobs().await;
    let html = page(&studio, &format!("{}/studio/outbox", app.base)).await;
    assert!(html.contains("your headshot is ready"));
    let html = page(&leader, &format!("{}/team/headshots/{id}", app.base)).await;
    assert!(html.contains("opened the personal link") && html.contains("approved"));
    // The share link opens the same dashboard without signing in.
    let html = page(&browser(), &team.share_url).await;
    assert!(html.contains("Completed Headshots") && html.contains("Ana"));
    app.run_jobs().await;
    app.finish().await;
}

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
    assert!(html.contains("Invoice #") && html.contains("$3,300.00") && html.contains("pending"));
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
    assert_eq!(saved.holidays.len(), 2);
    assert_eq!(saved.standard_sizes, [1600, 800]);
    assert_eq!(saved.reminder_schedule, [-3, -1, 1]);
    app.finish().await;
}
