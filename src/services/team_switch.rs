//! A leader of several teams switches between them without signing out:
//! each browser session looks at one team, checked against the teams the
//! account leads on every request (`db::sessions::lookup`).

use super::secrets::hash_token;
use super::{Error, LeaderVia, Principal, Result, Services};
use crate::db;
use crate::domain::TeamId;

/// A team the signed-in leader leads.
#[derive(Debug, Clone)]
pub struct LedTeam {
    pub id: TeamId,
    pub name: String,
    /// The team this session is looking at.
    pub current: bool,
}

/// Whether `path` is one of the team's own pages (where a team link may
/// lead after switching: never another site).
pub fn is_team_path(path: &str) -> bool {
    let rest = path.strip_prefix("/team").unwrap_or("x");
    (rest.is_empty() || rest.starts_with(['/', '?', '#']))
        && !path.contains("//")
        && !path.contains('\\')
}

impl Services {
    /// A link in an email about `team_id` to one of its pages: opened by a
    /// leader of several teams, the session switches to that team first
    /// (`GET /account/team/{team}?next=…`), so the page is the one the
    /// email speaks of.
    pub fn team_link(&self, team_id: &str, path: &str) -> String {
        self.url(&format!("/account/team/{team_id}?next={path}"))
    }

    /// The teams the signed-in leader leads, by name (empty for the share
    /// link or an API token: they belong to one team).
    pub async fn led_teams(&self, p: &Principal) -> Result<Vec<LedTeam>> {
        let Principal::Leader {
            team_id,
            via: LeaderVia::User { user_id, .. },
        } = p
        else {
            return Ok(vec![]);
        };
        Ok(db::team_leaders::teams_of(&self.db.pool, user_id)
            .await?
            .into_iter()
            .map(|(id, name)| LedTeam {
                current: id == *team_id,
                id,
                name,
            })
            .collect())
    }

    /// Points this browser session at another team the account leads; the
    /// account's next sign-in opens there too. A team it does not lead is
    /// "not found", as for any team not one's own.
    pub async fn switch_team(
        &self,
        p: &Principal,
        session_token: &str,
        team_id: &str,
    ) -> Result<String> {
        let Principal::Leader {
            via: LeaderVia::User { user_id, .. },
            ..
        } = p
        else {
            return Err(Error::Forbidden(
                "Only a signed-in team leader can switch teams.".into(),
            ));
        };
        let mut tx = self.db.begin().await?;
        let name = db::team_leaders::teams_of(&mut *tx, user_id)
            .await?
            .into_iter()
            .find(|(id, _)| id.as_str() == team_id)
            .map(|(_, name)| name)
            .ok_or(Error::NotFound("team"))?;
        db::sessions::set_team(&mut *tx, &hash_token(session_token), team_id).await?;
        db::users::set_home_team(&mut *tx, user_id, team_id).await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::is_team_path;

    #[test]
    fn a_team_link_leads_only_to_the_teams_own_pages() {
        for ok in [
            "/team",
            "/team/credits",
            "/team/headshots/1#spend",
            "/team?x=1",
        ] {
            assert!(is_team_path(ok), "{ok}");
        }
        for bad in [
            "https://evil.example/team",
            "//evil.example/team",
            "/team//evil.example",
            "/teams",
            "/studio",
            "/team/\\evil",
            "",
        ] {
            assert!(!is_team_path(bad), "{bad}");
        }
    }
}
