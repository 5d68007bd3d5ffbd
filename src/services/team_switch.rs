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
        && !path.contains("..")
        && !path.contains('\\')
        && !path.chars().any(char::is_control)
}

/// `path` as the `next` parameter, still readable in an email: what the
/// team's paths hold stays (`/`, a query's `?` and `=`), anything else is
/// percent-encoded; a `#fragment` stays the link's own fragment, which
/// browsers carry over the redirect.
fn next_param(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/?=#".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

impl Services {
    /// A link in an email about `team_id` to one of its pages: opened by a
    /// leader of several teams, the session switches to that team first
    /// (`GET /account/team/{team}?next=…`), so the page is the one the
    /// email speaks of.
    pub fn team_link(&self, team_id: &str, path: &str) -> String {
        self.url(&format!(
            "/account/team/{team_id}?next={}",
            next_param(path)
        ))
    }

    /// The teams the signed-in leader leads, by name (empty for the share
    /// link or an API token: they belong to one team).
    pub async fn led_teams(&self, p: &Principal) -> Result<Vec<LedTeam>> {
        let Principal::Leader {
            team_id,
            via: LeaderVia::User { user_id, .. },
            ..
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

    /// Points this browser session at another team the account leads; with
    /// `remember` (the menu, not an email's link) the account's next
    /// sign-in opens there too. A team it does not lead is "not found", as
    /// for any team not one's own.
    pub async fn switch_team(
        &self,
        p: &Principal,
        session_token: &str,
        team_id: &str,
        remember: bool,
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
        // Taking turns with a removal from that team (PostgreSQL).
        db::users::lock(&mut *tx, user_id).await?;
        let name = db::team_leaders::teams_of(&mut *tx, user_id)
            .await?
            .into_iter()
            .find(|(id, _)| id.as_str() == team_id)
            .map(|(_, name)| name)
            .ok_or(Error::NotFound("team"))?;
        db::sessions::set_team(&mut *tx, &hash_token(session_token), team_id).await?;
        if remember {
            db::users::set_home_team(&mut *tx, user_id, team_id).await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::is_team_path;

    #[test]
    fn the_next_parameter_stays_readable_and_keeps_other_parameters_apart() {
        assert_eq!(
            super::next_param("/team/credits?paid=p1"),
            "/team/credits?paid=p1"
        );
        assert_eq!(super::next_param("/team/x&y=1 2"), "/team/x%26y=1%202");
        assert_eq!(super::next_param("/team/h/1#spend"), "/team/h/1#spend");
    }

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
            "/team/../studio",
            "/team/\nx",
            "",
        ] {
            assert!(!is_team_path(bad), "{bad}");
        }
    }
}
