//! The audit trail of every headshot: who did what and when.

use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct EventRow {
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
}

pub async fn insert<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    team_id: &str,
    at: i64,
    actor: &str,
    action: &str,
    detail: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO headshot_events (id, headshot_id, team_id, at, actor, action, detail) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(super::new_id())
    .bind(headshot_id)
    .bind(team_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .bind(detail)
    .execute(e)
    .await?;
    Ok(())
}

/// The same entry for several headshots of one team (at most `BATCH_ROWS`).
pub async fn insert_many<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_ids: &[String],
    team_id: &str,
    at: i64,
    actor: &str,
    action: &str,
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO headshot_events (id, headshot_id, team_id, at, actor, action, detail) VALUES {}",
        super::values_list(headshot_ids.len(), 7)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for id in headshot_ids {
        q = q
            .bind(super::new_id())
            .bind(id)
            .bind(team_id)
            .bind(at)
            .bind(actor)
            .bind(action)
            .bind(None::<String>);
    }
    q.execute(e).await?;
    Ok(())
}

pub async fn for_headshot<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<EventRow>> {
    sqlx::query_as("SELECT at, actor, action, detail FROM headshot_events WHERE headshot_id = $1 ORDER BY at, id")
        .bind(headshot_id)
        .fetch_all(e)
        .await
}

pub async fn insert_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    at: i64,
    actor: &str,
    action: &str,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO team_events (id, team_id, at, actor, action) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(super::new_id())
    .bind(team_id)
    .bind(at)
    .bind(actor)
    .bind(action)
    .execute(e)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, FromRow)]
pub struct AuditRow {
    pub id: String,
    pub at: i64,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
    pub headshot_id: Option<String>,
    pub member: Option<String>,
}

/// The team's whole audit trail, newest first: headshot and team entries.
pub async fn for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    limit: i64,
) -> sqlx::Result<Vec<AuditRow>> {
    sqlx::query_as(
        // Ids are UUIDv7, so they order entries made within one millisecond.
        "SELECT ev.id, ev.at, ev.actor, ev.action, ev.detail, ev.headshot_id, h.first_name || ' ' || h.last_name AS member \
         FROM headshot_events ev JOIN headshots h ON h.id = ev.headshot_id WHERE ev.team_id = $1 \
         UNION ALL \
         SELECT id, at, actor, action, NULL, NULL, NULL FROM team_events WHERE team_id = $1 \
         ORDER BY 2 DESC, 1 DESC LIMIT $2",
    )
    .bind(team_id)
    .bind(limit)
    .fetch_all(e)
    .await
}
