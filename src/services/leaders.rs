//! More leaders for a team, and sign-in by an emailed one-time link.

use super::{Error, LeaderVia, Principal, Result, Services};
use crate::db::{self, new_id, users::UserRow};
use crate::domain::TeamId;
use crate::domain::UserId;
use crate::domain::UserKind;
use crate::domain::person::account_name;
use crate::domain::{Email, FieldError};
use crate::queue::{self, AccountMail};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// At most one emailed sign-in link per person in this window.
pub const LINK_EMAIL_GAP_MS: i64 = 2 * 60 * 1000;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewLeader {
    pub name: String,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Leader {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Has chosen a password (otherwise signs in by emailed links).
    pub has_password: bool,
}

/// What `join_team` found for an address.
pub(crate) enum Joined {
    /// A new leader account.
    New(UserRow),
    /// A leader of other teams, who now leads this one too.
    Existing(UserRow),
    /// The account leads this team already (nothing changed).
    AlreadyLeads(UserRow),
    /// A studio staff account: it cannot lead a team (nothing changed).
    Staff,
}

fn leader_view(u: &UserRow) -> Leader {
    Leader {
        id: u.id.to_string(),
        name: u.name.clone(),
        email: u.email.clone(),
        has_password: u.password_hash.is_some(),
    }
}

impl Services {
    pub async fn leaders(&self, p: &Principal) -> Result<Vec<Leader>> {
        let team_id = p.leader_team()?;
        Ok(db::users::leaders_of(&self.db.pool, team_id)
            .await?
            .iter()
            .map(leader_view)
            .collect())
    }

    /// Adds a leader to the team and emails them a sign-in link.
    pub async fn invite_leader(&self, p: &Principal, input: NewLeader) -> Result<Leader> {
        let team_id = p.accountable_leader_team("leaders")?.to_string();
        let mut errors = Vec::new();
        let name = account_name(&input.name, "name", "the leader's", &mut errors);
        let email = Email::parse(&input.email)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok();
        let Some(email) = email.filter(|_| errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        let user = match self.join_team(&mut tx, &team_id, &email, name, now).await? {
            Joined::New(u) | Joined::Existing(u) => u,
            Joined::AlreadyLeads(u) => {
                return Err(Error::invalid(
                    "email",
                    format!("{} already leads this team.", u.name),
                ));
            }
            Joined::Staff => {
                return Err(Error::invalid(
                    "email",
                    "This address belongs to a studio staff account: use the leader's own address.",
                ));
            }
        };
        let inviter = match p {
            Principal::Leader {
                via: LeaderVia::User { name, .. },
                ..
            } => name.clone(),
            _ => "A team leader".into(),
        };
        queue::enqueue(
            &mut tx,
            &AccountMail {
                user_id: user.id.to_string(),
                invited_by: Some(inviter),
                occasion: queue::AccountOccasion::LeaderInvited,
                team_id: Some(team_id.clone()),
            },
            now,
        )
        .await?;
        db::events::insert_team(
            &mut *tx,
            &team_id,
            now,
            &p.audit_name(),
            &format!("invited {} to lead the team", user.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(leader_view(&user))
    }

    /// The leader account for `email` joins `team_id`, in the caller's
    /// transaction: a new address gets a new account; a leader of other
    /// teams gains this one, and their next sign-in opens on it.
    pub(crate) async fn join_team(
        &self,
        tx: &mut db::Tx,
        team_id: &str,
        email: &Email,
        name: String,
        now: i64,
    ) -> Result<Joined> {
        let joined = match db::users::by_email(&mut **tx, email.as_str()).await? {
            Some(u) if u.kind != UserKind::Leader => return Ok(Joined::Staff),
            Some(u) => {
                if !db::team_leaders::add(&mut **tx, team_id, &u.id, now).await? {
                    return Ok(Joined::AlreadyLeads(u));
                }
                db::users::set_home_team(&mut **tx, &u.id, team_id).await?;
                Joined::Existing(u)
            }
            None => {
                let user = UserRow {
                    id: UserId::from(new_id()),
                    email: email.as_str().into(),
                    name,
                    password_hash: None,
                    kind: UserKind::Leader,
                    role: None,
                    team_id: Some(TeamId::of(team_id)),
                    created_at: now,
                    disabled_at: None,
                };
                // Two first invitations of one address at once: the
                // second finds the first's account taken.
                match db::users::insert(&mut **tx, &user).await {
                    Err(e) if db::is_unique_violation(&e) => {
                        return Err(Error::Conflict(
                            "This address was just added by another click: reload the page.".into(),
                        ));
                    }
                    r => r?,
                }
                db::team_leaders::add(&mut **tx, team_id, &user.id, now).await?;
                Joined::New(user)
            }
        };
        Ok(joined)
    }

    /// Removes a leader (never the last one): their sessions and sign-in
    /// links end with the account, at once.
    pub async fn remove_leader(&self, p: &Principal, leader_id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("leaders")?.to_string();
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        // Serialises removals within the team (a row lock on PostgreSQL;
        // SQLite's write transactions are serial already), so two leaders
        // removing each other at once cannot leave the team with none.
        db::teams::lock(&mut *tx, &team_id).await?;
        let leaders = db::users::leaders_of(&mut *tx, &team_id).await?;
        let leader = leaders
            .iter()
            .find(|u| u.id.as_str() == leader_id)
            .ok_or(Error::NotFound("leader"))?;
        if leaders.len() <= 1 {
            return Err(Error::Conflict(
                "A team keeps at least one leader: invite another leader before removing this one."
                    .into(),
            ));
        }
        db::team_leaders::remove(&mut *tx, &team_id, leader_id).await?;
        // An account that leads no team any more goes (its sessions and
        // links with it); one that leads others opens on one of those next.
        let left = db::team_leaders::teams_of(&mut *tx, &leader.id).await?;
        match left.first() {
            None => {
                db::users::delete_leader(&mut *tx, leader_id).await?;
            }
            Some((other, _)) if leader.team_id.as_deref() == Some(team_id.as_str()) => {
                db::users::set_home_team(&mut *tx, leader_id, other).await?;
            }
            Some(_) => {}
        }
        db::events::insert_team(
            &mut *tx,
            &team_id,
            now,
            &p.audit_name(),
            &format!("removed {} as a leader", leader.name),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(())
    }

    /// "Email me a sign-in link": the answer never says whether an account
    /// exists; a link goes out at most every two minutes per person.
    pub async fn email_login_link(&self, email: &str) -> Result<()> {
        let Ok(email) = Email::parse(email) else {
            return Err(Error::invalid(
                "email",
                "Enter the email address you sign in with.",
            ));
        };
        self.count_link_request().await?;
        let Some(user) = db::users::by_email(&self.db.pool, email.as_str()).await? else {
            return Ok(());
        };
        let now = self.now_ms();
        if let Some(last) = db::tokens::latest_login_link(&self.db.pool, &user.id).await?
            && now - last < LINK_EMAIL_GAP_MS
        {
            return Ok(());
        }
        let mut tx = self.db.begin().await?;
        queue::enqueue(
            &mut tx,
            &AccountMail {
                user_id: user.id.into(),
                invited_by: None,
                occasion: queue::AccountOccasion::SignIn,
                team_id: None,
            },
            now,
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(())
    }
}
