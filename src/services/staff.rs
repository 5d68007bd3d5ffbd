//! Studio users.

use super::auth::hash_password;
use super::secrets::new_token;
use super::{Error, Principal, Result, Services, StudioActor};
use crate::db::{self, new_id, users::UserRow};
use crate::domain::UserId;
use crate::domain::UserKind;
use crate::domain::{Email, StaffRole};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct StaffCreated {
    pub id: String,
    /// Shown once.
    pub api_token: String,
    /// Shown once; a random 22-character password (≈131 bits).
    pub password: String,
}

impl Services {
    /// Used by `teamshot staff add` (the operator is trusted by definition).
    pub async fn create_staff(
        &self,
        email: &str,
        name: &str,
        role: StaffRole,
    ) -> Result<StaffCreated> {
        let email = Email::parse(email).map_err(|m| Error::invalid("email", m))?;
        let name = name.trim();
        if name.is_empty() {
            return Err(Error::invalid("name", "Enter the person's name."));
        }
        if db::users::by_email(&self.db.pool, email.as_str())
            .await?
            .is_some()
        {
            return Err(Error::invalid(
                "email",
                "This email already has an account.",
            ));
        }
        let password = new_token()[..22].to_string();
        let id = new_id();
        let now = self.now_ms();
        let hash = hash_password(password.clone()).await?;
        let mut tx = self.db.begin().await?;
        db::users::insert(
            &mut *tx,
            &UserRow {
                id: UserId::of(&id),
                email: email.as_str().into(),
                name: name.into(),
                password_hash: Some(hash),
                kind: UserKind::Staff,
                role: Some(role),
                team_id: None,
                created_at: now,
                disabled_at: None,
            },
        )
        .await?;
        let api_token = super::tokens::mint(
            &mut tx,
            super::tokens::Owner::Staff(&id),
            "Created with the account",
            super::principal::OPERATOR,
            now,
        )
        .await?
        .token;
        self.studio_audit(
            &mut tx,
            super::principal::OPERATOR,
            &format!(
                "added {} as {}",
                crate::domain::email::mask(email.as_str()),
                role.as_str()
            ),
        )
        .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(StaffCreated {
            id,
            api_token,
            password,
        })
    }
}

/// A staff account as the admin's list shows it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StaffMember {
    pub id: String,
    pub name: String,
    pub email: String,
    pub role: Option<StaffRole>,
    /// Deactivated accounts cannot sign in; their sessions and tokens are gone.
    pub active: bool,
}

impl StaffMember {
    /// Whether this person has `role` (for the role pickers).
    pub fn is(&self, role: &StaffRole) -> bool {
        self.role.as_ref() == Some(role)
    }
}

impl Services {
    /// Every staff account (admins only).
    pub async fn staff_members(&self, p: &Principal) -> Result<Vec<StaffMember>> {
        p.require_staff(StaffRole::Admin)?;
        Ok(db::users::staff(&self.db.pool)
            .await?
            .into_iter()
            .map(|u| StaffMember {
                id: u.id.into(),
                name: u.name,
                email: u.email,
                role: u.role,
                active: u.disabled_at.is_none(),
            })
            .collect())
    }

    /// Deactivates a staff account: at once its sessions end, its API tokens
    /// are revoked, its claims return to the queue and sign-in is refused.
    /// Never the last active admin, never oneself.
    pub async fn deactivate_staff(
        &self,
        by: StudioActor<'_>,
        user_id: &str,
    ) -> Result<StaffMember> {
        by.require_admin()?;
        if by.user_id() == Some(&UserId::of(user_id)) {
            return Err(Error::Conflict(
                "You cannot deactivate your own account: ask another admin.".into(),
            ));
        }
        let now = self.now_ms();
        let mut tx = self.db.begin().await?;
        db::users::lock_admins(&mut *tx).await?;
        let user = db::users::get(&mut *tx, &UserId::of(user_id))
            .await?
            .filter(|u| u.kind == UserKind::Staff)
            .ok_or(Error::NotFound("staff member"))?;
        if user.disabled_at.is_none() {
            db::users::set_disabled(&mut *tx, user_id, Some(now)).await?;
            // Counted after the change, inside the same transaction: two admins
            // deactivating each other at once cannot both succeed.
            if user.role == Some(StaffRole::Admin) && db::users::active_admins(&mut *tx).await? == 0
            {
                return Err(Error::Conflict(
                    "This is the last active admin: make someone else admin first.".into(),
                ));
            }
            db::sessions::delete_for_user(&mut *tx, user_id, None).await?;
            db::tokens::delete_user_tokens(&mut *tx, user_id).await?;
            db::headshot_claims::release_claims_of(&mut *tx, user_id).await?;
            self.studio_audit(
                &mut tx,
                &by.audit_name(),
                &format!("deactivated {}", crate::domain::email::mask(&user.email)),
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(StaffMember {
            id: user.id.into(),
            name: user.name,
            email: user.email,
            role: user.role,
            active: false,
        })
    }

    /// Lets a deactivated account sign in again (with a new sign-in link or
    /// password; its old sessions and tokens stay gone).
    pub async fn reactivate_staff(
        &self,
        by: StudioActor<'_>,
        user_id: &str,
    ) -> Result<StaffMember> {
        by.require_admin()?;
        let mut tx = self.db.begin().await?;
        let user = db::users::get(&mut *tx, &UserId::of(user_id))
            .await?
            .filter(|u| u.kind == UserKind::Staff)
            .ok_or(Error::NotFound("staff member"))?;
        if db::users::set_disabled(&mut *tx, user_id, None).await? {
            self.studio_audit(
                &mut tx,
                &by.audit_name(),
                &format!("reactivated {}", crate::domain::email::mask(&user.email)),
            )
            .await?;
        }
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(StaffMember {
            id: user.id.into(),
            name: user.name,
            email: user.email,
            role: user.role,
            active: true,
        })
    }

    /// The staff account with this email (for the command line).
    pub async fn staff_by_email(&self, email: &str) -> Result<db::users::UserRow> {
        db::users::by_email(&self.db.pool, &email.trim().to_lowercase())
            .await?
            .filter(|u| u.kind == UserKind::Staff)
            .ok_or(Error::NotFound("staff member"))
    }
}
