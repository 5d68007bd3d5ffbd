//! The team's audit log: who did what and when — leaders, the share link,
//! members, studio staff and the system.

use super::views::rfc3339;
use super::{Principal, Result, Services};
use crate::db;
use serde::Serialize;
use utoipa::ToSchema;

/// The newest entries shown.
pub const AUDIT_LIMIT: i64 = 1000;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditEntry {
    pub at: String,
    pub actor: String,
    pub action: String,
    pub detail: Option<String>,
    pub headshot_id: Option<String>,
    /// The member's name, for entries about one headshot.
    pub member: Option<String>,
}

impl Services {
    pub async fn audit_log(&self, p: &Principal) -> Result<Vec<AuditEntry>> {
        let team_id = p.leader_team()?;
        let rows = db::events::for_team(&self.db.pool, team_id, AUDIT_LIMIT).await?;
        Ok(rows
            .into_iter()
            .map(|r| AuditEntry {
                at: rfc3339(r.at),
                actor: r.actor,
                action: r.action,
                detail: r.detail,
                headshot_id: r.headshot_id,
                member: r.member,
            })
            .collect())
    }

    /// Records a team-level action (outside any one headshot).
    pub(crate) async fn audit_team(
        &self,
        team_id: &str,
        p: &Principal,
        action: &str,
    ) -> Result<()> {
        db::events::insert_team(
            &self.db.pool,
            team_id,
            self.now_ms(),
            &p.audit_name(),
            action,
        )
        .await?;
        Ok(())
    }
}
