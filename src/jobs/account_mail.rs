//! Emails a one-time sign-in link. The link is made when the email is sent,
//! so no usable secret ever sits in the job queue.

use crate::db;
use crate::email::templates::{SignInText, sign_in};
use crate::services::Services;
use serde::{Deserialize, Serialize};

pub const KIND: &str = "account_mail";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AccountMail {
    pub user_id: String,
    /// Set when another leader invited this one.
    #[serde(default)]
    pub invited_by: Option<String>,
}

pub async fn run(svc: &Services, job: &db::jobs::JobRow) -> anyhow::Result<()> {
    let payload: AccountMail = serde_json::from_str(&job.payload)?;
    if db::jobs::mail_already_sent(&svc.db.pool, &job.id).await? {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    }
    let Some(user) = db::users::get(&svc.db.pool, &payload.user_id).await? else {
        db::jobs::delete(&svc.db.pool, &job.id).await?;
        return Ok(());
    };
    let team = match &user.team_id {
        Some(t) => db::teams::get(&svc.db.pool, t)
            .await?
            .map(|t| t.name)
            .unwrap_or_default(),
        None => String::new(),
    };
    let link = svc
        .create_login_link(&user.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mail = sign_in(
        &user.email,
        &SignInText {
            studio: &svc.studio_name().await,
            name: &user.name,
            team: &team,
            link: &link,
            invited: payload.invited_by.is_some(),
            inviter: payload.invited_by.as_deref().unwrap_or(""),
            valid_for: crate::services::auth::login_link_validity(&user).1,
        },
    )?;
    super::send_mail(svc, &job.id, &mail).await?;
    let mut tx = svc.db.begin().await?;
    db::jobs::record_mail_sent(
        &mut *tx,
        &job.id,
        "sign_in",
        &crate::domain::email::mask(&user.email),
        svc.mailer.transport_name(),
        svc.now_ms(),
    )
    .await?;
    db::jobs::delete(&mut *tx, &job.id).await?;
    tx.commit().await?;
    Ok(())
}
