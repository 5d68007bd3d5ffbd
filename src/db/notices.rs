//! The email notices team leaders chose (`leader_notices`); a leader without
//! a row has the defaults, which callers pass in so the rule lives in
//! `domain::notices` alone.

use crate::domain::notices::{Digest, NoticeKind, NoticePrefs};
use crate::domain::{TeamId, UserId};
use sqlx::{Any, Executor, Row};

fn prefs_of(r: &sqlx::any::AnyRow, d: NoticePrefs) -> sqlx::Result<NoticePrefs> {
    Ok(NoticePrefs {
        digest: Digest::parse(r.try_get(0)?).unwrap_or(d.digest),
        new_photo: r.try_get::<i64, _>(1)? != 0,
        credits_low: r.try_get::<i64, _>(2)? != 0,
        spend_request: r.try_get::<i64, _>(3)? != 0,
    })
}

/// The leader's choice, or `defaults` when they never chose.
pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &UserId,
    defaults: NoticePrefs,
) -> sqlx::Result<NoticePrefs> {
    let row =
        sqlx::query(
            "SELECT digest, new_photo, credits_low, spend_request FROM leader_notices WHERE user_id = $1",
        )
            .bind(user_id)
            .fetch_optional(e)
            .await?;
    Ok(match row {
        Some(r) => prefs_of(&r, defaults)?,
        None => defaults,
    })
}

/// Saves the leader's choice (the digest's send record is kept).
pub async fn save<'e, E: Executor<'e, Database = Any>>(
    e: E,
    user_id: &UserId,
    p: NoticePrefs,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO leader_notices (user_id, digest, new_photo, credits_low, spend_request, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6) \
         ON CONFLICT (user_id) DO UPDATE SET digest = $2, new_photo = $3, credits_low = $4, \
         spend_request = $5, updated_at = $6",
    )
    .bind(user_id)
    .bind(p.digest.as_str())
    .bind(i64::from(p.new_photo))
    .bind(i64::from(p.credits_low))
    .bind(i64::from(p.spend_request))
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// The team's leaders who want `kind` (an instant notice).
pub async fn recipients<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &TeamId,
    kind: NoticeKind,
    defaults: NoticePrefs,
    department: Option<&str>,
) -> sqlx::Result<Vec<UserId>> {
    let column = match kind {
        NoticeKind::Digest => {
            "CASE WHEN n.digest IS NULL THEN $2 WHEN n.digest = 'off' THEN 0 ELSE 1 END"
        }
        NoticeKind::NewPhoto => "COALESCE(n.new_photo, $2)",
        NoticeKind::CreditsLow => "COALESCE(n.credits_low, $2)",
        NoticeKind::SpendRequest => "COALESCE(n.spend_request, $2)",
    };
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT u.id FROM users u LEFT JOIN leader_notices n ON n.user_id = u.id \
         JOIN team_leaders tl ON tl.user_id = u.id \
         WHERE tl.team_id = $1 AND {column} = 1 \
         AND (tl.department_id IS NULL OR tl.department_id = $3) ORDER BY tl.added_at, u.id"
    )))
    .bind(team_id)
    .bind(i64::from(defaults.wants(kind)))
    .bind(department.unwrap_or(""))
    .fetch_all(e)
    .await?;
    rows.iter()
        .map(|r| r.try_get::<String, _>(0).map(|id| UserId::of(&id)))
        .collect()
}

/// A leader who may be due a digest.
#[derive(Debug, Clone)]
pub struct DigestReader {
    pub user_id: UserId,
    pub team_id: TeamId,
    pub digest: Digest,
    pub sent_on: Option<String>,
}

/// Every (leader, team) whose digest is not off: a leader of several teams
/// reads one digest per team.
pub async fn digest_readers<'e, E: Executor<'e, Database = Any>>(
    e: E,
    defaults: NoticePrefs,
) -> sqlx::Result<Vec<DigestReader>> {
    let rows = sqlx::query(
        "SELECT u.id, tl.team_id, COALESCE(n.digest, $1), d.sent_on \
         FROM team_leaders tl JOIN users u ON u.id = tl.user_id \
         LEFT JOIN leader_notices n ON n.user_id = u.id \
         LEFT JOIN leader_digests d ON d.user_id = u.id AND d.team_id = tl.team_id \
         WHERE COALESCE(n.digest, $1) <> 'off' \
         ORDER BY tl.team_id, u.id",
    )
    .bind(defaults.digest.as_str())
    .fetch_all(e)
    .await?;
    rows.iter()
        .map(|r| {
            Ok(DigestReader {
                user_id: UserId::of(&r.try_get::<String, _>(0)?),
                team_id: TeamId::of(&r.try_get::<String, _>(1)?),
                digest: Digest::parse(&r.try_get::<String, _>(2)?).unwrap_or(defaults.digest),
                sent_on: r.try_get(3)?,
            })
        })
        .collect()
}

/// Claims today's digest for a leader and team: `Some(previous send
/// instant)` when this caller won (`None` inside for a first digest),
/// `None` when today's went already. Concurrent schedulers: one wins.
pub async fn claim_digest(
    tx: &mut super::Tx,
    user_id: &UserId,
    team_id: &TeamId,
    today: &str,
    now: i64,
) -> sqlx::Result<Option<Option<i64>>> {
    let before: Option<i64> = sqlx::query_scalar(
        "SELECT sent_at FROM leader_digests WHERE user_id = $1 AND team_id = $2",
    )
    .bind(user_id)
    .bind(team_id)
    .fetch_optional(&mut **tx)
    .await?;
    let r = sqlx::query(
        "INSERT INTO leader_digests (user_id, team_id, sent_on, sent_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, team_id) DO UPDATE SET sent_on = $3, sent_at = $4 \
         WHERE leader_digests.sent_on <> $3",
    )
    .bind(user_id)
    .bind(team_id)
    .bind(today)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok((r.rows_affected() == 1).then_some(before))
}
