//! Team-scale figures for docs/BENCHMARKS.md (run with `cargo bench --bench team_scale`):
//! a 10,000-row CSV import on SQLite, and for a team of 5,000 headshots the
//! dashboard's first page (server time, in-process) and the status CSV.

use std::sync::Arc;
use std::time::{Duration, Instant};
use teamshot::config::Settings;
use teamshot::services::Services;
use teamshot::services::clock::SystemClock;
use teamshot::services::teams::{Creator, GrantCredits, NewTeam};
use tower::ServiceExt;

fn csv(rows: usize, tag: &str) -> String {
    let mut s = String::from("first_name,last_name,email\n");
    for i in 0..rows {
        s.push_str(&format!("First{i},Last{i},m{i}.{tag}@example.com\n"));
    }
    s
}

async fn team_with_credits(
    svc: &Services,
    admin: &teamshot::services::Principal,
    n: i64,
    tag: &str,
) -> (String, String) {
    let t = svc
        .create_team(
            Creator::Operator,
            NewTeam {
                name: format!("Team {tag}"),
                leader_email: format!("lead.{tag}@example.com"),
                leader_name: "Lee".into(),
                timezone: None,
                language: None,
            },
        )
        .await
        .unwrap();
    svc.grant_credits(
        admin,
        &t.team_id,
        GrantCredits {
            refund_cents: None,
            quantity: n,
            note: None,
        },
    )
    .await
    .unwrap();
    (t.team_id, t.share_url)
}

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let median = samples[samples.len() / 2];
    println!(
        "{name:<48} median {:>8.1} ms   min {:>8.1} ms   ({} runs)",
        median.as_secs_f64() * 1e3,
        samples[0].as_secs_f64() * 1e3,
        samples.len()
    );
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let dir = tempfile::tempdir().unwrap();
        let mut settings = Settings::for_data_dir(dir.path()).unwrap();
        settings.workers = 0;
        let svc = teamshot::startup::services(settings, Arc::new(SystemClock))
            .await
            .unwrap();
        let staff = svc
            .create_staff(
                "admin@studio.test",
                "Admin",
                teamshot::domain::StaffRole::Admin,
            )
            .await
            .unwrap();
        let admin = svc.bearer_principal(&staff.api_token).await.unwrap();

        // 10,000-row import: validation, one transaction of inserts, 10,000 welcome jobs.
        let mut samples = Vec::new();
        for run in 0..3 {
            let tag = format!("imp{run}");
            let (team_id, _) = team_with_credits(&svc, &admin, 10_000, &tag).await;
            let p = teamshot::services::Principal::Leader {
                team_id: team_id.into(),
                via: teamshot::services::LeaderVia::ApiToken,
                department: None,
            };
            let file = csv(10_000, &tag);
            let start = Instant::now();
            let r = svc
                .import_members(&p, file.as_bytes(), Default::default())
                .await
                .unwrap();
            samples.push(start.elapsed());
            assert_eq!(r.created, 10_000);
        }
        report("CSV import, 10,000 rows (SQLite)", samples);

        // A team of 5,000: the dashboard's first page and the status CSV.
        let (team_id, share_url) = team_with_credits(&svc, &admin, 5_000, "big").await;
        let p = teamshot::services::Principal::Leader {
            team_id: team_id.into(),
            via: teamshot::services::LeaderVia::ApiToken,
            department: None,
        };
        svc.import_members(&p, csv(5_000, "big").as_bytes(), Default::default())
            .await
            .unwrap();
        let router = teamshot::http::router(svc.clone());
        let path = share_url
            .split_once("/d/")
            .map(|(_, s)| format!("/d/{s}"))
            .unwrap();
        let mut samples = Vec::new();
        for _ in 0..15 {
            let req = axum::http::Request::get(&path)
                .body(axum::body::Body::empty())
                .unwrap();
            let start = Instant::now();
            let res = router.clone().oneshot(req).await.unwrap();
            let body = axum::body::to_bytes(res.into_body(), usize::MAX)
                .await
                .unwrap();
            samples.push(start.elapsed());
            assert!(body.len() > 10_000);
        }
        report("Dashboard first page, team of 5,000", samples);
        let mut samples = Vec::new();
        for _ in 0..15 {
            let start = Instant::now();
            let csv = svc.status_csv(&p).await.unwrap();
            samples.push(start.elapsed());
            assert!(csv.len() > 100_000);
        }
        report("Status CSV, team of 5,000", samples);
    });
}
