//! A member's paid re-edit or re-do after the guarantee waits for a
//! leader's approval unless the team lets members spend: asked once, told
//! to the leaders, approved or declined once, charged once.

use crate::fixtures::PageClient;
use crate::helpers::*;
use crate::re_edit::{delivered, re_edit};
use jiff::SignedDuration;
use reqwest::StatusCode;
use serde_json::Value;

/// A delivered headshot whose 30-Day Happiness Guarantee has ended.
struct Past {
    app: TestApp,
    admin: String,
    team: Team,
    id: String,
    member: String,
}

async fn past_the_guarantee() -> Past {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    app.grant(&team, &admin, 1).await;
    let (id, member) = delivered(&app, &team, &admin, "a@acme.test").await;
    app.run_jobs().await;
    app.clock.advance(SignedDuration::from_hours(24 * 31));
    Past {
        app,
        admin,
        team,
        id,
        member,
    }
}

fn fee_entries(ledger: &Value) -> usize {
    ledger["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["kind"] == "fee_re_edit" || e["kind"] == "fee_redo")
        .count()
}

#[tokio::test]
async fn a_members_paid_re_edit_waits_for_a_leader_who_approves_it_once() {
    let Past {
        app,
        admin,
        team,
        id,
        member,
    } = past_the_guarantee().await;

    // Asked: nothing charged, nothing moves; a second ask is refused.
    let (status, body) = re_edit(&app, &member).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["payment"], Value::Null);
    assert_eq!(body["awaiting_approval"]["status"], "waiting");
    assert_eq!(body["awaiting_approval"]["amount_cents"], 2000);
    assert_eq!(body["headshot"]["status"], "delivered");
    let (status, body) = re_edit(&app, &member).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert!(
        body["detail"].as_str().unwrap().contains("already waiting"),
        "{body}"
    );
    let html = page(&browser(), &format!("{}/m/{member}", app.base)).await;
    assert!(
        html.contains("waiting for your team leader&#39;s approval"),
        "{html}"
    );
    assert!(
        !html.contains("/re-edit\""),
        "no second request while one waits"
    );

    // The leaders hear of it, with the notes and a link to decide.
    app.run_jobs().await;
    let mail = app
        .emails()
        .await
        .into_iter()
        .find(|e| e.subject.contains("asks the team to pay"))
        .expect("the leader's notice");
    assert_eq!(
        mail.subject,
        "Ana Silva asks the team to pay for a re-edit ($20.00)"
    );
    assert!(mail.text.contains("Soften the shadow on the left"));
    assert!(mail.text.contains(&format!("/team/headshots/{id}#spend")));

    let waiting = json(app.get(&team.token, "/spend-requests").await).await;
    assert_eq!(waiting["items"].as_array().unwrap().len(), 1);
    assert_eq!(waiting["items"][0]["member"], "Ana Silva");
    let request = waiting["items"][0]["id"].as_str().unwrap().to_string();

    // Two approvals at once: one charge, and both answers name it.
    let path = format!("/spend-requests/{request}/approve");
    let (a, b) = tokio::join!(app.post(&team.token, &path), app.post(&team.token, &path));
    assert_eq!((a.status(), b.status()), (StatusCode::OK, StatusCode::OK));
    let (a, b) = (json(a).await, json(b).await);
    assert_eq!(a["request"]["status"], "approved");
    assert_eq!(a["payment"]["amount_cents"], 2000);
    assert_eq!(a["payment"]["id"], b["payment"]["id"], "the same charge");
    let again = app.post(&team.token, &path).await;
    assert_eq!(
        again.status(),
        StatusCode::OK,
        "a later click answers with the charge"
    );
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(fee_entries(&ledger), 1, "charged once");
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["status"], "re_edit_requested");
    assert_eq!(h["re_edit_notes"], "Soften the shadow on the left");
    let r = app
        .post(&team.token, &format!("/spend-requests/{request}/decline"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT, "approved already");
    assert!(
        json(app.get(&team.token, "/spend-requests").await).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    // Once the re-edit is delivered, the member may ask again.
    let r = app
        .upload(
            &admin,
            &format!("/studio/headshots/{id}/deliver"),
            "cutout",
            cutout_png(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let html = page(&browser(), &format!("{}/m/{member}", app.base)).await;
    assert!(html.contains("/re-edit\""), "{html}");
    assert!(!html.contains("as soon as the payment is through"));
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_leader_declines_on_the_page_and_the_member_reads_it() {
    let Past {
        app,
        admin: _,
        team,
        id,
        member,
    } = past_the_guarantee().await;
    let leader = PageClient::leader_now(&app, &team).await;

    // A re-do from the member's page: the photo is checked, then waits.
    let phone = browser();
    let html = page(&phone, &format!("{}/m/{member}", app.base)).await;
    assert!(
        html.contains("your team leader approves the charge first"),
        "{html}"
    );
    let form = reqwest::multipart::Form::new()
        .text("csrf", csrf(&html))
        .part(
            "photo",
            reqwest::multipart::Part::bytes(good_photo()).file_name("p.jpg"),
        );
    let r = phone
        .post(format!("{}/m/{member}/redo", app.base))
        .multipart(form)
        .send()
        .await
        .unwrap();
    let html = r.text().await.unwrap();
    assert!(
        html.contains("your team leader has been asked to approve the $60.00 charge"),
        "{html}"
    );

    // The dashboard and the headshot page show it with both answers.
    let dash = leader.page("/team").await;
    assert!(dash.contains("Waiting for your approval"), "{dash}");
    assert!(dash.contains("Ana Silva: a re-do with a new photo, $60.00"));
    let html = leader.page(&format!("/team/headshots/{id}")).await;
    assert!(html.contains("Approve and pay $60.00"), "{html}");
    let request = json(app.get(&team.token, "/spend-requests").await).await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_string();
    for _ in 0..2 {
        let r = leader
            .post(&format!("/team/spend-requests/{request}/decline"), &[])
            .await;
        assert_eq!(r.status(), StatusCode::OK);
        assert!(
            r.text()
                .await
                .unwrap()
                .contains("Declined: nothing is charged")
        );
    }
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(fee_entries(&ledger), 0);
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["status"], "delivered");
    let html = page(&browser(), &format!("{}/m/{member}", app.base)).await;
    assert!(
        html.contains("Your team leader declined the $60.00 charge"),
        "{html}"
    );
    assert!(html.contains("/re-edit\""), "may ask again");
    let audit = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    let events = audit["events"].to_string();
    assert!(
        events.contains("asked the team to pay for a re-do"),
        "{events}"
    );
    assert!(events.contains("declined the paid request"), "{events}");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_team_that_lets_members_spend_charges_at_once_and_only_leaders_choose_that() {
    let Past {
        app,
        admin: _,
        team,
        member,
        ..
    } = past_the_guarantee().await;
    let leader = PageClient::leader_now(&app, &team).await;

    // The share link may not change it; a signed-in leader may, on the
    // credits page.
    let share = browser();
    let html = page(&share, &format!("{}/credits", team.share_url)).await;
    assert!(
        html.contains("Sign in as a leader to change this"),
        "{html}"
    );
    let html = page(&share, &team.share_url).await;
    let r = share
        .post(format!("{}/members-may-spend", team.share_url))
        .form(&[("csrf", csrf(&html).as_str()), ("enabled", "yes")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = leader
        .post("/team/members-may-spend", &[("enabled", "yes")])
        .await;
    let html = r.text().await.unwrap();
    assert!(html.contains("Members may now pay"), "{html}");
    assert_eq!(
        json(app.get(&team.token, "/team").await).await["members_may_spend"],
        true
    );

    let (status, body) = re_edit(&app, &member).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["payment"]["amount_cents"], 2000, "charged at once");
    assert_eq!(body["awaiting_approval"], Value::Null);
    assert_eq!(body["headshot"]["status"], "re_edit_requested");
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_request_the_headshot_outgrew_charges_nothing_and_the_share_link_cannot_decide() {
    let Past {
        app,
        admin: _,
        team,
        id,
        member,
    } = past_the_guarantee().await;
    let (_, body) = re_edit(&app, &member).await;
    let request = body["awaiting_approval"]["id"]
        .as_str()
        .unwrap()
        .to_string();

    // The share link is passed around: it may not approve a charge.
    let share = browser();
    let html = page(&share, &format!("{}/headshots/{id}", team.share_url)).await;
    assert!(
        html.contains("asks the team to pay"),
        "the page shows the request"
    );
    assert!(
        !html.contains("/spend-requests/"),
        "but no buttons to decide it"
    );
    let r = share
        .post(format!(
            "{}/spend-requests/{request}/approve",
            team.share_url
        ))
        .form(&[("csrf", csrf(&html).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);

    // Meanwhile a leader pays for a re-edit themselves: the member's
    // request closes as the re-edit starts, and approving it later charges
    // nothing.
    let r = app
        .post_json(
            &team.token,
            &format!("/headshots/{id}/re-edit"),
            serde_json::json!({"notes": "Brighter, please"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .post(&team.token, &format!("/spend-requests/{request}/approve"))
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let body = json(r).await;
    assert!(
        body["detail"]
            .as_str()
            .unwrap()
            .contains("no longer applies"),
        "{body}"
    );
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(fee_entries(&ledger), 1, "the leader's own re-edit only");
    assert!(
        json(app.get(&team.token, "/spend-requests").await).await["items"]
            .as_array()
            .unwrap()
            .is_empty()
    );
    app.run_jobs().await;
    app.finish().await;
}

#[tokio::test]
async fn a_leader_on_the_members_page_is_charged_at_once() {
    let Past {
        app,
        admin: _,
        team,
        id,
        member,
    } = past_the_guarantee().await;
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page(&format!("/m/{member}")).await;
    assert!(
        html.contains("A re-edit costs $20.00."),
        "no approval to ask: {html}"
    );
    let r = leader
        .post(
            &format!("/m/{member}/re-edit"),
            &[("notes", "Warmer light, please")],
        )
        .await;
    let html = r.text().await.unwrap();
    assert!(
        html.contains("the retoucher will make your changes (invoice #"),
        "{html}"
    );
    let h = json(app.get(&team.token, &format!("/headshots/{id}")).await).await;
    assert_eq!(h["status"], "re_edit_requested");
    let ledger = json(app.get(&team.token, "/ledger").await).await;
    assert_eq!(fee_entries(&ledger), 1);
    app.run_jobs().await;
    app.finish().await;
}
