//! The job queue table (a transactional outbox). Jobs are inserted in the
//! same transaction as the change that causes them and claimed with a lease:
//! a worker that dies leaves its job to be taken over when the lease ends.

use super::{Backend, Db};
use crate::queue::JobKind;
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct JobRow {
    pub id: String,
    pub kind: JobKind,
    pub payload: String,
    pub attempts: i64,
    pub max_attempts: i64,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    kind: JobKind,
    payload: &str,
    run_at: i64,
    max_attempts: i64,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO jobs (id, kind, payload, run_at, max_attempts, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(id)
    .bind(kind)
    .bind(payload)
    .bind(run_at)
    .bind(max_attempts)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Several jobs of one kind at once (at most `BATCH_ROWS`): `(id, payload)`.
pub async fn insert_many<'e, E: Executor<'e, Database = Any>>(
    e: E,
    kind: JobKind,
    jobs: &[(String, String)],
    max_attempts: i64,
    now: i64,
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO jobs (id, kind, payload, run_at, max_attempts, created_at) VALUES {}",
        super::values_list(jobs.len(), 6)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for (id, payload) in jobs {
        q = q
            .bind(id)
            .bind(kind)
            .bind(payload)
            .bind(now)
            .bind(max_attempts)
            .bind(now);
    }
    q.execute(e).await?;
    Ok(())
}

/// Claim the oldest ready job of one of `kinds` for `lease_ms`. A worker
/// claims only kinds it knows, so a job queued by a newer version waits for
/// a worker that can run it. PostgreSQL skips rows other workers hold;
/// SQLite has one writer at a time, so a plain select is safe inside its
/// `BEGIN IMMEDIATE` transaction.
pub async fn claim(
    db: &Db,
    worker: &str,
    now: i64,
    lease_ms: i64,
    kinds: &[JobKind],
) -> anyhow::Result<Option<JobRow>> {
    if kinds.is_empty() {
        return Ok(None);
    }
    let kind_list = (0..kinds.len())
        .map(|i| format!("${}", i + 2))
        .collect::<Vec<_>>()
        .join(", ");
    let lock = match db.backend {
        Backend::Postgres => " FOR UPDATE SKIP LOCKED",
        Backend::Sqlite => "",
    };
    let pick = format!(
        "SELECT id FROM jobs WHERE dead_at IS NULL AND run_at <= $1 AND kind IN ({kind_list}) \
         AND (locked_until IS NULL OR locked_until < $1) ORDER BY run_at, id LIMIT 1{lock}"
    );
    loop {
        let mut tx = db.begin().await?;
        let mut q = sqlx::query_scalar(sqlx::AssertSqlSafe(pick.clone())).bind(now);
        for kind in kinds {
            q = q.bind(*kind);
        }
        let id: Option<String> = q.fetch_optional(&mut *tx).await?;
        let Some(id) = id else {
            tx.commit().await?;
            return Ok(None);
        };
        let job: JobRow = sqlx::query_as(
            "UPDATE jobs SET locked_until = $2, locked_by = $3, attempts = attempts + 1 WHERE id = $1 \
             RETURNING id, kind, payload, attempts, max_attempts",
        )
        .bind(&id)
        .bind(now + lease_ms)
        .bind(worker)
        .fetch_one(&mut *tx)
        .await?;
        if job.attempts <= job.max_attempts {
            tx.commit().await?;
            return Ok(Some(job));
        }
        // Every attempt was claimed and none reported back: the job kills
        // its runner (a panic that aborts, the OOM killer, a lease that
        // always runs out). Give up instead of running it forever.
        sqlx::query(
            "UPDATE jobs SET dead_at = $2, locked_until = NULL, locked_by = NULL, \
             last_error = 'its runner stopped (crash, kill or lease expiry) on every attempt; last error: ' || COALESCE(last_error, 'none') \
             WHERE id = $1",
        )
        .bind(&id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        tracing::error!(job.id = %id, job.kind = %job.kind, "job given up: its runner never finished it");
    }
}

pub async fn delete<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM jobs WHERE id = $1")
        .bind(id)
        .execute(e)
        .await?;
    Ok(())
}

/// A job its runner gave up because the process is stopping: ready again
/// at once, and the attempt not counted.
pub async fn hand_back<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET locked_until = NULL, locked_by = NULL, attempts = attempts - 1 WHERE id = $1",
    )
    .bind(id)
    .execute(e)
    .await?;
    Ok(())
}

/// Record a failure: retry at `retry_at`, or give up (kept for inspection).
pub async fn fail<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    error: &str,
    retry_at: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE jobs SET locked_until = NULL, locked_by = NULL, last_error = $2, \
         run_at = COALESCE($3, run_at), dead_at = CASE WHEN $3 IS NULL THEN $4 ELSE NULL END WHERE id = $1",
    )
    .bind(id)
    .bind(error)
    .bind(retry_at)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Jobs not yet done (waiting, running or retrying), excluding dead ones.
pub async fn pending_count<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<i64> {
    sqlx::query_scalar("SELECT COUNT(*) FROM jobs WHERE dead_at IS NULL")
        .fetch_one(e)
        .await
}

#[derive(Debug, Clone, FromRow)]
pub struct DeadJob {
    pub id: String,
    pub kind: String,
    pub last_error: Option<String>,
    pub attempts: i64,
    pub created_at: i64,
    pub dead_at: i64,
}

pub async fn dead<'e, E: Executor<'e, Database = Any>>(e: E) -> sqlx::Result<Vec<DeadJob>> {
    sqlx::query_as(
        "SELECT id, kind, last_error, attempts, created_at, dead_at FROM jobs \
         WHERE dead_at IS NOT NULL ORDER BY dead_at, id",
    )
    .fetch_all(e)
    .await
}

/// Puts dead jobs back in the queue with a fresh set of attempts: one
/// (`Some(id)`) or all. How many were revived.
pub async fn revive<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: Option<&str>,
    now: i64,
) -> sqlx::Result<u64> {
    Ok(sqlx::query(
        "UPDATE jobs SET dead_at = NULL, attempts = 0, run_at = $2, locked_until = NULL, locked_by = NULL \
         WHERE dead_at IS NOT NULL AND (CAST($1 AS TEXT) IS NULL OR id = $1)",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected())
}

pub async fn mail_already_sent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    job_id: &str,
) -> sqlx::Result<bool> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sent_mail WHERE job_id = $1")
        .bind(job_id)
        .fetch_one(e)
        .await?;
    Ok(n > 0)
}

pub async fn record_mail_sent<'e, E: Executor<'e, Database = Any>>(
    e: E,
    job_id: &str,
    template: &str,
    to_masked: &str,
    transport: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO sent_mail (job_id, template, to_masked, transport, sent_at) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (job_id) DO NOTHING",
    )
    .bind(job_id)
    .bind(template)
    .bind(to_masked)
    .bind(transport)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Per kind: jobs not given up (waiting, running or scheduled for a retry),
/// since when the oldest ready one has been ready (`run_at <= now`; `None`
/// when every job is scheduled for later), and jobs given up (dead).
pub async fn queue_stats<'e, E: Executor<'e, Database = Any>>(
    e: E,
    now: i64,
) -> sqlx::Result<Vec<(String, i64, Option<i64>, i64)>> {
    sqlx::query_as(
        "SELECT kind, SUM(CASE WHEN dead_at IS NULL THEN 1 ELSE 0 END), \
         MIN(CASE WHEN dead_at IS NULL AND run_at <= $1 THEN run_at END), \
         SUM(CASE WHEN dead_at IS NULL THEN 0 ELSE 1 END) FROM jobs GROUP BY kind ORDER BY kind",
    )
    .bind(now)
    .fetch_all(e)
    .await
}
