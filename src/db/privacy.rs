//! Retention and erasure: approved headshots whose sources are due for
//! deletion, a member's headshots, and the rows an erasure rewrites. The
//! stored objects go in a job queued in the same transaction
//! (`queue::DeleteObjects`).

use super::headshots::{COLUMNS, HeadshotRow};
use sqlx::{Any, Executor};

/// Approved headshots, approved at or before `approved_by`, whose original
/// photos and drafts are still kept: `(id, team_id, approved_at)`, oldest
/// first.
pub async fn sources_due<'e, E: Executor<'e, Database = Any>>(
    e: E,
    approved_by: i64,
    limit: i64,
) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as(
        "SELECT id, team_id, approved_at FROM headshots WHERE status = 'approved' AND approved_at <= $1 \
         AND sources_deleted_at IS NULL AND erased_at IS NULL AND deleted_at IS NULL \
         ORDER BY approved_at, id LIMIT $2",
    )
    .bind(approved_by)
    .bind(limit)
    .fetch_all(e)
    .await
}

/// Marks the sources of `id` deleted (still approved, not done before):
/// false when another run did it or the headshot moved on.
pub async fn mark_sources_deleted<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE headshots SET sources_deleted_at = $2, photo_id = NULL \
         WHERE id = $1 AND status = 'approved' AND sources_deleted_at IS NULL AND erased_at IS NULL",
    )
    .bind(id)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// The rows of one uploaded photo and its cut-out.
pub async fn delete_photo_rows(tx: &mut super::Tx, photo_id: &str) -> sqlx::Result<()> {
    for sql in [
        "DELETE FROM cutouts WHERE photo_id = $1",
        "DELETE FROM photos WHERE id = $1",
    ] {
        sqlx::query(sql).bind(photo_id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Every headshot of one address in a team, deleted ones too (they still
/// hold the name), erased ones not.
pub async fn of_member<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    email: &str,
) -> sqlx::Result<Vec<HeadshotRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE team_id = $1 AND email = $2 AND erased_at IS NULL \
         ORDER BY created_at, id"
    )))
    .bind(team_id)
    .bind(email)
    .fetch_all(e)
    .await
}

/// What an erasure leaves of a headshot: no name, no address, no notes, a
/// personal link that opens nothing; off the dashboard. False when it was
/// erased already.
pub async fn tombstone(
    tx: &mut super::Tx,
    id: &str,
    token_hash: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE headshots SET first_name = 'Erased', last_name = 'member', \
         email = 'erased-' || id || '@erased.invalid', member_token_hash = $2, \
         member_token_version = member_token_version + 1, qc_note = NULL, re_edit_notes = NULL, \
         email_bounce = NULL, photo_id = NULL, retouched_key = NULL, claimed_by = NULL, intake = NULL, \
         claimed_at = NULL, erased_at = $3, deleted_at = COALESCE(deleted_at, $3), updated_at = $3 \
         WHERE id = $1 AND erased_at IS NULL",
    )
    .bind(id)
    .bind(token_hash)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    if r.rows_affected() == 0 {
        return Ok(false);
    }
    for sql in [
        "DELETE FROM cutouts WHERE headshot_id = $1",
        "DELETE FROM photos WHERE headshot_id = $1",
        "DELETE FROM headshot_files WHERE headshot_id = $1",
        "DELETE FROM headshot_events WHERE headshot_id = $1",
        // Its pushes' details may name the address.
        "DELETE FROM photo_pushes WHERE headshot_id = $1",
        // (A Slack token held is taken, to be revoked, before.)
        "DELETE FROM slack_photo_consents WHERE headshot_id = $1",
    ] {
        sqlx::query(sql).bind(id).execute(&mut **tx).await?;
    }
    Ok(true)
}

/// The address out of the team's other records: requests to join through
/// its links go, and the ledger and team log name an "erased member"
/// instead (their amounts and times stay).
pub async fn forget_address(tx: &mut super::Tx, team_id: &str, email: &str) -> sqlx::Result<()> {
    sqlx::query(
        "DELETE FROM invite_link_joins WHERE email = $2 \
         AND link_id IN (SELECT id FROM invite_links WHERE team_id = $1)",
    )
    .bind(team_id)
    .bind(email)
    .execute(&mut **tx)
    .await?;
    for sql in [
        "UPDATE ledger SET actor = REPLACE(actor, $2, 'erased member'), \
         note = REPLACE(note, $2, 'erased member') \
         WHERE team_id = $1 AND (actor LIKE '%' || $2 || '%' OR note LIKE '%' || $2 || '%')",
        "UPDATE team_events SET actor = REPLACE(actor, $2, 'erased member'), \
         action = REPLACE(action, $2, 'erased member') \
         WHERE team_id = $1 AND (actor LIKE '%' || $2 || '%' OR action LIKE '%' || $2 || '%')",
    ] {
        sqlx::query(sql)
            .bind(team_id)
            .bind(email)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A headshot's uploaded photos, oldest first.
pub async fn photos_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<super::photos::PhotoRow>> {
    sqlx::query_as(
        "SELECT id, headshot_id, storage_key, content_type, bytes, width, height, uploaded_by, created_at, checks \
         FROM photos WHERE headshot_id = $1 ORDER BY created_at, id",
    )
    .bind(headshot_id)
    .fetch_all(e)
    .await
}

/// A headshot's credit movements: `(at, kind, credits, amount_cents)`.
pub async fn ledger_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
) -> sqlx::Result<Vec<(i64, String, i64, i64)>> {
    sqlx::query_as(
        "SELECT at, kind, credits, amount_cents FROM ledger WHERE headshot_id = $1 ORDER BY at, id",
    )
    .bind(headshot_id)
    .fetch_all(e)
    .await
}

/// Requests to join the team through its invite links from `email`:
/// `(link name, first name, last name, asked at, confirmed at)`.
pub async fn joins_of<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    email: &str,
) -> sqlx::Result<Vec<(String, String, String, i64, Option<i64>)>> {
    sqlx::query_as(
        "SELECT l.name, j.first_name, j.last_name, j.created_at, j.confirmed_at \
         FROM invite_link_joins j JOIN invite_links l ON l.id = j.link_id \
         WHERE l.team_id = $1 AND j.email = $2 ORDER BY j.created_at, j.id",
    )
    .bind(team_id)
    .bind(email)
    .fetch_all(e)
    .await
}
