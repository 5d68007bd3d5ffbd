//! Every page route, taken from the router itself, against the people who
//! use pages: nobody, a signed-in leader of team A, team A's share link (and
//! a made-up one), a member's personal link (and a made-up one), and a
//! signed-in staff member of each role. A route without an entry in
//! `audience` fails the test.
//!
//! The refusals are exact: nobody is sent to /login, the wrong kind of
//! person gets 403, made-up links 404. Forms carry the browser's CSRF token,
//! so a refusal is about the person, never the form. Allowed callers may
//! still meet a 404 for an id this test made up (signed file links and
//! library pictures are checked in their own tests).

use crate::helpers::*;
use reqwest::{Client, Method, StatusCode};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Nobody,
    Leader,
    Share,
    FakeShare,
    Member,
    FakeMember,
    Admin,
    Qc,
    Retoucher,
    Success,
}

const EVERYONE: [Who; 10] = [
    Who::Nobody,
    Who::Leader,
    Who::Share,
    Who::FakeShare,
    Who::Member,
    Who::FakeMember,
    Who::Admin,
    Who::Qc,
    Who::Retoucher,
    Who::Success,
];

#[derive(Debug, Clone, Copy)]
enum Audience {
    /// Sign-in pages, health, static files, signed links: checked elsewhere.
    Open,
    /// The team's pages: a signed-in leader, or the share link (`false`:
    /// the share link may not, it manages access).
    Team { share_may: bool },
    /// The member's own pages.
    Member,
    /// Anyone signed in (their own account).
    Account,
    /// A signed-in leader's own account (the team menu): staff have no
    /// teams to switch between.
    LeaderAccount,
    /// Staff with one of these roles (admins always).
    Staff(&'static [&'static str]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Allowed,
    ToLogin,
    Refused(u16),
}

fn role(w: Who) -> Option<&'static str> {
    match w {
        Who::Admin => Some("admin"),
        Who::Qc => Some("qc"),
        Who::Retoucher => Some("retoucher"),
        Who::Success => Some("success"),
        _ => None,
    }
}

/// Which callers a route is tried with, and what each must get.
fn expect(aud: Audience, w: Who) -> Option<Expect> {
    use Who::*;
    Some(match aud {
        Audience::Open => return None,
        Audience::Team { share_may } => match w {
            Nobody => Expect::ToLogin,
            Leader => Expect::Allowed,
            Share if share_may => Expect::Allowed,
            Share => Expect::Refused(403),
            FakeShare => Expect::Refused(404),
            _ if role(w).is_some() => Expect::Refused(403),
            _ => return None,
        },
        Audience::Member => match w {
            Member => Expect::Allowed,
            FakeMember => Expect::Refused(404),
            _ => return None,
        },
        Audience::Account => match w {
            Nobody => Expect::ToLogin,
            Leader | Admin | Qc | Retoucher | Success => Expect::Allowed,
            _ => return None,
        },
        Audience::LeaderAccount => match w {
            Nobody => Expect::ToLogin,
            Leader => Expect::Allowed,
            _ if role(w).is_some() => Expect::Refused(403),
            _ => return None,
        },
        Audience::Staff(roles) => match (w, role(w)) {
            (Nobody, _) => Expect::ToLogin,
            (Leader, _) => Expect::Refused(403),
            (_, Some(r)) if r == "admin" || roles.contains(&r) => Expect::Allowed,
            (_, Some(_)) => Expect::Refused(403),
            _ => return None,
        },
    })
}

fn audience(method: &Method, path: &str) -> Option<Audience> {
    use Audience::*;
    let team_path = path
        .strip_prefix("/team")
        .or_else(|| path.strip_prefix("/d/{share}"));
    if let Some(rest) = team_path {
        // (Viewing the share page shows the link its holder already has.)
        let manages_access = matches!(
            rest,
            "/leaders/{id}/remove"
                | "/tokens"
                | "/tokens/{id}/revoke"
                | "/invite-links"
                | "/invite-links/{id}/revoke"
                | "/refresh"
                | "/intake"
                | "/departments"
                | "/departments/{id}"
                | "/departments/{id}/delete"
                | "/sso"
                | "/integrations/{provider}/connect"
                | "/integrations/{provider}/disconnect"
                | "/sso/remove"
                | "/leaders/{id}/department"
                | "/headshots/{id}/personal-data.zip"
                | "/headshots/{id}/erase"
                | "/webhooks"
                | "/webhooks/{id}/delete"
                | "/share/rotate"
                | "/share/revoke"
                | "/members-may-spend"
                | "/credits/billing-address"
                | "/spend-requests/{id}/approve"
                | "/spend-requests/{id}/decline"
        ) || (matches!(rest, "/leaders" | "/notices")
            && method == Method::POST);
        return Some(Team {
            share_may: !manages_access,
        });
    }
    if path.starts_with("/m/{secret}") {
        return Some(Member);
    }
    if matches!(
        path,
        "/account/team" | "/account/team/{team}" | "/account/invitations/{team}/{answer}"
    ) {
        return Some(LeaderAccount);
    }
    if path.starts_with("/account/") {
        return Some(Account);
    }
    let studio = |p: &str| -> Option<Audience> {
        Some(Staff(match p {
            "/studio" | "/studio/tokens" | "/studio/tokens/{id}/revoke" => {
                &["qc", "retoucher", "success"]
            }
            "/studio/qc" | "/studio/headshots/{id}/quality-check" => &["qc"],
            "/studio/photo/{id}" | "/studio/draft/{id}" | "/studio/draft/{id}/small" => {
                &["qc", "retoucher"]
            }
            "/studio/headshots/{id}/claim"
            | "/studio/headshots/{id}/release"
            | "/studio/headshots/{id}/deliver" => &["retoucher"],
            "/studio/support"
            | "/studio/headshots/{id}/cancel"
            | "/studio/support/{id}/answer"
            | "/studio/support/{id}/status"
            | "/studio/custom-backgrounds"
            | "/studio/custom-backgrounds/{id}/mockups" => &["success"],
            "/studio/backgrounds"
            | "/studio/backgrounds/{id}"
            | "/studio/settings"
            | "/studio/sso"
            | "/studio/sso/remove"
            | "/studio/teams"
            | "/studio/teams/{id}/credits"
            | "/studio/teams/{id}/success-manager"
            | "/studio/teams/{id}/express"
            | "/studio/teams/{id}/rate"
            | "/studio/reports"
            | "/studio/reports/{file}"
            | "/studio/outbox"
            | "/studio/outbox/{id}"
            | "/studio/invoices"
            | "/studio/invoices/{payment}"
            | "/studio/invoices/{payment}/pdf"
            | "/studio/payments/{payment}/mark-paid"
            | "/studio/staff"
            | "/studio/staff/{id}/role"
            | "/studio/staff/{id}/{action}"
            | "/studio/audit"
            | "/studio/jobs"
            | "/studio/jobs/retry" => &[],
            _ => return None,
        }))
    };
    if path.starts_with("/studio") {
        return studio(path);
    }
    match path {
        "/"
        | "/login"
        | "/logout"
        | "/login/email"
        | "/login/sso"
        | "/login/sso/callback"
        | "/integrations/{provider}/callback"
        // A member's way back from Slack: it needs the cookie their own
        // page set (slack_photos.rs).
        | "/integrations/slack/member-callback"
        | "/login/link/{token}"
        | "/login/two-factor"
        // The first run's page: 404 once an admin exists (studio_setup.rs).
        | "/setup"
        // The public sign-up (404 while the studio keeps it closed) and its
        // emailed link (self_service.rs).
        | "/get-started"
        | "/get-started/confirm/{token}"
        // An open invite link (404 for an unknown secret) and its emailed
        // confirmation (invite_links.rs).
        | "/join/{secret}"
        | "/join/confirm/{token}"
        | "/healthz"
        | "/metrics"
        | "/api/openapi.json" => Some(Open),
        p if p.starts_with("/static/")
            || p.starts_with("/files/")
            || p.starts_with("/thumbs/")
            || p.starts_with("/photos/")
            || p.starts_with("/previews/")
            || p.starts_with("/backgrounds/")
            || p.starts_with("/custom-backgrounds/files/")
            || p.starts_with("/o/")
            || p.starts_with("/unsubscribe/") =>
        {
            Some(Open)
        }
        _ => None,
    }
}

/// Routes that read a multipart form (their CSRF token travels inside it).
fn multipart_field(path: &str) -> Option<&'static str> {
    let p = path
        .trim_start_matches("/team")
        .trim_start_matches("/d/{share}");
    Some(match p {
        "/headshots/{id}/photo" | "/m/{secret}/photo" | "/m/{secret}/redo" => "photo",
        "/import" | "/style/background" => "file",
        "/custom-background" => "references",
        "/studio/headshots/{id}/deliver" => "cutout",
        "/studio/backgrounds" => "image",
        "/studio/custom-backgrounds/{id}/mockups" => "mockup",
        _ => return None,
    })
}

struct People {
    leader: Client,
    share: String,
    member: String,
    staff: Vec<(Who, Client)>,
    nobody: Client,
    /// A headshot of team A, for `{id}` in headshot pages.
    headshot: String,
}

async fn people(app: &TestApp) -> People {
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 5).await;
    let h = json(app.invite(&team, "pm@acme.test").await).await;
    let mut staff = Vec::new();
    for (w, r) in [
        (Who::Admin, "admin"),
        (Who::Qc, "qc"),
        (Who::Retoucher, "retoucher"),
        (Who::Success, "success"),
    ] {
        let (_, s) = app.staff_account(r).await;
        let link = app.svc.create_login_link(&s.id).await.unwrap();
        staff.push((w, signed_in_with_link(&link).await));
    }
    People {
        leader: signed_in_with_link(&team.login_url).await,
        share: secret_of(&team.share_url),
        member: secret_of(h["member_url"].as_str().unwrap()),
        staff,
        nobody: browser(),
        headshot: h["id"].as_str().unwrap().to_string(),
    }
}

/// The browser's CSRF token (the cookie every page sets, read off a page).
async fn csrf_of(app: &TestApp, c: &Client) -> String {
    csrf(&page(c, &format!("{}/login", app.base)).await)
}

#[tokio::test]
async fn every_page_answers_each_kind_of_person_as_its_audience_says() {
    let app = TestApp::spawn().await;
    let ppl = people(&app).await;
    let mut paths: Vec<String> = teamshot::http::routes(1_000_000)
        .paths()
        .iter()
        .filter(|p| !p.starts_with("/api/"))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    let mut problems = Vec::new();
    let mut cells = 0;
    for path in &paths {
        for method in [Method::GET, Method::POST] {
            let probe = ppl
                .nobody
                .request(
                    method.clone(),
                    format!("{}{}", app.base, fill(path, &ppl, Who::Nobody)),
                )
                .send()
                .await
                .unwrap()
                .status();
            if probe == StatusCode::METHOD_NOT_ALLOWED {
                continue;
            }
            let Some(aud) = audience(&method, path) else {
                problems.push(format!("{method} {path}: no entry; say who may open it"));
                continue;
            };
            // Only the share link's own variant of a team page is tried
            // with the share link, and /team's with everyone else.
            let share_variant = path.starts_with("/d/{share}");
            for who in EVERYONE {
                let Some(want) = expect(aud, who) else {
                    continue;
                };
                let is_share = matches!(who, Who::Share | Who::FakeShare);
                if matches!(aud, Audience::Team { .. }) && share_variant != is_share {
                    continue;
                }
                let client = match who {
                    Who::Leader => &ppl.leader,
                    w if role(w).is_some() => &ppl.staff.iter().find(|(k, _)| *k == w).unwrap().1,
                    _ => &ppl.nobody,
                };
                let url = format!("{}{}", app.base, fill(path, &ppl, who));
                let mut req = client.request(method.clone(), &url);
                if method == Method::POST {
                    let token = csrf_of(&app, client).await;
                    req = match multipart_field(path) {
                        Some(field) => {
                            req.multipart(reqwest::multipart::Form::new().text("csrf", token).part(
                                field,
                                reqwest::multipart::Part::bytes(vec![1, 2, 3]).file_name("x.png"),
                            ))
                        }
                        None => {
                            let mut form = plausible_form();
                            form.push(("csrf", token));
                            req.form(&form)
                        }
                    };
                }
                let r = req.send().await.unwrap();
                let got = r.status();
                let location = r
                    .headers()
                    .get("location")
                    .and_then(|l| l.to_str().ok())
                    .unwrap_or("")
                    .to_string();
                cells += 1;
                let ok = match want {
                    Expect::ToLogin => got == StatusCode::SEE_OTHER && location == "/login",
                    Expect::Refused(code) => got.as_u16() == code,
                    Expect::Allowed => {
                        let refused = matches!(got.as_u16(), 401 | 403 | 405)
                            || (got == StatusCode::SEE_OTHER && location == "/login");
                        !refused
                    }
                };
                if !ok {
                    problems.push(format!(
                        "{method} {path} as {who:?}: got {got} {location}, expected {want:?}"
                    ));
                }
            }
        }
    }
    assert!(cells > 250, "the matrix covered {cells} cells");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    app.run_jobs().await;
    app.finish().await;
}

/// Every field the pages' forms read, with plausible values, so a form is
/// judged on who sends it (a missing field would answer 422 first).
fn plausible_form() -> Vec<(&'static str, String)> {
    [
        ("name", "Extra"),
        ("email", "extra@acme.test"),
        ("first_name", "Ann"),
        ("last_name", "Lee"),
        ("due_date", "2026-03-20"),
        ("quantity", "1"),
        ("note", "n"),
        ("notes", "n"),
        ("message", "m"),
        ("kind", "other"),
        ("status", "resolved"),
        ("decision", "pass"),
        ("password", "long enough password"),
        ("code", "123456"),
        ("url", "http://127.0.0.1:9/hook"),
        ("timezone", "UTC"),
        ("leader_email", "l@zed.test"),
        ("leader_name", "Lo"),
        ("position", "0"),
        ("free", "true"),
        ("price_cents", "100"),
        ("studio_name", "Studio"),
        ("logo_url", ""),
        ("support_email", ""),
        ("sender", "Studio <s@studio.test>"),
        ("fee_expedite", "29"),
        ("fee_re_edit", "20"),
        ("fee_redo", "60"),
        ("fee_resize_per_file", "5"),
        ("fee_custom_background", "250"),
        ("standard_days", "3"),
        ("expedited_days", "1"),
        ("re_edit_days", "2"),
        ("holidays", ""),
        ("reminder_schedule", "-3, -1, 1"),
        ("qc_reasons", "other | Other"),
        ("min_photo_kb", "300"),
        ("min_photo_side", "1200"),
        ("min_face_percent", "10"),
        ("min_sharpness", "0"),
        ("min_brightness", "40"),
        ("max_brightness", "230"),
        ("standard_sizes", "800"),
        ("standard_ratios", "1:1"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_string()))
    .collect()
}

/// The path with its parameters: team A's share link (or a made-up one),
/// the member's link (or a made-up one), a headshot of team A, made-up ids
/// elsewhere.
fn fill(path: &str, ppl: &People, who: Who) -> String {
    let share = if who == Who::FakeShare {
        "x".repeat(43)
    } else {
        ppl.share.clone()
    };
    let member = if who == Who::FakeMember {
        "y".repeat(43)
    } else {
        ppl.member.clone()
    };
    let id = if path.contains("/headshots/{id}") {
        ppl.headshot.clone()
    } else {
        "00000000-0000-0000-0000-000000000000".into()
    };
    path.replace("{share}", &share)
        .replace("{secret}", &member)
        .replace("{id}", &id)
        .replace("{payment}", "00000000-0000-0000-0000-000000000000")
        .replace("{file}", "teams.csv")
        .replace("{provider}", "entra")
        .replace("{action}", "deactivate")
        .replace("{token}", "z")
        .replace("{name}", "style.css")
        .replace("{team}", "t")
        .replace("{headshot}", "h")
        .replace("{photo}", "p")
        .replace("{pixel}", "p.gif")
}

#[tokio::test]
async fn every_form_without_its_csrf_token_is_refused() {
    let app = TestApp::spawn().await;
    let ppl = people(&app).await;
    let admin = &ppl.staff.iter().find(|(w, _)| *w == Who::Admin).unwrap().1;
    let mut paths: Vec<String> = teamshot::http::routes(1_000_000)
        .paths()
        .iter()
        .filter(|p| !p.starts_with("/api/"))
        .cloned()
        .collect();
    paths.sort();
    paths.dedup();
    let mut forms = 0;
    let mut problems = Vec::new();
    for path in &paths {
        // The person the form is for (so only the token is wrong).
        let (client, who) = if path.starts_with("/team") {
            (&ppl.leader, Who::Leader)
        } else if path.starts_with("/studio") || path.starts_with("/account") {
            (admin, Who::Admin)
        } else if path.starts_with("/d/") {
            (&ppl.nobody, Who::Share)
        } else if path.starts_with("/m/") {
            (&ppl.nobody, Who::Member)
        } else {
            (&ppl.nobody, Who::Nobody)
        };
        let url = format!("{}{}", app.base, fill(path, &ppl, who));
        let mut req = client.post(&url);
        req = match multipart_field(path) {
            Some(field) => req.multipart(reqwest::multipart::Form::new().part(
                field,
                reqwest::multipart::Part::bytes(vec![1, 2, 3]).file_name("x.png"),
            )),
            None => req.form(&plausible_form()),
        };
        let got = req.send().await.unwrap().status();
        if got == StatusCode::METHOD_NOT_ALLOWED || path.starts_with("/api") {
            continue;
        }
        // Signed links and the like take no forms.
        if matches!(audience(&Method::POST, path), Some(Audience::Open))
            && !path.starts_with("/login")
            && path != "/logout"
        {
            continue;
        }
        forms += 1;
        if got != StatusCode::FORBIDDEN {
            problems.push(format!("POST {path} without a token: {got}"));
        }
    }
    assert!(forms > 60, "{forms} form routes tried");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    app.run_jobs().await;
    app.finish().await;
}
