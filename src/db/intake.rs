//! Intake fields: a team's questions and file-name template, and a
//! headshot's answers (both JSON, read by `services::intake`).

use sqlx::{Any, Executor};

pub async fn set_team<'e, E: Executor<'e, Database = Any>>(
    e: E,
    team_id: &str,
    fields: Option<&str>,
    template: Option<&str>,
) -> sqlx::Result<()> {
    sqlx::query("UPDATE teams SET intake_fields = $2, file_name_template = $3 WHERE id = $1")
        .bind(team_id)
        .bind(fields)
        .bind(template)
        .execute(e)
        .await?;
    Ok(())
}

/// False when the headshot was deleted or erased meanwhile.
pub async fn set_answers<'e, E: Executor<'e, Database = Any>>(
    e: E,
    headshot_id: &str,
    answers: &str,
    now: i64,
) -> sqlx::Result<bool> {
    let r = sqlx::query(
        "UPDATE headshots SET intake = $2, updated_at = $3 \
         WHERE id = $1 AND deleted_at IS NULL AND erased_at IS NULL",
    )
    .bind(headshot_id)
    .bind(answers)
    .bind(now)
    .execute(e)
    .await?;
    Ok(r.rows_affected() == 1)
}
