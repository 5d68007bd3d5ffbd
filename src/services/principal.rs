//! Who is calling, once authenticated, and how that shows in the audit log.

use crate::db::headshots::HeadshotRow;
use crate::domain::{Actor, DepartmentId, HeadshotId, StaffRole, TeamId, UserId};
use crate::services::{Error, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LeaderVia {
    /// A signed-in leader account.
    User { user_id: UserId, name: String },
    /// Whoever holds the team's share link.
    ShareLink,
    /// The team's API token.
    ApiToken,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    Leader {
        team_id: TeamId,
        via: LeaderVia,
        /// A leader of one department sees and acts on its headshots only;
        /// `None` leads the whole team.
        department: Option<DepartmentId>,
    },
    /// The holder of one headshot's personal link.
    Member {
        headshot_id: HeadshotId,
        team_id: TeamId,
        /// A leader of the team opened the member's page from the dashboard
        /// (their own audit name): what they do there is theirs, and it
        /// does not count as the member opening the email.
        on_behalf: Option<String>,
        /// That leader leads the whole team, so what they pay for on the
        /// page is the team's decision; a department's leader's paid
        /// request waits for a whole-team leader like the member's.
        team_pays: bool,
    },
    Staff {
        user_id: UserId,
        email: String,
        role: StaffRole,
    },
}

impl Principal {
    pub fn actor(&self) -> Actor {
        match self {
            Self::Leader { .. } => Actor::Leader,
            Self::Member { .. } => Actor::Member,
            Self::Staff { role, .. } => Actor::Staff(*role),
        }
    }

    /// The audit log's "who".
    pub fn audit_name(&self) -> String {
        match self {
            Self::Leader {
                via: LeaderVia::User { name, .. },
                ..
            } => format!("leader {name}"),
            Self::Leader {
                via: LeaderVia::ShareLink,
                ..
            } => "leader via share link".into(),
            Self::Leader {
                via: LeaderVia::ApiToken,
                ..
            } => "leader via API token".into(),
            Self::Member {
                on_behalf: Some(leader),
                ..
            } => format!("{leader} on the member's page"),
            Self::Member { .. } => "member".into(),
            Self::Staff { email, role, .. } => staff_audit_name(email, role.as_str()),
        }
    }

    /// The team a leader of the whole team acts for; a department's leader
    /// is refused (what is not scoped to a department is not theirs), other
    /// callers get "not found".
    pub fn leader_team(&self) -> Result<&TeamId> {
        match self {
            Self::Leader {
                team_id,
                department: None,
                ..
            } => Ok(team_id),
            Self::Leader { .. } => Err(Error::Forbidden(
                "This is for leaders of the whole team: you lead one department. \
                 Ask a team leader."
                    .into(),
            )),
            _ => Err(Error::NotFound("team")),
        }
    }

    /// The team a leader acts for and, for a department's leader, the
    /// department they are held to: for the actions a department's leader
    /// may take on its own headshots (list, invite, import, download).
    pub fn leader_scope(&self) -> Result<(&TeamId, Option<&DepartmentId>)> {
        match self {
            Self::Leader {
                team_id,
                department,
                ..
            } => Ok((team_id, department.as_ref())),
            _ => Err(Error::NotFound("team")),
        }
    }

    /// The department a leader is held to, if any.
    pub fn department(&self) -> Option<&DepartmentId> {
        match self {
            Self::Leader { department, .. } => department.as_ref(),
            _ => None,
        }
    }

    /// The team of a leader who is accountable by name or token: the share
    /// link (a bearer secret passed around) may not manage `what`.
    pub fn accountable_leader_team(&self, what: &str) -> Result<&TeamId> {
        match self {
            Self::Leader {
                via: LeaderVia::ShareLink,
                ..
            } => Err(Error::Forbidden(format!(
                "The share link cannot manage {what}: sign in as a leader."
            ))),
            other => other.leader_team(),
        }
    }

    /// Refuses the share link (a bearer secret passed around) for `what`;
    /// any other leader passes on to the action's own checks.
    pub fn not_share_link(&self, what: &str) -> Result<()> {
        match self {
            Self::Leader {
                via: LeaderVia::ShareLink,
                ..
            } => Err(Error::Forbidden(format!(
                "The share link cannot manage {what}: sign in as a leader."
            ))),
            _ => Ok(()),
        }
    }

    /// Staff with `role` (or admin); others get a refusal naming the role.
    pub fn require_staff(&self, role: StaffRole) -> Result<&UserId> {
        match self {
            Self::Staff {
                user_id,
                role: have,
                ..
            } if have.allows(role) => Ok(user_id),
            Self::Staff { .. } => Err(Error::Forbidden(format!(
                "This needs the {} role (or admin).",
                role.as_str()
            ))),
            _ => Err(Error::NotFound("studio resource")),
        }
    }

    /// The account of a signed-in person (a leader's or a staff member's);
    /// the share link, API tokens and members have none.
    pub fn account(&self) -> Option<&UserId> {
        match self {
            Self::Leader {
                via: LeaderVia::User { user_id, .. },
                ..
            }
            | Self::Staff { user_id, .. } => Some(user_id),
            _ => None,
        }
    }

    /// The staff member's id, if the caller is staff.
    pub fn staff_id(&self) -> Option<&UserId> {
        match self {
            Self::Staff { user_id, .. } => Some(user_id),
            _ => None,
        }
    }

    pub fn is_admin(&self) -> bool {
        matches!(
            self,
            Self::Staff {
                role: StaffRole::Admin,
                ..
            }
        )
    }

    /// A headshot as this caller may see it: the member's personal link is
    /// a key to their page, so among staff only admins get it (quality check
    /// and retouching work without it).
    pub fn redact(&self, mut h: super::views::Headshot) -> super::views::Headshot {
        if matches!(self, Self::Staff { role, .. } if *role != StaffRole::Admin) {
            h.member_url = String::new();
        }
        h
    }

    /// Whether this caller may see headshot `h`: a leader of its team (of
    /// its department, for a department's leader), its member, staff.
    pub fn can_see_headshot(&self, h: &HeadshotRow) -> bool {
        match self {
            Self::Leader {
                team_id,
                department,
                ..
            } => *team_id == h.team_id && (department.is_none() || *department == h.department_id),
            Self::Member { headshot_id, .. } => *headshot_id == h.id,
            Self::Staff { .. } => true,
        }
    }
}

/// Someone acting on the studio itself: a staff member, or the operator at
/// the command line (trusted by definition: they hold the server).
#[derive(Debug, Clone, Copy)]
pub enum StudioActor<'a> {
    Staff(&'a Principal),
    Operator,
}

impl StudioActor<'_> {
    pub fn require_admin(&self) -> Result<()> {
        match self {
            Self::Staff(p) => p.require_staff(StaffRole::Admin).map(|_| ()),
            Self::Operator => Ok(()),
        }
    }

    pub fn user_id(&self) -> Option<&UserId> {
        match self {
            Self::Staff(p) => p.staff_id(),
            Self::Operator => None,
        }
    }

    pub fn audit_name(&self) -> String {
        match self {
            Self::Staff(p) => p.audit_name(),
            Self::Operator => OPERATOR.into(),
        }
    }
}

/// The audit trail's name for the command line.
pub const OPERATOR: &str = "operator (command line)";

/// "staff a…@studio.test (admin)": how the audit trails name staff.
pub fn staff_audit_name(email: &str, role: &str) -> String {
    format!("staff {} ({role})", crate::domain::email::mask(email))
}
