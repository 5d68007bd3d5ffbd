//! What the team dashboard's live updates watch: a token that changes
//! whenever anything its sections show may have changed. Every process
//! writes to the same database, so the token is read from there; the
//! dashboard is told over server-sent events and fetches the sections only
//! when it changed.

use super::{Principal, Result, Services};
use crate::db;

impl Services {
    /// The team's change token, for whoever may see its dashboard.
    pub async fn team_version(&self, p: &Principal) -> Result<String> {
        let (team_id, _) = p.leader_scope()?;
        let (events, updated, live) = db::headshots::team_version(&self.db.pool, team_id).await?;
        Ok(format!("{events}-{updated}-{live}"))
    }
}
