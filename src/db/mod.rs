//! The only place that knows SQL. One set of statements for SQLite and
//! PostgreSQL through sqlx's `Any` driver (`$1` placeholders work on both);
//! where a statement must differ, both versions sit side by side.

pub mod confirmed_domains;
pub mod custom_backgrounds;
pub mod cutouts;
pub mod departments;
pub mod events;
pub mod files;
pub mod headshot_claims;
pub mod headshot_members;
pub mod headshots;
pub mod held_invites;
pub mod idempotency;
pub mod intake;
pub mod invite_links;
pub mod invoices;
pub mod jobs;
pub mod leader_invitations;
pub mod ledger;
#[cfg(test)]
mod migration_twins;
pub mod notices;
pub mod payments;
pub mod photo_pushes;
pub mod photos;
pub mod privacy;
pub mod rate_limits;
pub mod refreshes;
pub mod reports;
pub mod resizes;
pub mod sessions;
pub mod setup;
pub mod signups;
pub mod slack_photos;
pub mod spend_requests;
pub mod sso;
pub mod studio_events;
pub mod studio_settings;
pub mod styles;
pub mod support;
pub mod team_leaders;
pub mod teams;
pub mod tokens;
pub mod two_factor;
mod typed;
pub mod users;
pub mod webhooks;

use anyhow::Context;
use secrecy::{ExposeSecret, SecretString};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::{Any, AnyPool, Executor, Transaction};
use std::str::FromStr;
use std::time::Duration;

pub type Tx = Transaction<'static, Any>;

/// Whether `e` is a unique constraint refusing a second row (two requests
/// racing to create the same thing).
pub fn is_unique_violation(e: &sqlx::Error) -> bool {
    matches!(e, sqlx::Error::Database(d) if d.is_unique_violation())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

#[derive(Clone)]
pub struct Db {
    pub pool: AnyPool,
    pub backend: Backend,
}

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

impl Db {
    pub async fn connect(url: &SecretString) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let url = url.expose_secret();
        let backend = if url.starts_with("sqlite:") {
            Backend::Sqlite
        } else {
            Backend::Postgres
        };
        if backend == Backend::Sqlite {
            ensure_sqlite_parent(url)?;
        }
        let opts = AnyConnectOptions::from_str(url)
            .context("the database URL is malformed (--database-url / TEAMSHOT_DATABASE_URL)")?;
        let pool = AnyPoolOptions::new()
            .max_connections(if backend == Backend::Sqlite { 8 } else { 16 })
            .acquire_timeout(Duration::from_secs(15))
            .after_connect(move |conn, _meta| {
                Box::pin(async move {
                    if backend == Backend::Sqlite {
                        // WAL lets readers run beside the single writer; the busy
                        // timeout makes writers queue instead of failing;
                        // foreign keys are off by default in SQLite.
                        conn.execute("PRAGMA journal_mode = WAL").await?;
                        conn.execute("PRAGMA busy_timeout = 10000").await?;
                        conn.execute("PRAGMA foreign_keys = ON").await?;
                        conn.execute("PRAGMA synchronous = NORMAL").await?;
                        // 32 MB page cache: large imports stay in memory until commit.
                        conn.execute("PRAGMA cache_size = -32000").await?;
                    }
                    Ok(())
                })
            })
            .connect_with(opts)
            .await
            .with_context(|| match backend {
                Backend::Sqlite => "cannot open the SQLite database: check that the data dir is writable".to_string(),
                Backend::Postgres => "cannot connect to PostgreSQL: check host, port, user and password in --database-url / TEAMSHOT_DATABASE_URL".to_string(),
            })?;
        Ok(Self { pool, backend })
    }

    pub async fn migrate(&self) -> anyhow::Result<()> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator
            .run(&self.pool)
            .await
            .context("database migration failed")?;
        Ok(())
    }

    /// A transaction that will write. SQLite takes the write lock up front
    /// (`BEGIN IMMEDIATE`), so two writers queue on the busy timeout instead of
    /// one failing when it upgrades from reading to writing.
    pub async fn begin(&self) -> anyhow::Result<Tx> {
        let tx = match self.backend {
            Backend::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await,
            Backend::Postgres => self.pool.begin().await,
        };
        tx.context("cannot start a database transaction")
    }
}

fn ensure_sqlite_parent(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path == ":memory:" {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent() {
        std::fs::create_dir_all(parent).with_context(|| {
            format!(
                "cannot create {}: choose a writable --data-dir",
                parent.display()
            )
        })?;
    }
    Ok(())
}

/// `($1, $2), ($3, $4)` for a multi-row INSERT of `rows` rows of `cols` values.
pub fn values_list(rows: usize, cols: usize) -> String {
    (0..rows)
        .map(|r| {
            let cells: Vec<String> = (1..=cols).map(|c| format!("${}", r * cols + c)).collect();
            format!("({})", cells.join(", "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rows per multi-row INSERT: well under both databases' parameter limits.
pub const BATCH_ROWS: usize = 200;

/// A new sortable id.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_lists_number_every_cell() {
        assert_eq!(super::values_list(2, 3), "($1, $2, $3), ($4, $5, $6)");
    }
}
