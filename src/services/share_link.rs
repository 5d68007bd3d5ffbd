//! The team's share link: whoever holds it acts as a leader (audited as
//! "via share link"). Rotating gives a new secret and ends the old one at
//! once; revoking ends it. Managing the link itself needs a signed-in leader
//! or the team's API token, so a forwarded link cannot lock the team out.

use super::secrets::hash_token;
use super::{Error, Principal, Result, Services};
use crate::db;

impl Services {
    /// A new secret; the previous link stops working.
    pub async fn rotate_share_link(&self, p: &Principal) -> Result<String> {
        let team_id = p.accountable_leader_team("the share link")?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        let version = t.share_version + 1;
        let secret = self.share_secret(&t.id, version);
        db::teams::set_share(&self.db.pool, &t.id, version, Some(&hash_token(&secret))).await?;
        self.audit_team(
            &t.id,
            p,
            "made a new share link (the previous one stopped working)",
        )
        .await?;
        tracing::info!(team.id = %t.id, "share link rotated");
        Ok(self.url(&format!("/d/{secret}")))
    }

    pub async fn revoke_share_link(&self, p: &Principal) -> Result<()> {
        let team_id = p.accountable_leader_team("the share link")?;
        let t = db::teams::get(&self.db.pool, team_id)
            .await?
            .ok_or(Error::NotFound("team"))?;
        db::teams::set_share(&self.db.pool, &t.id, t.share_version, None).await?;
        self.audit_team(&t.id, p, "turned the share link off")
            .await?;
        tracing::info!(team.id = %t.id, "share link revoked");
        Ok(())
    }
}
