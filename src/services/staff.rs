//! Studio users.

use super::auth::hash_password;
use super::secrets::{hash_token, new_token};
use super::{Error, Result, Services};
use crate::db::{self, new_id, users::UserRow};
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
        let api_token = new_token();
        let id = new_id();
        let now = self.now_ms();
        let hash = hash_password(password.clone()).await?;
        let mut tx = self.db.begin().await?;
        db::users::insert(
            &mut *tx,
            &UserRow {
                id: id.clone(),
                email: email.as_str().into(),
                name: name.into(),
                password_hash: Some(hash),
                kind: "staff".into(),
                role: Some(role.as_str().into()),
                team_id: None,
                created_at: now,
            },
        )
        .await?;
        db::tokens::insert_api_token(&mut *tx, &hash_token(&api_token), None, Some(&id), now)
            .await?;
        tx.commit().await.map_err(anyhow::Error::from)?;
        Ok(StaffCreated {
            id,
            api_token,
            password,
        })
    }
}
