//! Several processes on one database and one bucket: two `serve` processes
//! without job runners and a `worker`, each with its own data folder. A
//! request may land on either server; jobs run in the worker; a worker
//! killed in the middle of a job leaves it to another, which finishes it
//! exactly once; a server killed in the middle of a hand-in leaves all of
//! it or none.

use crate::helpers::{browser, csrf, cutout_png, good_photo, secret_of, signed_in_with_link};
use crate::processes::Backend;
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use sqlx::Row;

struct Api {
    c: Client,
}

impl Api {
    async fn send(&self, r: reqwest::RequestBuilder, token: &str) -> Value {
        let r = r.bearer_auth(token).send().await.unwrap();
        let status = r.status();
        let body = r.text().await.unwrap();
        assert!(status.is_success(), "{status}: {body}");
        serde_json::from_str(&body).unwrap_or(Value::Null)
    }

    async fn post(&self, base: &str, path: &str, token: &str, body: Value) -> Value {
        let url = format!("{base}/api/v1{path}");
        self.send(self.c.post(url).json(&body), token).await
    }

    async fn get(&self, base: &str, path: &str, token: &str) -> Value {
        self.send(self.c.get(format!("{base}/api/v1{path}")), token)
            .await
    }

    async fn upload(
        &self,
        base: &str,
        path: &str,
        token: &str,
        field: &str,
        data: Vec<u8>,
    ) -> Value {
        let part = reqwest::multipart::Part::bytes(data).file_name("photo.png");
        let form = reqwest::multipart::Form::new().part(field.to_string(), part);
        let url = format!("{base}/api/v1{path}");
        self.send(self.c.post(url).multipart(form), token).await
    }
}

/// An admin, a team with credits, one member invited on `base`: the admin's
/// token, the team's token, the headshot id and the member's secret.
async fn team_with_a_member(
    backend: &Backend,
    api: &Api,
    base: &str,
) -> (String, String, String, String, Value) {
    let admin = backend.run(&[
        "staff",
        "add",
        "--email",
        "ada@studio.test",
        "--name",
        "Ada",
        "--role",
        "admin",
    ]);
    let admin = admin["api_token"].as_str().unwrap().to_string();
    let team = backend.run(&[
        "team",
        "add",
        "--name",
        "Acme",
        "--leader-email",
        "lee@acme.test",
        "--leader-name",
        "Lee",
    ]);
    let team_token = team["api_token"].as_str().unwrap().to_string();
    let team_id = team["team_id"].as_str().unwrap();
    api.post(
        base,
        &format!("/studio/teams/{team_id}/credits"),
        &admin,
        json!({"quantity": 2}),
    )
    .await;
    let due = jiff::Zoned::now()
        .date()
        .checked_add(jiff::Span::new().days(10))
        .unwrap()
        .to_string();
    let h = api
        .post(
            base,
            "/headshots",
            &team_token,
            json!({"first_name": "Ana", "last_name": "Silva", "email": "ana@acme.test", "due_date": due}),
        )
        .await;
    let id = h["id"].as_str().unwrap().to_string();
    let member = secret_of(h["member_url"].as_str().unwrap());
    (admin, team_token, id, member, team)
}

async fn pool(backend: &Backend) -> sqlx::AnyPool {
    sqlx::any::install_default_drivers();
    sqlx::AnyPool::connect(backend.database_url())
        .await
        .unwrap()
}

async fn count(pool: &sqlx::AnyPool, sql: &str, id: &str) -> i64 {
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_one(pool)
        .await
        .unwrap()
        .get::<i64, _>(0)
}

#[tokio::test]
async fn two_servers_and_a_worker_share_one_database_and_bucket() {
    let backend = Backend::new();
    backend.run(&["migrate"]);
    let (_a, a) = backend.serve("serve-a", 0, &[]).await;
    let (_b, b) = backend.serve("serve-b", 0, &[]).await;
    let metrics_port = crate::processes::free_port().to_string();
    let metrics_listen = format!("127.0.0.1:{metrics_port}");
    let _worker = backend.worker("worker", &[("TEAMSHOT_METRICS_LISTEN", &metrics_listen)]);
    let api = Api {
        c: crate::helpers::http_client(),
    };
    let (admin, team_token, id, member, team) = team_with_a_member(&backend, &api, &a).await;

    // The member uploads on B, QC passes on A, the retoucher delivers on B.
    api.upload(&b, "/me/photo", &member, "photo", good_photo())
        .await;
    let qc = format!("/studio/headshots/{id}/quality-check");
    api.post(&a, &qc, &admin, json!({"decision": "pass"})).await;
    let delivered = api
        .upload(
            &b,
            &format!("/studio/headshots/{id}/deliver"),
            &admin,
            "cutout",
            cutout_png(),
        )
        .await;
    assert_eq!(delivered["status"], "delivered");

    // B rendered the files with the hand-in; A serves them from the shared
    // store.
    let files_path = format!("/headshots/{id}/files");
    let mut files = Value::Null;
    for _ in 0..600 {
        files = api.get(&a, &files_path, &team_token).await;
        if files.as_array().is_some_and(|f| !f.is_empty()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let preview = files
        .as_array()
        .expect("B rendered the delivery")
        .iter()
        .find(|f| f["watermarked"] == true)
        .unwrap()["url"]
        .as_str()
        .unwrap()
        .replace(&b, &a);
    let r = api.c.get(&preview).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.bytes().await.unwrap().len() > 10_000);
    let approved = api
        .post(
            &b,
            &format!("/headshots/{id}/approve"),
            &team_token,
            json!({}),
        )
        .await;
    assert_eq!(approved["status"], "approved");

    // A leader signed in on A is signed in on B: sessions live in the database.
    let link = url::Url::parse(team["leader_login_url"].as_str().unwrap()).unwrap();
    let leader = signed_in_with_link(&format!("{a}{}", link.path())).await;
    let r = leader.get(format!("{b}/team")).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert!(r.text().await.unwrap().contains("Acme"));

    // Password attempts are counted in the database: ten per email in a
    // quarter of an hour, whichever server they reach.
    for n in 0..11 {
        let server = if n % 2 == 0 { &a } else { &b };
        let c = browser();
        let html = c
            .get(format!("{server}/login"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let r = c
            .post(format!("{server}/login"))
            .form(&[
                ("csrf", csrf(&html)),
                ("email", "ada@studio.test".into()),
                ("password", "wrong".into()),
            ])
            .send()
            .await
            .unwrap();
        let expected = if n < 10 {
            StatusCode::OK
        } else {
            StatusCode::TOO_MANY_REQUESTS
        };
        assert_eq!(r.status(), expected, "attempt {}", n + 1);
        if n == 10 {
            assert!(
                r.text()
                    .await
                    .unwrap()
                    .contains("Too many sign-in attempts")
            );
        }
    }

    // The welcome and delivery emails went out once each, from the worker.
    let db = pool(&backend).await;
    // (Besides the new team's welcome to its leader.)
    let sent_sql = "SELECT COUNT(*) FROM sent_mail WHERE template NOT IN ($1, 'sign_in')";
    let mut sent = 0;
    for _ in 0..300 {
        sent = count(&db, sent_sql, "none").await;
        if sent >= 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(sent, 2);
    let metrics = api
        .c
        .get(format!("{a}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(metrics.contains("teamshot_http_request_duration_seconds_count{method=\"POST\",route=\"/api/v1/studio/headshots/{id}/quality-check\",status=\"200\"} 1"), "{metrics}");
    // The worker's own counters: it sent all three emails.
    let worker_metrics = api
        .c
        .get(format!("http://{metrics_listen}/metrics"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        worker_metrics.contains("teamshot_mail_total{result=\"sent\"} 3"),
        "{worker_metrics}"
    );
    assert!(
        worker_metrics.contains("teamshot_jobs_queued"),
        "the shared queue"
    );
    db.close().await;
}

/// A server killed (SIGKILL) while it renders a hand-in: the headshot is
/// delivered with its files and one email, or not at all — never delivered
/// without files. Handed in again on another server, it is delivered once.
#[tokio::test]
async fn a_hand_in_cut_off_by_a_kill_is_all_or_nothing() {
    let backend = Backend::new();
    backend.run(&["migrate"]);
    let (server, a) = backend.serve("serve-a", 0, &[]).await;
    let api = Api {
        c: crate::helpers::http_client(),
    };
    let (admin, team_token, id, member, _) = team_with_a_member(&backend, &api, &a).await;
    api.upload(&a, "/me/photo", &member, "photo", good_photo())
        .await;
    api.post(
        &a,
        &format!("/studio/headshots/{id}/quality-check"),
        &admin,
        json!({"decision": "pass"}),
    )
    .await;
    let db = pool(&backend).await;

    let deliver = |base: &str| {
        let part = reqwest::multipart::Part::bytes(cutout_png()).file_name("cutout.png");
        api.c
            .post(format!("{base}/api/v1/studio/headshots/{id}/deliver"))
            .bearer_auth(&admin)
            .multipart(reqwest::multipart::Form::new().part("cutout", part))
            .send()
    };
    let pending = tokio::spawn(deliver(&a));
    // Long enough for the upload to arrive, short of the render finishing.
    tokio::time::sleep(std::time::Duration::from_millis(150)).await;
    drop(server);
    let answered = pending
        .await
        .unwrap()
        .is_ok_and(|r| r.status().is_success());

    let status = |db: &sqlx::AnyPool| {
        let db = db.clone();
        let id = id.clone();
        async move {
            sqlx::query_scalar::<_, String>("SELECT status FROM headshots WHERE id = $1")
                .bind(&id)
                .fetch_one(&db)
                .await
                .unwrap()
        }
    };
    let files = "SELECT COUNT(*) FROM headshot_files WHERE headshot_id = $1";
    let delivered = status(&db).await == "delivered";
    eprintln!(
        "cut off {}",
        if delivered {
            "after the commit"
        } else {
            "before the commit"
        }
    );
    assert_eq!(
        delivered,
        count(&db, files, &id).await > 0,
        "delivered ⇔ files"
    );
    if answered {
        assert!(delivered, "a hand-in answered 200 is delivered");
    }

    let (_b, b) = backend.serve("serve-b", 0, &[]).await;
    if !delivered {
        let r = deliver(&b).await.unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    assert_eq!(status(&db).await, "delivered");
    let previews = api
        .get(&b, &format!("/headshots/{id}/files"), &team_token)
        .await;
    assert!(!previews.as_array().unwrap().is_empty());
    let all = count(&db, files, &id).await;
    let distinct = count(
        &db,
        "SELECT COUNT(*) FROM (SELECT DISTINCT delivery, background_id, shape, width, height, watermarked \
         FROM headshot_files WHERE headshot_id = $1) d",
        &id,
    )
    .await;
    assert_eq!(all, distinct, "one set of files, not two");

    let _worker = backend.worker("worker", &[]);
    let jobs = "SELECT COUNT(*) FROM jobs WHERE dead_at IS NULL AND kind <> $1";
    let mut done = false;
    for _ in 0..1200 {
        if count(&db, jobs, "none").await == 0 {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(done, "the worker sent the emails");
    let delivered_mail = "SELECT COUNT(*) FROM sent_mail WHERE template = $1";
    assert_eq!(
        count(&db, delivered_mail, "delivered").await,
        1,
        "one delivery email"
    );
    db.close().await;
}

/// A worker killed (SIGKILL) in the middle of a cut-out: the job stays
/// queued, another worker takes it over after the lease and stores one
/// draft, and the studio can fetch it.
#[tokio::test]
async fn a_cut_out_cut_off_by_a_kill_is_made_once_by_another_worker() {
    let backend = Backend::new();
    backend.run(&["migrate"]);
    let env = [
        ("TEAMSHOT_JOB_LEASE_SECONDS", "10"),
        ("TEAMSHOT_CUTOUTS", "true"),
    ];
    let (_a, a) = backend.serve("serve", 0, &env).await;
    let api = Api {
        c: crate::helpers::http_client(),
    };
    let (admin, _, id, member, _) = team_with_a_member(&backend, &api, &a).await;
    api.upload(&a, "/me/photo", &member, "photo", good_photo())
        .await;
    let db = pool(&backend).await;
    let first = backend.worker("worker-1", &env);
    let claimed = "SELECT COUNT(*) FROM jobs WHERE kind = $1 AND locked_by IS NOT NULL";
    let mut taken = false;
    for _ in 0..1200 {
        if count(&db, claimed, "cutout").await == 1 {
            taken = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    assert!(taken, "the first worker took the cut-out");
    // Well inside the model's preparation and inference (seconds).
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    drop(first); // SIGKILL
    let made = "SELECT COUNT(*) FROM cutouts WHERE headshot_id = $1";
    assert_eq!(count(&db, made, &id).await, 0, "killed before it finished");
    assert_eq!(
        count(&db, "SELECT COUNT(*) FROM jobs WHERE kind = $1", "cutout").await,
        1,
        "the job is still there"
    );

    let _second = backend.worker("worker-2", &env);
    let left = "SELECT COUNT(*) FROM jobs WHERE kind = $1";
    let mut done = false;
    for _ in 0..2400 {
        if count(&db, left, "cutout").await == 0 {
            done = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert!(done, "the second worker made the draft");
    assert_eq!(count(&db, made, &id).await, 1, "one draft");
    let r = api
        .c
        .get(format!("{a}/api/v1/studio/headshots/{id}/draft-cutout"))
        .bearer_auth(&admin)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let png = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert!(png.color().has_alpha());
    db.close().await;
}
