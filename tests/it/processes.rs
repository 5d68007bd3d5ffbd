//! The real binary as separate processes on one shared backend: a database
//! (PostgreSQL on the PostgreSQL run, else one SQLite file), one object store
//! (the S3-compatible server when the run provides one, else one folder) and
//! one secret key — what a scaled setup shares, and nothing else.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};

/// A child process killed (SIGKILL) when dropped.
pub struct Killed(pub Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Poll until `ready` holds (a server coming up), failing after 30 s.
pub async fn wait_for<F: FnMut() -> bool>(what: &str, mut ready: F) {
    crate::helpers::wait_until(30, what, || std::future::ready(ready())).await;
}

pub struct Backend {
    env: Vec<(String, String)>,
    database_url: String,
    pg: Option<(String, String)>,
    pub dir: tempfile::TempDir,
}

impl Backend {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut pg = None;
        let database_url = match std::env::var("TEAMSHOT_TEST_DATABASE_URL") {
            Ok(admin) if !admin.is_empty() => {
                let name = format!("p_{}", uuid::Uuid::new_v4().simple());
                let status = Command::new("psql")
                    .arg(&admin)
                    .arg("-qc")
                    .arg(format!("CREATE DATABASE {name}"))
                    .status()
                    .unwrap();
                assert!(status.success());
                let mut u = url::Url::parse(&admin).unwrap();
                u.set_path(&format!("/{name}"));
                pg = Some((admin, name));
                u.to_string()
            }
            _ => format!(
                "sqlite://{}?mode=rwc",
                dir.path().join("shared.db").display()
            ),
        };
        let mut env = vec![
            ("TEAMSHOT_DATABASE_URL".to_string(), database_url.clone()),
            (
                "TEAMSHOT_SECRET_KEY".to_string(),
                hex::encode(teamshot::services::secrets::random_bytes::<32>()),
            ),
        ];
        match std::env::var("TEAMSHOT_TEST_S3_ENDPOINT") {
            Ok(endpoint) if !endpoint.is_empty() => env.extend(
                [
                    (
                        "TEAMSHOT_STORAGE_URL",
                        format!("s3://teamshot-test/{}", uuid::Uuid::new_v4().simple()),
                    ),
                    ("TEAMSHOT_S3_ENDPOINT", endpoint),
                    ("TEAMSHOT_S3_REGION", "us-east-1".into()),
                    ("TEAMSHOT_S3_ACCESS_KEY_ID", "test".into()),
                    ("TEAMSHOT_S3_SECRET_ACCESS_KEY", "test".into()),
                ]
                .map(|(k, v)| (k.to_string(), v)),
            ),
            _ => env.push((
                "TEAMSHOT_STORAGE_URL".into(),
                format!("file://{}", dir.path().join("objects").display()),
            )),
        }
        Self {
            env,
            database_url,
            pg,
            dir,
        }
    }

    pub fn database_url(&self) -> &str {
        &self.database_url
    }

    /// The binary with this backend and its own data folder (`name`, under
    /// the backend's temporary folder): nothing else is shared.
    pub fn command(&self, name: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_teamshot"));
        c.arg("--data-dir")
            .arg(self.data_dir(name))
            .envs(self.env.iter().cloned())
            .env_remove("TEAMSHOT_WORKERS")
            .stdin(Stdio::null());
        c
    }

    pub fn data_dir(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Runs a command to completion; its JSON output.
    pub fn run(&self, args: &[&str]) -> Value {
        let out = self.command("cli").args(args).output().unwrap();
        assert!(
            out.status.success(),
            "teamshot {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap_or(Value::Null)
    }

    /// `teamshot serve` on a free port with `workers` job runners; its base URL.
    pub async fn serve(
        &self,
        name: &str,
        workers: usize,
        extra: &[(&str, &str)],
    ) -> (Killed, String) {
        let port = free_port();
        let child = self
            .command(name)
            .args(["--listen", &format!("127.0.0.1:{port}")])
            .env("TEAMSHOT_WORKERS", workers.to_string())
            .env("TEAMSHOT_CUTOUTS", "false")
            .envs(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .arg("serve")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let base = format!("http://127.0.0.1:{port}");
        wait_for("the server", || {
            std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
        })
        .await;
        (Killed(child), base)
    }

    /// `teamshot worker` with one job runner.
    pub fn worker(&self, name: &str, extra: &[(&str, &str)]) -> Killed {
        let child = self
            .command(name)
            .env("TEAMSHOT_WORKERS", "1")
            .env("TEAMSHOT_CUTOUTS", "false")
            .envs(extra.iter().map(|(k, v)| (k.to_string(), v.to_string())))
            .arg("worker")
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        Killed(child)
    }
}

impl Drop for Backend {
    fn drop(&mut self) {
        if let Some((admin, name)) = self.pg.take() {
            let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            let _ = Command::new("psql").arg(admin).arg("-qc").arg(sql).status();
        }
    }
}
