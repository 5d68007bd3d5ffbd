//! Mail that bounced for good: refused with an SMTP 5xx when sending, or
//! reported afterwards by the studio's mail provider. The headshot shows
//! *Email bounced* and its member gets no more mail until a leader corrects
//! the address (a correction clears the mark and sends a new welcome).

use super::{Error, Principal, Result, Services};
use crate::db;
use crate::domain::Email;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The longest reason kept (what a receiving server said).
const REASON_CHARS: usize = 300;

/// A permanent bounce, as the studio's mail provider reports it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct BounceReport {
    /// The address that bounced.
    pub email: String,
    /// What the receiving server said (`550 5.1.1 user unknown`).
    #[serde(default)]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct BounceMarked {
    pub email: String,
    /// Headshots newly marked *Email bounced* (0 when they already were,
    /// or no member has this address).
    pub marked: usize,
}

impl Services {
    /// The runner's report: the server refused the mail to headshot `id`
    /// at `email` for good. A correction made since wins.
    pub async fn email_bounced(&self, id: &str, email: &str, said: &str) -> Result<()> {
        let Some(h) = db::headshots::get(&self.db.pool, &crate::domain::HeadshotId::of(id)).await?
        else {
            return Ok(());
        };
        self.mark_bounced(id, &h.team_id, email, said, "the mail server")
            .await?;
        Ok(())
    }

    /// `POST /api/v1/studio/bounces` (admin; a mail provider's webhook
    /// calls it with a studio token): marks every headshot with this
    /// address. Sent twice, the second marks nothing more.
    pub async fn report_bounce(&self, p: &Principal, input: BounceReport) -> Result<BounceMarked> {
        p.require_staff(crate::domain::StaffRole::Admin)?;
        let email = Email::parse(&input.email).map_err(|m| Error::invalid("email", m))?;
        let reason = input
            .reason
            .as_deref()
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("reported as bounced by the mail provider");
        if reason.chars().any(char::is_control) {
            return Err(Error::invalid(
                "reason",
                "The reason has control characters: send it as one line of text.",
            ));
        }
        let reason: String = reason.chars().take(REASON_CHARS).collect();
        let mut marked = 0;
        for (id, team_id) in
            db::headshot_members::unbounced_with_address(&self.db.pool, email.as_str()).await?
        {
            if self
                .mark_bounced(&id, &team_id, email.as_str(), &reason, "the mail provider")
                .await?
            {
                marked += 1;
            }
        }
        tracing::info!(to = %email.masked(), marked, "bounce reported");
        Ok(BounceMarked {
            email: email.as_str().into(),
            marked,
        })
    }

    async fn mark_bounced(
        &self,
        id: &str,
        team_id: &str,
        email: &str,
        said: &str,
        who: &str,
    ) -> Result<bool> {
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let marked = db::headshot_members::mark_bounced(&mut *tx, id, email, said, now).await?;
        if marked {
            db::events::insert(
                &mut *tx,
                id,
                team_id,
                now,
                who,
                "reported that mail to this address bounced: no more mail goes to it until the address is corrected",
                Some(&format!("{email}: {said}")),
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(marked)
    }
}
