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
    /// Lead one department only (`GET /departments`): they see and act on
    /// its headshots alone. Absent or `null`: the whole team.
    #[serde(default)]
    pub department_id: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Leader {
    pub id: String,
    pub name: String,
    pub email: String,
    /// Has chosen a password (otherwise signs in by emailed links); false
    /// while `pending`.
    pub has_password: bool,
    /// Invited, waiting for their yes: an address that already leads other
    /// teams joins this one only when its owner accepts (on their
    /// dashboard). Listed with the name the inviter typed.
    pub pending: bool,
    /// The department they lead; `null`: the whole team.
    pub department_id: Option<String>,
}

/// What `join_team` found for an address.
pub(crate) enum Joined {
    /// A new leader account.
    New(UserRow),
    /// A leader of other teams, who now leads this one too.
    Existing(UserRow),
    /// A leader of other teams, invited: this one joins their account when
    /// they accept.
    Invited(UserRow),
    /// The account leads this team already, or has its invitation waiting
    /// (nothing changed).
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
        pending: false,
        department_id: None,
    }
}

/// A studio staff address offered as a team's leader (in form `field`).
pub(crate) fn staff_address(field: &str) -> Error {
    Error::invalid(
        field,
        "This address belongs to a studio staff account: use the leader's own address.",
    )
}

/// How an address that already leads other teams joins a team.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Consent<'a> {
    /// The studio made the team for them, or they asked for it themselves
    /// (a confirmed sign-up): the team joins their account at once.
    Given,
    /// Another team's leader (`by`) invited them: they accept first.
    Ask { by: &'a str },
}

impl Services {
    /// The team's leaders, then the invitations waiting for an answer.
    pub async fn leaders(&self, p: &Principal) -> Result<Vec<Leader>> {
        let team_id = p.leader_team()?;
        let departments = db::departments::leader_departments(&self.db.pool, team_id).await?;
        let department_of = |user: &str| {
            departments
                .iter()
                .find(|(u, _)| u == user)
                .and_then(|(_, d)| d.clone())
        };
        let mut leaders: Vec<Leader> = db::users::leaders_of(&self.db.pool, team_id)
            .await?
            .iter()
            .map(|u| Leader {
                department_id: department_of(u.id.as_str()),
                ..leader_view(u)
            })
            .collect();
        let waiting = db::leader_invitations::of_team(&self.db.pool, team_id).await?;
        leaders.extend(waiting.into_iter().map(|i| Leader {
            department_id: department_of(i.user_id.as_str()),
            id: i.user_id.to_string(),
            name: i.name,
            email: i.email,
            has_password: false,
            pending: true,
        }));
        Ok(leaders)
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
        let department = self
            .department_of_team(&TeamId::of(&team_id), input.department_id.as_deref())
            .await?;
        let now = self.now_ms();
        let inviter = match p {
            Principal::Leader {
                via: LeaderVia::User { name, .. },
                ..
            } => name.clone(),
            _ => "A team leader".into(),
        };
        let typed = name.clone();
        let mut tx = self.db.begin().await?;
        let consent = Consent::Ask { by: &inviter };
        let (user, view) = match self
            .join_team(&mut tx, &team_id, &email, name, consent, now)
            .await?
        {
            Joined::New(u) | Joined::Existing(u) => {
                let view = leader_view(&u);
                (u, view)
            }
            // Another account's details are not the inviter's to read:
            // the answer repeats what they typed.
            Joined::Invited(u) => {
                let view = Leader {
                    id: u.id.to_string(),
                    name: typed,
                    email: email.as_str().into(),
                    has_password: false,
                    pending: true,
                    department_id: None,
                };
                (u, view)
            }
            Joined::AlreadyLeads(_) => {
                return Err(Error::invalid(
                    "email",
                    "This person already leads this team, or has its invitation waiting.",
                ));
            }
            Joined::Staff => return Err(staff_address("email")),
        };
        let mut view = view;
        if let Some(d) = &department {
            // Waiting invitations keep it until they are accepted.
            db::departments::set_leader(&mut *tx, &team_id, &user.id, Some(&d.id)).await?;
            db::departments::set_invitation(&mut *tx, &team_id, &user.id, Some(&d.id)).await?;
            view.department_id = Some(d.id.to_string());
        }
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
            &match &department {
                Some(d) => format!("invited {} to lead the department {}", view.name, d.name),
                None => format!("invited {} to lead the team", view.name),
            },
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(view)
    }

    /// The leader account for `email` joins `team_id`, in the caller's
    /// transaction: a new address gets a new account; a leader of other
    /// teams gains this one in their team menu.
    pub(crate) async fn join_team(
        &self,
        tx: &mut db::Tx,
        team_id: &str,
        email: &Email,
        name: String,
        consent: Consent<'_>,
        now: i64,
    ) -> Result<Joined> {
        let joined = match db::users::by_email(&mut **tx, email.as_str()).await? {
            Some(u) if u.kind != UserKind::Leader => return Ok(Joined::Staff),
            Some(u) => {
                // The account's row first: two changes to one account's
                // teams (added here, removed elsewhere) take turns.
                if !db::users::lock(&mut **tx, &u.id).await? {
                    return Err(Error::Conflict(
                        "That account was just removed: try again.".into(),
                    ));
                }
                if db::team_leaders::leads(&mut **tx, team_id, &u.id).await? {
                    return Ok(Joined::AlreadyLeads(u));
                }
                match consent {
                    Consent::Ask { by } => {
                        if !db::leader_invitations::insert(
                            &mut **tx, team_id, &u.id, &name, by, now,
                        )
                        .await?
                        {
                            return Ok(Joined::AlreadyLeads(u));
                        }
                        Joined::Invited(u)
                    }
                    // The home team stays: the account's owner chooses
                    // which team they look at.
                    Consent::Given => {
                        db::team_leaders::add(&mut **tx, team_id, &u.id, now).await?;
                        db::leader_invitations::take(&mut **tx, team_id, &u.id).await?;
                        Joined::Existing(u)
                    }
                }
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

    /// Removes a leader (never the last one): their access to the team ends
    /// at once, and an account left leading no team goes with its sessions
    /// and sign-in links. For an invitation still waiting, cancels it.
    pub async fn remove_leader(&self, p: &Principal, leader_id: &str) -> Result<()> {
        let team_id = p.accountable_leader_team("leaders")?.to_string();
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        // Serialises removals within the team (a row lock on PostgreSQL;
        // SQLite's write transactions are serial already), so two leaders
        // removing each other at once cannot leave the team with none.
        db::teams::lock(&mut *tx, &team_id).await?;
        // The account's row too: its other teams cannot change meanwhile
        // (two teams removing the same leader at once, or one adding them).
        db::users::lock(&mut *tx, leader_id).await?;
        if let Some(i) = db::leader_invitations::of_team(&mut *tx, &team_id)
            .await?
            .into_iter()
            .find(|i| i.user_id.as_str() == leader_id)
        {
            db::leader_invitations::take(&mut *tx, &team_id, leader_id).await?;
            db::events::insert_team(
                &mut *tx,
                &team_id,
                now,
                &p.audit_name(),
                &format!("cancelled the invitation of {} to lead the team", i.name),
            )
            .await?;
            tx.commit().await.map_err(anyhow::Error::from)?;
            return Ok(());
        }
        let leaders = db::users::leaders_of(&mut *tx, &team_id).await?;
        let leader = leaders
            .iter()
            .find(|u| u.id.as_str() == leader_id)
            .ok_or(Error::NotFound("leader"))?;
        let whole_team = db::departments::of_leader(&mut *tx, &team_id, leader_id)
            .await?
            .is_none();
        if whole_team && db::departments::whole_team_leaders(&mut *tx, &team_id).await? <= 1 {
            return Err(Error::Conflict(
                "A team keeps at least one leader of the whole team: invite another before removing this one."
                    .into(),
            ));
        }
        db::team_leaders::remove(&mut *tx, &team_id, leader_id).await?;
        // Their browsers looking at this team are signed out: a page left
        // open there must not go on to act on another team they lead.
        db::sessions::end_on_team(&mut *tx, leader_id, &team_id).await?;
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
