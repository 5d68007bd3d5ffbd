//! Who a headshot is for: correcting the member's name and email (a new
//! address moves the personal link), and the names for the credit history.

use sqlx::{Any, Executor};

/// The member's corrected name and email, and with a new email the new
/// personal link's version and hash.
pub struct MemberChange<'a> {
    /// `None`: left as it is.
    pub first_name: Option<&'a str>,
    pub last_name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub link: Option<(i64, &'a str)>,
    /// The invitation's hold as read: a new address is written only if
    /// no one sent the invitation meanwhile (its welcome would otherwise
    /// go to the old link).
    pub held: i64,
}

/// `false` when the link's version moved meanwhile or the headshot was
/// approved or deleted. A new address starts the reminders afresh.
pub async fn change_member<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    version: i64,
    c: &MemberChange<'_>,
    now: i64,
) -> sqlx::Result<bool> {
    let done = match (c.link, c.email) {
        (Some((new_version, hash)), Some(email)) => sqlx::query(
            "UPDATE headshots SET first_name = COALESCE($3, first_name), last_name = COALESCE($4, last_name), \
             updated_at = $5, email = $6, email_bounced_at = NULL, email_bounce = NULL, \
             member_token_version = $7, member_token_hash = $8, reminder_count = 0, last_reminded_at = NULL \
             WHERE id = $1 AND member_token_version = $2 AND status <> 'approved' AND deleted_at IS NULL \
             AND invite_held = $9",
        )
        .bind(id)
        .bind(version)
        .bind(c.first_name)
        .bind(c.last_name)
        .bind(now)
        .bind(email)
        .bind(new_version)
        .bind(hash)
        .bind(c.held),
        _ => sqlx::query(
            "UPDATE headshots SET first_name = COALESCE($3, first_name), last_name = COALESCE($4, last_name), \
             updated_at = $5 \
             WHERE id = $1 AND member_token_version = $2 AND status <> 'approved' AND deleted_at IS NULL",
        )
        .bind(id)
        .bind(version)
        .bind(c.first_name)
        .bind(c.last_name)
        .bind(now),
    }
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Every headshot's member name by id, deleted ones included.
pub async fn names_for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<std::collections::HashMap<String, String>> {
    let rows: Vec<(String, String, String)> =
        sqlx::query_as("SELECT id, first_name, last_name FROM headshots WHERE team_id = $1")
            .bind(team_id)
            .fetch_all(e)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, first, last)| (id, format!("{first} {last}")))
        .collect())
}

/// Marks headshot `id`'s address as bounced, if it is still `email` (a
/// correction made meanwhile wins); whether it was marked now. The first
/// bounce's time is kept.
pub async fn mark_bounced<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    email: &str,
    reason: &str,
    now: i64,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE headshots SET email_bounced_at = $4, email_bounce = $3, updated_at = $4 \
         WHERE id = $1 AND email = $2 AND email_bounced_at IS NULL AND deleted_at IS NULL",
    )
    .bind(id)
    .bind(email)
    .bind(reason)
    .bind(now)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}

/// The headshots (id, team) whose member address is `email` and not yet
/// marked bounced.
pub async fn unbounced_with_address<'e, E: Executor<'e, Database = Any>>(
    e: E,
    email: &str,
) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT id, team_id FROM headshots \
         WHERE email = $1 AND email_bounced_at IS NULL AND deleted_at IS NULL",
    )
    .bind(email)
    .fetch_all(e)
    .await
}

/// Clears headshot `id`'s bounce mark while its address is still `email`;
/// whether this call cleared it.
pub async fn clear_bounce<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    email: &str,
) -> sqlx::Result<bool> {
    Ok(sqlx::query(
        "UPDATE headshots SET email_bounced_at = NULL, email_bounce = NULL \
         WHERE id = $1 AND email = $2 AND email_bounced_at IS NOT NULL",
    )
    .bind(id)
    .bind(email)
    .execute(e)
    .await?
    .rows_affected()
        == 1)
}
