//! The studio's reports: revenue by month and kind, open invoices, credits
//! and each team's progress, as JSON, CSV and a page with a chart.

use crate::fixtures::PageClient;
use crate::helpers::*;
use reqwest::StatusCode;
use serde_json::{Value, json};
use teamshot::domain::HeadshotStatus;

#[tokio::test]
async fn the_reports_add_up_what_happened() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let qc = app.staff("qc").await;
    let team = app.team().await;
    // March: ten credits bought by invoice (then paid), one expedite left
    // unpaid, one headshot delivered and approved, one overdue.
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 10}))
        .await;
    let bought = json(r).await;
    let credits_invoice = bought["payment"]["id"].as_str().unwrap().to_string();
    let r = app
        .post(
            &admin,
            &format!("/studio/payments/{credits_invoice}/mark-paid"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let late = json(app.invite(&team, "late@acme.test").await).await;
    let r = app
        .post(
            &team.token,
            &format!("/headshots/{}/expedite", late["id"].as_str().unwrap()),
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    app.headshot_at(&team, HeadshotStatus::Approved).await;
    // Five dollars paid back as a goodwill gesture.
    let r = app
        .post_json(
            &admin,
            &format!("/studio/teams/{}/credits", team.id),
            json!({"quantity": 0, "refund_cents": 500, "note": "Goodwill"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.run_jobs().await;
    app.clock.set("2026-03-20T10:00:00Z".parse().unwrap());

    assert_eq!(
        app.get(&qc, "/studio/reports").await.status(),
        StatusCode::FORBIDDEN
    );
    let report = json(app.get(&admin, "/studio/reports").await).await;
    assert_eq!(report["from"], "2025-04-01", "twelve months by default");
    assert_eq!(report["to"], "2026-03-20");
    let months = report["revenue_by_month"].as_array().unwrap();
    assert_eq!(months.len(), 12);
    let march = &months[11];
    assert_eq!(march["month"], "2026-03");
    assert_eq!(march["currency"], "USD");
    assert_eq!(march["by_kind"]["credits"], 60_000);
    assert_eq!(march["by_kind"]["expedite"], 2_000);
    assert_eq!(march["total_cents"], 62_000);
    assert_eq!(march["refunds_cents"], 500);
    assert_eq!(march["net_cents"], 61_500);
    assert_eq!(months[10]["total_cents"], 0);
    let kind = |k: &str| -> Value {
        report["revenue_by_kind"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["kind"] == k)
            .unwrap()
            .clone()
    };
    assert_eq!(kind("credits")["count"], 1);
    assert_eq!(kind("redo")["amount_cents"], 0);
    let open = report["outstanding_invoices"].as_array().unwrap();
    assert_eq!(
        open.len(),
        1,
        "the paid invoice is not outstanding: {open:?}"
    );
    assert_eq!(open[0]["amount_cents"], 2_000);
    assert_eq!(open[0]["age_days"], 18);
    // Ten bought; the fixture's grant is not a sale.
    assert_eq!(report["credits"]["sold"], 10);
    assert_eq!(report["credits"]["used"], 2);
    let acme = &report["teams"][0];
    assert_eq!(acme["name"], "Acme");
    assert_eq!(acme["invited"], 2);
    assert_eq!(acme["delivered"], 1);
    assert_eq!(acme["approved"], 1);
    assert_eq!(acme["overdue"], 1, "due on the 16th, no photo on the 20th");
    assert_eq!(acme["on_time_share"], 1.0);

    // A range outside March has none of it; a bad range says why.
    let april = json(
        app.get(&admin, "/studio/reports?from=2026-04-01&to=2026-04-30")
            .await,
    )
    .await;
    assert_eq!(april["revenue_by_month"][0]["total_cents"], 0);
    assert_eq!(april["teams"][0]["invited"], 0);
    let r = app.get(&admin, "/studio/reports?from=2026-13-01").await;
    assert_eq!(error_fields(r).await, ["from"]);
    let r = app
        .get(&admin, "/studio/reports?from=2026-03-10&to=2026-03-01")
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);

    // Each table as CSV.
    let r = app
        .get(
            &admin,
            "/studio/reports/revenue-by-month.csv?from=2026-03-01&to=2026-03-31",
        )
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("revenue-by-month.csv")
    );
    let text = r.text().await.unwrap();
    let mut lines = text.lines();
    assert_eq!(
        lines.next().unwrap(),
        "month,currency,credits,expedite,re_edit,redo,resize,custom_background,background,total,refunds,net"
    );
    assert_eq!(
        lines.next().unwrap(),
        "2026-03,USD,600.00,20.00,0.00,0.00,0.00,0.00,0.00,620.00,5.00,615.00"
    );
    let teams = app
        .get(&admin, "/studio/reports/teams.csv")
        .await
        .text()
        .await
        .unwrap();
    assert!(teams.contains("Acme,2,1,1,1,1,1,100"), "{teams}");
    assert_eq!(
        app.get(&admin, "/studio/reports/secrets.csv")
            .await
            .status(),
        StatusCode::NOT_FOUND
    );

    // The page: the chart drawn on the server and the same numbers.
    let page = PageClient::staff(&app, "admin").await;
    let html = page
        .page("/studio/reports?from=2026-01-01&to=2026-03-31")
        .await;
    assert!(html.contains("<svg class=\"chart\""), "{html}");
    assert!(html.contains("Mar 2026: $620.00"), "{html}");
    assert!(html.contains("$600.00"));
    let csv = page.page("/studio/reports/outstanding-invoices.csv").await;
    assert!(
        csv.lines().nth(1).unwrap().contains(",18,USD,20.00"),
        "{csv}"
    );
    app.finish().await;
}

#[tokio::test]
async fn invoices_carry_the_studios_legal_details_the_tax_included_and_the_teams_address() {
    let app = TestApp::spawn().await;
    let admin = app.staff("admin").await;
    let team = app.team().await;
    let mut settings = json(app.get(&admin, "/studio/settings").await).await;
    settings["invoicing"] = json!({"legal_name": "Lumen Portraits GmbH", "address": "Hauptstr. 1\n10115 Berlin", "tax_id": "DE123456789", "tax_rate_basis_points": 6000});
    let put = |body: Value| {
        app.client
            .put(app.api("/studio/settings"))
            .bearer_auth(&admin)
            .json(&body)
            .send()
    };
    let r = put(settings.clone()).await.unwrap();
    assert_eq!(
        error_fields(r).await,
        ["invoicing.tax_rate_basis_points"],
        "60 % is not a rate"
    );
    settings["invoicing"]["tax_rate_basis_points"] = json!(1900);
    assert_eq!(put(settings).await.unwrap().status(), StatusCode::OK);

    let r = app
        .patch_json(
            &team.token,
            "/team",
            json!({"billing_address": "Acme Corp\n  Via Roma 5\n\n00100 Roma "}),
        )
        .await;
    assert_eq!(
        json(r).await["billing_address"],
        "Acme Corp\nVia Roma 5\n00100 Roma"
    );
    // Too long an address is refused with the rest of the change: the
    // language stays, the address stays.
    let long = "line\n".repeat(9);
    let r = app
        .patch_json(
            &team.token,
            "/team",
            json!({"billing_address": long, "language": "de"}),
        )
        .await;
    assert_eq!(error_fields(r).await, ["billing_address"]);
    let t = json(app.get(&team.token, "/team").await).await;
    assert_eq!(t["billing_address"], "Acme Corp\nVia Roma 5\n00100 Roma");
    assert_eq!(t["language"], "auto");
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 2}))
        .await;
    let id = json(r).await["payment"]["id"].as_str().unwrap().to_string();
    let leader = PageClient::leader_now(&app, &team).await;
    let html = leader.page(&format!("/team/invoices/{id}")).await;
    assert!(
        html.contains("Lumen Portraits GmbH") && html.contains("10115 Berlin"),
        "{html}"
    );
    assert!(html.contains("Tax id: DE123456789"), "{html}");
    assert!(html.contains("Via Roma 5"), "{html}");
    assert!(html.contains("Tax 19 % (included)"), "{html}");
    // $120.00 with 19 % included: $19.16 of tax, $100.84 net.
    assert!(
        html.contains("$19.16") && html.contains("$100.84"),
        "{html}"
    );
    // The share link may not change where invoices go.
    let c = browser();
    let credits = format!("{}/credits", team.share_url);
    // (The CSRF token is the browser's: the dashboard's forms carry it.)
    let token = csrf(&page(&c, &team.share_url).await);
    let r = c
        .post(format!("{credits}/billing-address"))
        .form(&[("csrf", token.as_str()), ("address", "Elsewhere")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = leader
        .post(
            "/team/credits/billing-address",
            &[("address", "Acme SpA\nVia Milano 7")],
        )
        .await;
    assert!(r.text().await.unwrap().contains("Billing address saved"));
    // An issued invoice keeps what it was issued with; the next one has
    // the new address.
    let html = leader.page(&format!("/team/invoices/{id}")).await;
    assert!(
        html.contains("Via Roma 5") && !html.contains("Via Milano 7"),
        "{html}"
    );
    let r = app
        .post_json(&team.token, "/credits/purchase", json!({"quantity": 1}))
        .await;
    let next = json(r).await["payment"]["id"].as_str().unwrap().to_string();
    let html = leader.page(&format!("/team/invoices/{next}")).await;
    assert!(html.contains("Via Milano 7"), "{html}");
    app.finish().await;
}
