//! Headshot rows. Status changes are guarded by the status they were decided
//! from (`WHERE status = $old`), so two racing requests cannot both move it.

use crate::domain::{DepartmentId, HeadshotId, HeadshotStatus, TeamId};
use sqlx::{Any, Executor, FromRow};

#[derive(Debug, Clone, FromRow)]
pub struct HeadshotRow {
    pub id: HeadshotId,
    pub team_id: TeamId,
    pub first_name: String,
    pub last_name: String,
    pub email: String,
    pub status: HeadshotStatus,
    pub due_date: String,
    pub expedited: i64,
    pub member_token_version: i64,
    pub qc_reasons: String,
    pub qc_note: Option<String>,
    pub style_id: Option<String>,
    pub photo_id: Option<String>,
    pub retouch_due_at: Option<i64>,
    pub created_at: i64,
    pub updated_at: i64,
    pub uploaded_at: Option<i64>,
    pub delivered_at: Option<i64>,
    pub approved_at: Option<i64>,
    pub reminder_count: i64,
    pub last_reminded_at: Option<i64>,
    pub claimed_by: Option<String>,
    pub claimed_at: Option<i64>,
    pub delivery_count: i64,
    pub style_snapshot: Option<String>,
    pub retouched_key: Option<String>,
    pub retouched_kind: Option<String>,
    pub re_edit_notes: Option<String>,
    /// When mail to `email` bounced permanently; no mail goes to it until
    /// a leader corrects it.
    pub email_bounced_at: Option<i64>,
    /// What the receiving server said.
    pub email_bounce: Option<String>,
    /// 1 while the welcome email is held back for a leader to send.
    pub invite_held: i64,
    /// The approved headshot this one refreshes (periodic refresh).
    pub refresh_of: Option<HeadshotId>,
    /// When its refresh was approved: it is history, off the dashboard.
    pub replaced_at: Option<i64>,
    /// When the studio's retention deleted its original photos and drafts.
    pub sources_deleted_at: Option<i64>,
    /// The member's answers to the team's questions (JSON object).
    pub intake: Option<String>,
    /// The team's department it belongs to (`None`: the team at large).
    pub department_id: Option<DepartmentId>,
}

pub(crate) const COLUMNS: &str = "id, team_id, first_name, last_name, email, status, due_date, expedited, \
     member_token_version, qc_reasons, qc_note, style_id, photo_id, retouch_due_at, created_at, \
     updated_at, uploaded_at, delivered_at, approved_at, reminder_count, last_reminded_at, \
     claimed_by, claimed_at, delivery_count, style_snapshot, retouched_key, retouched_kind, \
     re_edit_notes, email_bounced_at, email_bounce, invite_held, refresh_of, replaced_at, sources_deleted_at, intake, \
     department_id";

pub struct NewHeadshot<'a> {
    pub id: &'a str,
    pub team_id: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub email: &'a str,
    pub due_date: &'a str,
    pub member_token_hash: &'a str,
    /// The welcome email waits for a leader to send it.
    pub invite_held: bool,
    /// Answers to the team's questions (JSON), if known.
    pub intake: Option<&'a str>,
    pub department_id: Option<&'a str>,
    pub now: i64,
}

/// Several at once (at most `BATCH_ROWS`).
pub async fn insert_many<'e, E: Executor<'e, Database = Any>>(
    e: E,
    rows: &[NewHeadshot<'_>],
) -> sqlx::Result<()> {
    let sql = format!(
        "INSERT INTO headshots (id, team_id, first_name, last_name, email, status, due_date, member_token_hash, \
         created_at, updated_at, invite_held, intake, department_id) VALUES {}",
        super::values_list(rows.len(), 13)
    );
    let mut q = sqlx::query(sqlx::AssertSqlSafe(sql.as_str()));
    for h in rows {
        q = q
            .bind(h.id)
            .bind(h.team_id)
            .bind(h.first_name)
            .bind(h.last_name)
            .bind(h.email)
            .bind("invited")
            .bind(h.due_date)
            .bind(h.member_token_hash)
            .bind(h.now)
            .bind(h.now)
            .bind(i64::from(h.invite_held))
            .bind(h.intake)
            .bind(h.department_id);
    }
    q.execute(e).await?;
    Ok(())
}

pub async fn get<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &HeadshotId,
) -> sqlx::Result<Option<HeadshotRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE id = $1 AND deleted_at IS NULL"
    )))
    .bind(id)
    .fetch_optional(e)
    .await
}

pub async fn by_member_hash<'e, E: Executor<'e, Database = Any>>(
    e: E,
    hash: &str,
) -> sqlx::Result<Option<HeadshotRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE member_token_hash = $1 AND deleted_at IS NULL"
    )))
    .bind(hash)
    .fetch_optional(e)
    .await
}

/// `,invited,email_opened,`: the form `ListFilter::statuses` and the
/// queries' `LIKE '%,' || status || ',%'` expect.
pub fn status_list(statuses: impl IntoIterator<Item = HeadshotStatus>) -> String {
    let names: String = statuses
        .into_iter()
        .map(|s| format!("{},", s.as_str()))
        .collect();
    format!(",{names}")
}

/// Filters for a team's list; empty strings mean "any".
#[derive(Debug, Default)]
pub struct ListFilter {
    /// Comma-wrapped status names, e.g. `,invited,email_opened,`.
    pub statuses: String,
    /// Lower-case search text matched against names and email.
    pub query: String,
    /// One department's id; `NO_DEPARTMENT` for the team at large.
    pub department: String,
}

/// `ListFilter::department` for headshots in no department.
pub const NO_DEPARTMENT: &str = "-";

pub async fn list_for_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    f: &ListFilter,
) -> sqlx::Result<Vec<HeadshotRow>> {
    let like = if f.query.is_empty() {
        String::new()
    } else {
        format!("%{}%", escape_like(&f.query))
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE team_id = $1 AND deleted_at IS NULL AND replaced_at IS NULL \
         AND ($2 = '' OR $2 LIKE '%,' || status || ',%') \
         AND ($3 = '' OR lower(first_name || ' ' || last_name || ' ' || email) LIKE $3 ESCAPE '\\') \
         AND ($4 = '' OR ($4 = '-' AND department_id IS NULL) OR department_id = $4) \
         ORDER BY created_at, id"
    )))
    .bind(team_id)
    .bind(&f.statuses)
    .bind(like)
    .bind(&f.department)
    .fetch_all(e)
    .await
}

fn escape_like(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

/// The studio's queue for one status: earliest due first, expedited first on
/// ties, then oldest upload.
pub async fn queue<'e, E: Executor<'e, Database = Any>>(
    e: E,
    statuses: &str,
) -> sqlx::Result<Vec<HeadshotRow>> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE deleted_at IS NULL AND $1 LIKE '%,' || status || ',%' \
         ORDER BY retouch_due_at, expedited DESC, uploaded_at, id"
    )))
    .bind(statuses)
    .fetch_all(e)
    .await
}

/// Move from `from` to `to`; false when the status changed meanwhile.
pub async fn set_status<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    from: HeadshotStatus,
    to: HeadshotStatus,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE headshots SET status = $3, updated_at = $4 WHERE id = $1 AND status = $2 AND deleted_at IS NULL")
        .bind(id)
        .bind(from)
        .bind(to)
        .bind(now)
        .execute(e)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_photo<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    photo_id: &str,
    now: i64,
    retouch_due_at: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE headshots SET photo_id = $2, uploaded_at = $3, retouch_due_at = $4, qc_reasons = '[]', \
         qc_note = NULL, sources_deleted_at = NULL WHERE id = $1",
    )
    .bind(id)
    .bind(photo_id)
    .bind(now)
    .bind(retouch_due_at)
    .execute(e)
    .await?;
    Ok(())
}

/// A new photo was requested: why, and the reminders count afresh from
/// here (the member owes a photo again).
pub async fn set_qc_result<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    reasons_json: &str,
    note: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE headshots SET qc_reasons = $2, qc_note = $3, reminder_count = 0, last_reminded_at = NULL \
         WHERE id = $1",
    )
        .bind(id)
        .bind(reasons_json)
        .bind(note)
        .execute(e)
        .await?;
    Ok(())
}

/// A delivery was handed in: its number and source, and the claim is
/// done. `delivered_at` keeps the first delivery: the guarantee counts from
/// it. Only while the headshot is unclaimed or claimed by `by`, and only as
/// the next delivery: `false` when another hand-in or claim came first.
pub async fn set_delivered<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    delivery: i64,
    source: (&str, &str),
    by: Option<&str>,
    now: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE headshots SET delivered_at = COALESCE(delivered_at, $2), delivery_count = $3, claimed_by = NULL, \
         claimed_at = NULL, retouched_key = $4, retouched_kind = $5 \
         WHERE id = $1 AND delivery_count = $3 - 1 AND (claimed_by IS NULL OR claimed_by = $6)",
    )
    .bind(id)
    .bind(now)
    .bind(delivery)
    .bind(source.0)
    .bind(source.1)
    .bind(by)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_approved_at<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE headshots SET approved_at = $2 WHERE id = $1")
        .bind(id)
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

pub async fn set_due_date<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    due_date: &str,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE headshots SET due_date = $2, updated_at = $3 WHERE id = $1")
        .bind(id)
        .bind(due_date)
        .bind(now)
        .execute(e)
        .await?;
    Ok(())
}

/// Soft delete (the audit trail stays), guarded by the status it was checked in.
pub async fn mark_deleted<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    from: HeadshotStatus,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query("UPDATE headshots SET deleted_at = $3, updated_at = $3 WHERE id = $1 AND status = $2 AND deleted_at IS NULL")
        .bind(id)
        .bind(from)
        .bind(now)
        .execute(e)
        .await?;
    Ok(r.rows_affected() == 1)
}

pub async fn set_expedited<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    retouch_due_at: Option<i64>,
    now: i64,
) -> sqlx::Result<()> {
    sqlx::query(
        "UPDATE headshots SET expedited = 1, retouch_due_at = COALESCE($2, retouch_due_at), updated_at = $3 WHERE id = $1",
    )
    .bind(id)
    .bind(retouch_due_at)
    .bind(now)
    .execute(e)
    .await?;
    Ok(())
}

/// Count a reminder unless one went out since `since` (once a day at most);
/// false when it is too soon.
pub async fn note_reminder<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    now: i64,
    since: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE headshots SET reminder_count = reminder_count + 1, last_reminded_at = $2 \
         WHERE id = $1 AND (last_reminded_at IS NULL OR last_reminded_at <= $3)",
    )
    .bind(id)
    .bind(now)
    .bind(since)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}

/// Headshots whose member owes a photo, across teams (for scheduled reminders).
pub async fn awaiting_photo<'e, E: Executor<'e, Database = Any>>(
    e: E,
) -> sqlx::Result<Vec<HeadshotRow>> {
    let waiting = status_list(HeadshotStatus::ALL.into_iter().filter(|s| s.owes_photo()));
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM headshots WHERE deleted_at IS NULL \
         AND $1 LIKE '%,' || status || ',%' ORDER BY team_id, id"
    )))
    .bind(waiting)
    .fetch_all(e)
    .await
}

/// Locks the headshot row for the rest of the transaction; `false` when the
/// delivery is no longer the current one.
pub async fn touch_delivery<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    delivery: i64,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE headshots SET delivery_count = delivery_count WHERE id = $1 AND delivery_count = $2",
    )
    .bind(id)
    .bind(delivery)
    .execute(e)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A re-edit was asked for: its notes and its own turnaround.
pub async fn set_re_edit<'e, E: Executor<'e, Database = Any>>(
    e: E,
    id: &str,
    notes: &str,
    retouch_due_at: i64,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE headshots SET re_edit_notes = $2, retouch_due_at = $3 WHERE id = $1")
        .bind(id)
        .bind(notes)
        .bind(retouch_due_at)
        .execute(e)
        .await?;
    Ok(())
}

/// (events recorded, latest change, headshots): different whenever the
/// team's dashboard may show something new.
pub async fn team_version<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
) -> sqlx::Result<(i64, i64, i64)> {
    sqlx::query_as(
        "SELECT (SELECT COUNT(*) FROM headshot_events WHERE team_id = $1), \
         (SELECT COALESCE(MAX(updated_at), 0) FROM headshots WHERE team_id = $1), \
         (SELECT COUNT(*) FROM headshots WHERE team_id = $1 AND deleted_at IS NULL)",
    )
    .bind(team_id)
    .fetch_one(e)
    .await
}

/// Locks the headshot row for the rest of the transaction: a concurrent
/// status change waits for it (or it for the change), so what is read
/// after it stays true until the commit.
pub async fn lock<'e, E: Executor<'e, Database = Any>>(e: E, id: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE headshots SET status = status WHERE id = $1")
        .bind(id)
        .execute(e)
        .await?;
    Ok(())
}
