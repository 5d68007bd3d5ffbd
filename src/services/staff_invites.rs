//! Admins invite staff by email and change their roles.

use super::staff::StaffMember;
use super::{Error, Result, Services, StudioActor};
use crate::db::{self, new_id, users::UserRow};
use crate::domain::person::account_name;
use crate::domain::{Email, FieldError, StaffRole, UserId, UserKind};
use crate::queue::{self, AccountMail, AccountOccasion};
use serde::Deserialize;
use utoipa::ToSchema;

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewStaff {
    pub email: String,
    pub name: String,
    /// `admin`, `qc`, `retoucher` or `success`.
    pub role: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct RoleChange {
    /// `admin`, `qc`, `retoucher` or `success`.
    pub role: String,
}

fn parse_role(role: &str, errors: &mut Vec<FieldError>) -> Option<StaffRole> {
    let parsed = StaffRole::parse(role.trim());
    if parsed.is_none() {
        errors.push(FieldError::new(
            "role",
            "Choose a role: admin, qc (quality check), retoucher or success (customer success).",
        ));
    }
    parsed
}

fn member(u: UserRow) -> StaffMember {
    StaffMember {
        id: u.id.into(),
        name: u.name,
        email: u.email,
        role: u.role,
        active: u.disabled_at.is_none(),
    }
}

impl Services {
    /// Creates a staff account without a password and emails its owner a
    /// sign-in link (valid three days) to choose one. The account exists
    /// only if the email is queued with it.
    pub async fn invite_staff(&self, by: StudioActor<'_>, input: NewStaff) -> Result<StaffMember> {
        by.require_admin()?;
        let mut errors = Vec::new();
        let name = account_name(&input.name, "name", "the person's", &mut errors);
        let email = Email::parse(&input.email)
            .map_err(|m| errors.push(FieldError::new("email", m)))
            .ok();
        let role = parse_role(&input.role, &mut errors);
        let (Some(email), Some(role), true) = (email, role, errors.is_empty()) else {
            return Err(Error::Invalid(errors));
        };
        let taken = || {
            Error::invalid(
                "email",
                "This email already has an account: choose another address, or change that person's role.",
            )
        };
        if db::users::by_email(&self.db.pool, email.as_str())
            .await?
            .is_some()
        {
            return Err(taken());
        }
        let now = self.now_ms();
        let user = UserRow {
            id: UserId::from(new_id()),
            email: email.as_str().into(),
            name,
            password_hash: None,
            kind: UserKind::Staff,
            role: Some(role),
            team_id: None,
            created_at: now,
            disabled_at: None,
        };
        let inviter = match &by {
            StudioActor::Staff(p) => db::users::get(&self.db.pool, p.staff_id().expect("staff"))
                .await?
                .map(|u| u.name),
            StudioActor::Operator => None,
        };
        let mut tx = self.db.begin().await?;
        match db::users::insert(&mut *tx, &user).await {
            // The same invitation sent twice at once: one account, one email.
            Err(e) if db::is_unique_violation(&e) => return Err(taken()),
            other => other?,
        }
        queue::enqueue(
            &mut tx,
            &AccountMail {
                user_id: user.id.to_string(),
                invited_by: Some(match inviter {
                    Some(name) => name,
                    None => self.studio_name().await,
                }),
                occasion: AccountOccasion::StaffInvited,
                team_id: None,
            },
            now,
        )
        .await?;
        self.studio_audit(
            &mut tx,
            &by.audit_name(),
            &format!(
                "invited {} as {}",
                crate::domain::email::mask(&user.email),
                role.as_str()
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        self.jobs_ready.notify_waiters();
        Ok(member(user))
    }

    /// Gives a staff member another role, from their next request on.
    /// Never one's own (ask another admin), never the last active admin's.
    pub async fn set_staff_role(
        &self,
        by: StudioActor<'_>,
        user_id: &str,
        change: RoleChange,
    ) -> Result<StaffMember> {
        by.require_admin()?;
        let mut errors = Vec::new();
        let Some(role) = parse_role(&change.role, &mut errors) else {
            return Err(Error::Invalid(errors));
        };
        if by.user_id() == Some(&UserId::of(user_id)) {
            return Err(Error::Conflict(
                "You cannot change your own role: ask another admin.".into(),
            ));
        }
        let mut tx = self.db.begin().await?;
        db::users::lock_admins(&mut *tx).await?;
        let mut user = db::users::get(&mut *tx, &UserId::of(user_id))
            .await?
            .filter(|u| u.kind == UserKind::Staff)
            .ok_or(Error::NotFound("staff member"))?;
        if user.role != Some(role) {
            let was = user.role.map(|r| r.as_str()).unwrap_or("none");
            db::users::set_role(&mut *tx, user_id, role).await?;
            // Counted after the change, inside the transaction: two admins
            // demoting each other at once cannot leave the studio without one.
            if db::users::active_admins(&mut *tx).await? == 0 {
                return Err(Error::Conflict(
                    "This is the last active admin: make someone else admin first.".into(),
                ));
            }
            self.studio_audit(
                &mut tx,
                &by.audit_name(),
                &format!(
                    "changed {}'s role from {was} to {}",
                    crate::domain::email::mask(&user.email),
                    role.as_str()
                ),
            )
            .await?;
            user.role = Some(role);
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(member(user))
    }
}
